"""文件 → 最近打开: the last reports opened, kept in the settings beside the database."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu

from ..store import repo


class RecentMenu(QMenu):
    def __init__(self, window, open_report: Callable[[str, int], None]):
        super().__init__("最近打开(&L)", window)
        self._window = window
        self._open_report = open_report
        # Rebuilt each time it opens: a restore or another copy may have removed a report.
        self.aboutToShow.connect(self.rebuild)

    def add(self, unit: str, year: int) -> None:
        self._window.settings.add_recent_report(unit, year)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        db = self._window.db
        entries = [(u, y) for u, y in self._window.settings.recent_reports() if repo.report_exists(db, u, y)]
        for n, (unit, year) in enumerate(entries, 1):
            action = self.addAction(f"&{n} {unit} {year}年度")
            action.triggered.connect(lambda checked=False, u=unit, y=year: self._open_report(u, y))
        if not entries:
            self.addAction("（无）").setEnabled(False)
