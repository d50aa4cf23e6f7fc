"""The classification catalogs: 支出功能分类科目 and 部门预算支出经济分类科目, per year.

A code's length is its level (3 类, 5 款, 7 项) and its parent is its prefix.  The
catalog is advisory: a code it lacks is accepted by the report and only warned
about by the rules.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kuaiji_desk.paths import resources_dir

FUNCTIONAL = "functional"
ECONOMIC = "economic"
KINDS = (FUNCTIONAL, ECONOMIC)

LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}
_LEVEL_OF_LENGTH = {3: 1, 5: 2, 7: 3}


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: int
    parent: str | None


def normalise_code(raw) -> str:
    """'201035 0' / 2010350 / '2010350.0' → '2010350'."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = re.sub(r"\s+", "", text)
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def normalise_name(name: str) -> str:
    """For comparing names only: half-width brackets and quotes, no spaces."""
    t = re.sub(r"\s+", "", name or "")
    return t.translate(str.maketrans({"(": "（", ")": "）", "\"": "“", "“": "“", "”": "“", "、": "、", "．": "."}))


def level_of(code: str) -> int | None:
    """1, 2 or 3 by the code's length; None for a malformed code."""
    if not code.isdigit():
        return None
    return _LEVEL_OF_LENGTH.get(len(code))


def parent_of(code: str) -> str | None:
    level = level_of(code)
    if level == 2:
        return code[:3]
    if level == 3:
        return code[:5]
    return None


def ancestors_of(code: str) -> list[str]:
    """Parents up to the 类, nearest first."""
    out = []
    p = parent_of(code)
    while p:
        out.append(p)
        p = parent_of(p)
    return out


class Catalog:
    """One classification for one year."""

    def __init__(self, kind: str, year: int, entries: list[Entry], source_year: int | None = None):
        self.kind = kind
        self.year = year
        self.source_year = source_year or year
        self._entries = {e.code: e for e in entries}

    def lookup(self, code) -> Entry | None:
        """Any spelling of a code: '201035 0', 2010350."""
        return self._entries.get(normalise_code(code))

    def get(self, code: str) -> Entry | None:
        """A code already normalised, as the report keeps them (fast)."""
        return self._entries.get(code)

    def name(self, code) -> str | None:
        e = self.lookup(code)
        return e.name if e else None

    def __contains__(self, code) -> bool:
        return normalise_code(code) in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, level: int | None = None) -> list[Entry]:
        return [e for e in self._entries.values() if level is None or e.level == level]

    def children(self, code: str) -> list[Entry]:
        return [e for e in self._entries.values() if e.parent == code]

    def search(self, text: str, limit: int = 50) -> list[Entry]:
        """Codes starting with ``text`` or names containing it (for completers)."""
        text = text.strip()
        if not text:
            return []
        key = normalise_name(text)
        hits = [e for e in self._entries.values() if e.code.startswith(text) or key in normalise_name(e.name)]
        hits.sort(key=lambda e: (not e.code.startswith(text), e.code))
        return hits[:limit]

    @classmethod
    def from_csv(cls, path: Path, kind: str, year: int, source_year: int | None = None) -> "Catalog":
        """Reads ``code,name[,level,parent_code]``; level and parent follow from the code when absent."""
        entries = []
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                code = normalise_code(row.get("code"))
                level = level_of(code)
                if not code or level is None:
                    continue
                entries.append(Entry(code, (row.get("name") or "").strip(), level, parent_of(code)))
        return cls(kind, year, entries, source_year)


def _available_years(kind: str) -> list[int]:
    years = []
    for p in (resources_dir() / "catalog").glob(f"{kind}_*.csv"):
        m = re.fullmatch(rf"{kind}_(\d{{4}})", p.stem)
        if m:
            years.append(int(m.group(1)))
    return sorted(years)


@lru_cache(maxsize=None)
def load(kind: str, year: int) -> Catalog:
    """The catalog of ``year``, or of the nearest year we ship (earlier first)."""
    if kind not in KINDS:
        raise ValueError(kind)
    years = _available_years(kind)
    if not years:
        return Catalog(kind, year, [])
    earlier = [y for y in years if y <= year]
    source = earlier[-1] if earlier else years[0]
    return Catalog.from_csv(resources_dir() / "catalog" / f"{kind}_{source}.csv", kind, year, source)
