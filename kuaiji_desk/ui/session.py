"""The open report: every edit goes through :meth:`Session.apply`, is written to
the database at once (one transaction), re-checked, and can be undone."""
from __future__ import annotations

import gc
import sqlite3

import peewee
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.places import where
from ..core.report import Report
from ..core.rules import Checker, Finding
from ..store.errors import StoreError, describe
from ..store.repo import save_parts


class SaveError(Exception):
    """An edit that could not be written; the report is as it was before it."""


class Session(QObject):
    changed = Signal(object)     # the edit just applied (its parts and keys say what moved)
    checked = Signal(list)       # the findings of the whole report
    saved = Signal(str)          # a status text: 已保存
    failed = Signal(str)         # a Chinese message: an edit that could not be saved
    unit_changed = Signal(str)   # 万元 or 元, for showing and typing amounts
    replayed = Signal(object)    # the place (core.places.Place) an undo or redo changed, or None

    def __init__(self, db, report: Report, parent=None):
        super().__init__(parent)
        self.db = db
        self.report = report
        self.undo_stack = QUndoStack(self)
        self.checker = Checker()
        # A report is tens of thousands of small objects that live as long as it is open;
        # left to the cyclic collector they are scanned again and again while the user
        # types.  Frozen, they are not: a full check of a large report takes a third less.
        gc.collect()
        gc.freeze()
        self.findings: list[Finding] = self.checker.check(report)
        self.unit = "万元"

    @property
    def values(self):
        """Every cell's value as of the last edit (shares the checker's evaluation)."""
        return self.checker.values(self.report)

    def set_unit(self, unit: str) -> None:
        if unit != self.unit:
            self.unit = unit
            self.unit_changed.emit(unit)

    def apply(self, edit) -> bool:
        """Applies, saves and checks an edit as one undoable step; False if it could not be saved."""
        try:
            undo = self.run(edit)
        except SaveError as exc:
            self.failed.emit(str(exc))
            return False
        self.undo_stack.push(_EditCommand(self, edit, undo))
        return True

    def run(self, edit):
        """Applies and saves without touching the undo stack; returns the undoing edit."""
        undo = edit.apply(self.report)
        try:
            save_parts(self.db, self.report, edit.parts, edit.keys)
        except (StoreError, peewee.DatabaseError, sqlite3.Error, OSError) as exc:
            undo.apply(self.report)
            raise SaveError(f"未能保存「{edit.label}」：{describe(exc)}。这一步已撤回，数据未作更改。") from exc
        self.findings = self.checker.check(self.report)
        self.changed.emit(edit)
        self.checked.emit(self.findings)
        self.saved.emit("已保存")
        return undo


class _EditCommand(QUndoCommand):
    """Undo and redo re-run edits through the session, so they are saved too."""

    def __init__(self, session: Session, edit, undo):
        super().__init__(edit.label)
        self._session = session
        self._forward, self._backward = edit, undo
        self._done = True  # push() calls redo(); the edit was already applied

    def redo(self):
        if self._done:
            self._done = False
            return
        self._backward = self._step(self._forward)

    def undo(self):
        self._forward = self._step(self._backward)

    def _step(self, edit):
        try:
            undone = self._session.run(edit)
        except SaveError as exc:
            self._session.failed.emit(str(exc))
            self.setObsolete(True)
            return edit
        self._session.replayed.emit(where(edit, undone))
        return undone
