"""The rule engine: every rule over the whole report, after every edit.

A rule is a callable ``rule(ctx) -> iterable of Finding`` that names what it
reads in ``rule.deps``.  Arithmetic rules are data (:mod:`.catalogue`, and the
totals the table declarations state); the rest are small functions grouped by
subject.  Later groups (last year, narrative, completeness) join by adding their
callables to ``RULES``.

A :class:`Checker` kept beside an open report re-runs only the rules whose
inputs changed since its last check (the report's revisions say which); the
findings are always those of the whole report.
"""
from __future__ import annotations

from collections import Counter

from ..forms import for_year
from ..layout import Values
from ..report import Report
from . import codes, completeness, department, facts, selfeval
from .arith import TableSums
from .catalogue import RELATIONS
from .context import Context
from .findings import ERROR, NOTICE, SEVERITIES, WARNING, Finding

RULES = (
    *(TableSums(t.id) for t in for_year(0).tables),
    *RELATIONS,
    *codes.RULES,
    *selfeval.RULES,
    *facts.RULES,
    *completeness.RULES,
    *department.RULES,
)

_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


class Checker:
    def __init__(self):
        self._report: Report | None = None
        self._values_cache: dict = {}
        self._results: dict[int, tuple[tuple[int, ...], list[Finding]]] = {}

    def _follow(self, report: Report) -> None:
        if report is not self._report:
            self._report, self._values_cache, self._results = report, {}, {}

    def values(self, report: Report) -> Values:
        """Every cell's value, sharing the evaluation of the last check."""
        self._follow(report)
        return Values(report, self._values_cache)

    def check(self, report: Report) -> list[Finding]:
        self._follow(report)
        ctx = Context(report, self._values_cache)
        findings: list[Finding] = []
        for i, rule in enumerate(RULES):
            key = tuple(report.revision(part) for part in rule.deps)
            hit = self._results.get(i)
            if hit is None or hit[0] != key:
                hit = self._results[i] = (key, list(rule(ctx)))
            findings.extend(hit[1])
        findings.sort(key=lambda f: (_ORDER[f.severity], f.table, f.rule))
        return findings


def check(report: Report) -> list[Finding]:
    """All findings of a report, computed afresh."""
    return Checker().check(report)


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


__all__ = ["check", "summary", "Checker", "Finding", "ERROR", "WARNING", "NOTICE", "RULES"]
