"""Where things live: shipped resources and the user's database.

appdirs is the user's choice of library; this is the only module that uses it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "kuaiji_desk"
DB_ENV = "KUAIJI_DESK_DB"
DB_FILENAME = "kuaiji.db"


def resources_dir() -> Path:
    """resources/ of a source checkout, of an installed package or of a frozen bundle."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "kuaiji_desk" / "resources")
    for c in candidates:
        if (c / "catalog").is_dir():
            return c
    return candidates[-1]


def user_data_dir() -> Path:
    import appdirs

    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def db_target(text: str) -> Path | str:
    """What ``--db`` or the environment names: a file's path, or a server database's
    ``postgresql://`` URL, kept as written (a Path would fold its ``//``)."""
    from .store.server import is_server

    return text if is_server(text) else Path(text)


def default_db_path() -> Path | str:
    """``--db`` wins over this; then the environment variable; then the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return db_target(env)
    return user_data_dir() / DB_FILENAME
