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
LOCATION_FILENAME = "database-location.txt"


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

    return long_path(Path(appdirs.user_data_dir(APP_NAME, appauthor=False)))


def long_path(path: Path) -> Path:
    """The path in its long form: appdirs gives Windows' 8.3 short form of a folder with
    Chinese in its name (C:\\Users\\ZHANGK~1\\…), which no accountant recognises in a dialog."""
    if sys.platform != "win32":
        return path
    return Path(_windows_long_name(str(path)))


def _windows_long_name(short: str) -> str:
    """GetLongPathNameW of what exists of the path: its existing head made long, the rest kept."""
    import ctypes

    head, tail = short, ""
    while head and not os.path.exists(head):
        head, part = os.path.split(head)
        if not part:
            break
        tail = os.path.join(part, tail) if tail else part
    buffer = ctypes.create_unicode_buffer(32768)
    done = ctypes.windll.kernel32.GetLongPathNameW(head, buffer, len(buffer))
    long_head = buffer.value if 0 < done < len(buffer) else head
    return os.path.join(long_head, tail) if tail else long_head


def db_target(text: str) -> Path | str:
    """What ``--db`` or the environment names: a file's path, or a server database's
    ``postgresql://`` URL, kept as written (a Path would fold its ``//``)."""
    from .store.server import is_server

    return text if is_server(text) else Path(text)


def default_db_path() -> Path | str:
    """``--db`` wins over this; then the environment variable; then the location chosen in the
    window (文件 → 数据库位置); then the file in the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return db_target(env)
    chosen = chosen_location()
    if chosen:
        return db_target(chosen)
    return user_data_dir() / DB_FILENAME


def location_file() -> Path:
    """Where the window keeps the database location the user chose: one line, a path or a URL."""
    return user_data_dir() / LOCATION_FILENAME


def chosen_location() -> str:
    try:
        return location_file().read_text("utf-8").strip()
    except OSError:
        return ""


def choose_location(text: str) -> None:
    """Remembers a database location for the next start ('' for the default file)."""
    path = location_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.strip() + "\n" if text.strip() else "", "utf-8")
