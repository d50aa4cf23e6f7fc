"""What the window remembers: the last reports opened, its geometry, the amount unit, the
last folder a file was chosen in, the publication layout last chosen for a new report.

Kept in an INI file beside the database, so that another database (``--db``)
remembers its own last report, and tests never touch the user's settings.  A server
database's are this user's own, in the user data directory, one file per server database.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from .. import paths
from ..store.server import display, is_server


def settings_file(db_target) -> Path:
    if is_server(db_target):
        name = re.sub(r"[^0-9A-Za-z]+", "_", display(db_target).split("://", 1)[1]).strip("_")
        return paths.user_data_dir() / "servers" / f"{name}.ini"
    return Path(db_target).with_suffix(".ini")


class Settings:
    def __init__(self, db_path: Path | str):
        self._q = QSettings(str(settings_file(db_path)), QSettings.Format.IniFormat)

    def last_report(self) -> tuple[str, int] | None:
        unit, year = self._q.value("last/unit"), self._q.value("last/year")
        try:
            return (str(unit), int(year)) if unit and year else None
        except (TypeError, ValueError):
            return None

    def set_last_report(self, unit: str, year: int) -> None:
        self._q.setValue("last/unit", unit)
        self._q.setValue("last/year", year)

    def recent_reports(self) -> list[tuple[str, int]]:
        """The reports opened last, newest first."""
        found = []
        for i in range(self._q.beginReadArray("recent")):
            self._q.setArrayIndex(i)
            unit, year = self._q.value("unit"), self._q.value("year")
            try:
                found.append((str(unit), int(year)))
            except (TypeError, ValueError):
                continue
        self._q.endArray()
        return found

    def add_recent_report(self, unit: str, year: int, keep: int = 5) -> None:
        entries = [(unit, year)] + [e for e in self.recent_reports() if e != (unit, year)]
        self._q.remove("recent")   # a shorter array would leave the old tail behind
        # An array, not a list value: QSettings gives a one-item list back as a plain string.
        self._q.beginWriteArray("recent", min(len(entries), keep))
        for i, (u, y) in enumerate(entries[:keep]):
            self._q.setArrayIndex(i)
            self._q.setValue("unit", u)
            self._q.setValue("year", y)
        self._q.endArray()

    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    def last_folder(self) -> Path | None:
        """Where the user last opened or saved a file."""
        value = self._q.value("files/folder")
        return Path(value) if value else None

    def set_last_folder(self, folder: Path) -> None:
        self._q.setValue("files/folder", str(folder))

    def last_layout(self) -> str | None:
        """The layout (core.layouts) last chosen for a new report."""
        value = self._q.value("new/layout")
        return str(value) if value else None

    def set_last_layout(self, name: str) -> None:
        self._q.setValue("new/layout", name)

    def amount_unit(self) -> str:
        value = self._q.value("view/unit", "万元")
        return value if value in ("万元", "元") else "万元"

    def set_amount_unit(self, unit: str) -> None:
        self._q.setValue("view/unit", unit)

    def sync(self) -> None:
        self._q.sync()
