"""Findings gathered by where they point, for colouring what the user sees there."""
from __future__ import annotations

from typing import Callable, Hashable, Iterable, TypeVar

from ..core.rules import Finding
from .style import worst

K = TypeVar("K", bound=Hashable)
Mark = tuple[str, str]   # (the worst severity, the messages one per line)


def collect(findings: Iterable[Finding], where: Callable[[Finding], K | None]) -> dict[K, Mark]:
    """``where`` names the place of a finding, or None for findings shown elsewhere."""
    found: dict[K, list[Finding]] = {}
    for f in findings:
        place = where(f)
        if place is not None:
            found.setdefault(place, []).append(f)
    return {place: (worst(f.severity for f in fs), "\n".join(f.message for f in fs)) for place, fs in found.items()}
