"""The open report: every edit goes through :meth:`Session.apply`, is written to
the database at once (one transaction), re-checked, and can be undone.

When another program has saved the report since the window read it, the save is
refused (ReportChanged); the report is read again, the undo history cleared, and
the edit made again on what was read when it does not meet the other program's
changes (:func:`rebase` says when); the user is told either way (``reloaded``).
"""
from __future__ import annotations

import gc
import sqlite3
from dataclasses import dataclass

import peewee
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.consolidation import LiveSum, refusal
from ..core.edits import Batch, ReplacePart, SetCells, replace_report, snapshot
from ..core.places import where
from ..core.report import COMPOSITION, DICT_PARTS, PROJECTS, Report
from ..core.rules import Checker, Finding
from ..store.db import read_only_reason
from ..store.errors import ReportChanged, StoreError, describe
from ..store.repo import load_department, load_report, revisions, save_parts

_DB_ERRORS = (StoreError, peewee.DatabaseError, sqlite3.Error, OSError)
_ABSENT = object()
FOLLOW_MS = 3000   # how often a 部门 asks whether one of its units was saved


@dataclass(frozen=True)
class _Followed:
    """What moved when a 部门's units were read again: shown as a change of those parts."""
    parts: tuple[str, ...]
    keys: tuple = ()
    label: str = "单位报告已更新"


class SaveError(Exception):
    """An edit that could not be written; the report is as it was before it."""


class Session(QObject):
    changed = Signal(object)     # the edit just applied (its parts and keys say what moved)
    checked = Signal(list)       # the findings of the whole report
    saved = Signal(str)          # a status text: 已保存
    failed = Signal(str)         # a Chinese message: an edit that could not be saved
    unit_changed = Signal(str)   # 万元 or 元, for showing and typing amounts
    replayed = Signal(object)    # the place (core.places.Place) an undo or redo changed, or None
    reloaded = Signal(str)       # another program had saved the report: read again; what became of the edit
    refused = Signal(str)        # an edit refused because the database is read-only: why, in Chinese

    def __init__(self, db, report: Report, parent=None, live: LiveSum | None = None):
        super().__init__(parent)
        self.db = db
        self.report = report
        # A 部门: its sum, kept moving with its units (their reports are read again every
        # FOLLOW_MS when another accountant or program has saved one).
        self.live = live
        self.unit_findings: list[tuple[str, list[Finding]]] = []
        self._unit_checkers: dict[str, Checker] = {}
        self._unit_revisions: dict[str, int] = {}
        self.follow_timer = QTimer(self)
        self.follow_timer.setInterval(FOLLOW_MS)
        self.follow_timer.timeout.connect(self.follow_units)
        self.read_only = read_only_reason(db)   # why nothing can be saved; empty when it can
        self.undo_stack = QUndoStack(self)
        self.checker = Checker()
        # A report is tens of thousands of small objects that live as long as it is open;
        # left to the cyclic collector they are scanned again and again while the user
        # types.  Frozen, they are not: a full check of a large report takes a third less.
        gc.collect()
        gc.freeze()
        self.findings: list[Finding] = self.checker.check(report)
        self.unit = "万元"
        if live is not None:
            self._check_units()
            self._unit_revisions = {u.unit: u.stored_revision for u in live.units}
            self.follow_timer.start()

    # -- a 部门 ----------------------------------------------------------------------
    def unit_figures(self, key) -> list[tuple[str, int]]:
        """单位明细: what each unit shows in a cell of the 部门's tables."""
        return self.live.figures(key) if self.live is not None else []

    def _check_units(self) -> None:
        self.unit_findings = []
        for unit in self.live.units:
            checker = self._unit_checkers.setdefault(unit.unit, Checker())
            self.unit_findings.append((unit.unit, checker.check(unit)))

    def follow_units(self) -> bool:
        """Reads again the units another program has saved since, and moves the sum by them;
        True when something moved."""
        composition = self.report.composition
        try:
            now = revisions(self.db, composition.units, self.report.year)
        except _DB_ERRORS:
            return False   # the database is busy or gone for a moment: asked again later
        if now == self._unit_revisions:
            return False
        try:
            if now.keys() != self._unit_revisions.keys():   # a unit's report made or deleted
                fresh = load_department(self.db, self.report.unit, self.report.year)
                self.live.set_units(fresh.units, fresh.report.composition.missing)
            else:
                for name, revision in now.items():
                    if revision != self._unit_revisions[name]:
                        unit = load_report(self.db, name, self.report.year)
                        self.live.replace_unit(unit)
        except _DB_ERRORS:
            return False
        self._unit_revisions = now
        self.findings = self.checker.check(self.report)
        self._check_units()
        self.changed.emit(_Followed(tuple(t.id for t in self.report.forms.tables) + (PROJECTS, COMPOSITION)))
        self.checked.emit(self.findings)
        return True

    @property
    def values(self):
        """Every cell's value as of the last edit (shares the checker's evaluation)."""
        return self.checker.values(self.report)

    def set_unit(self, unit: str) -> None:
        if unit != self.unit:
            self.unit = unit
            self.unit_changed.emit(unit)

    def apply(self, edit) -> bool:
        """Applies, saves and checks an edit as one undoable step; False if it could not be saved.
        When another program had saved the report, the edit may yet be made on the report read
        again, a moment later: ``reloaded`` then says what became of it."""
        if self.read_only:
            self.refused.emit(f"数据库是只读的（{self.read_only}），不能修改：这份报告只能查看、检查、导出和打印。"
                              "如需修改，请把数据库复制到可以写入的位置后再打开。")
            return False
        why = refusal(self.report, edit.parts)
        if why:
            self.refused.emit(why)
            return False
        try:
            undo = self.run(edit)
        except SaveError as exc:
            self.failed.emit(str(exc))
            return False
        except ReportChanged:
            # Not here: the edit may come from an editor still committing it, whose view must
            # not be rebuilt under it.  Once the event loop is back, the report is read again.
            QTimer.singleShot(0, self, lambda: self._reload(edit, f"「{edit.label}」", True))
            return False
        self.undo_stack.push(_EditCommand(self, edit, undo))
        return True

    def run(self, edit):
        """Applies and saves without touching the undo stack; returns the undoing edit.
        ReportChanged (the report as it was) when another program saved it meanwhile."""
        undo = edit.apply(self.report)
        try:
            save_parts(self.db, self.report, edit.parts, edit.keys)
        except ReportChanged:
            undo.apply(self.report)
            raise
        except _DB_ERRORS as exc:
            undo.apply(self.report)
            raise SaveError(f"未能保存「{edit.label}」：{describe(exc)}。这一步已撤回，数据未作更改。") from exc
        self.findings = self.checker.check(self.report)
        self.changed.emit(edit)
        self.checked.emit(self.findings)
        self.saved.emit("已保存")
        return undo

    def _reload(self, edit, what: str, keep: bool) -> None:
        """After ReportChanged: the report read again, the undo history emptied (its steps
        undo the old copy), ``edit`` made again where :func:`rebase` allows (and kept undoable
        when ``keep``), the user told."""
        message, done, reloaded = self._on_reloaded(edit, what)
        if reloaded:
            self.undo_stack.clear()
        if done is not None and keep:
            self.undo_stack.push(_EditCommand(self, *done))
        self.reloaded.emit(message)

    def _on_reloaded(self, edit, what: str):
        """After ReportChanged: reads the report again and makes ``edit`` on it when :func:`rebase`
        allows.  Returns what to tell the user, ((edit, undo) made, or None), and whether the
        report was read again (the undo history then goes: its steps undo the old copy)."""
        try:
            theirs = load_report(self.db, self.report.unit, self.report.year)
        except _DB_ERRORS as exc:
            return (f"未能保存{what}：报告已被另一个程序修改，而重新读取报告时出错（{describe(exc)}）。"
                    "请关闭报告后重新打开。", None, False)
        rebased = rebase(edit, self.report, theirs)
        self._take(theirs)
        said = "报告已被另一个程序修改，已重新读取报告；撤销记录已清空。\n\n"
        if rebased is None:
            return (said + f"{what}改动的内容也被另一个程序改过了，所以没有保存。请看过现在的内容后再改。",
                    None, True)
        try:
            undo = self.run(rebased)
        except ReportChanged:
            return said + f"{what}没有保存：报告又被另一个程序修改了。请再改一次。", None, True
        except SaveError as exc:
            return said + str(exc), None, True
        return (said + f"{what}与另一个程序的修改互不相干，已在重新读取的报告上保存。", (rebased, undo), True)

    def _take(self, theirs: Report) -> None:
        """The report as read again, in place (every tab holds this one Report), shown as one
        change of every part."""
        everything = replace_report(self.report, theirs, "重新读取报告")
        everything.apply(self.report)
        self.report.stored_revision = theirs.stored_revision
        self.findings = self.checker.check(self.report)
        self.changed.emit(everything)
        self.checked.emit(self.findings)


def rebase(edit, mine: Report, theirs: Report):
    """``edit``, made on the window's copy ``mine``, as it applies to ``theirs`` (the report as
    another program saved it); None where the two meet.

    An edit is made again only where the other program left what the edit changes as the
    window had it:

    - figures (SetCells): every table they are in, whole — set_figures chose which stated
      totals of the table go back to computed from the table as the window showed it;
    - a dict part — texts, numbers, last year's figures, explanations (ReplacePart): only the
      keys the edit adds, changes or removes; the other keys keep what the other program saved;
    - any other part — a table with its code rows, the projects, the overall, the department
      (ReplacePart): the part, whole;
    - several edits as one step (Batch): each of them, all or none.

    Any other kind of edit is not made again.
    """
    if isinstance(edit, SetCells):
        tables = {key[0] for key in edit.keys}
        return edit if all(snapshot(mine, t) == snapshot(theirs, t) for t in tables) else None
    if isinstance(edit, ReplacePart):
        if edit.part not in DICT_PARTS:
            return edit if snapshot(mine, edit.part) == snapshot(theirs, edit.part) else None
        old, new, now = snapshot(mine, edit.part), edit.state, snapshot(theirs, edit.part)
        keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k, _ABSENT) != new.get(k, _ABSENT)]
        if any(now.get(k, _ABSENT) != old.get(k, _ABSENT) for k in keys):
            return None
        merged = {k: v for k, v in now.items() if k not in keys}
        merged.update((k, new[k]) for k in keys if k in new)
        return ReplacePart(edit.part, merged, edit.label)
    if isinstance(edit, Batch):
        members = tuple(rebase(e, mine, theirs) for e in edit.edits)
        return None if any(m is None for m in members) else Batch(members, edit.label)
    return None


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
        self._backward = self._step(self._forward, "重做")

    def undo(self):
        self._forward = self._step(self._backward, "撤销")

    def _step(self, edit, what: str):
        session = self._session
        try:
            undone = session.run(edit)
        except SaveError as exc:
            session.failed.emit(str(exc))
            self.setObsolete(True)
            return edit
        except ReportChanged:
            # The stack is running this command: the report is read again, and the stack
            # emptied, once it has returned.
            self.setObsolete(True)
            label = f"「{what} {self.text()}」"
            QTimer.singleShot(0, session, lambda: session._reload(edit, label, False))
            return edit
        session.replayed.emit(where(edit, undone))
        return undone
