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
    """One classification as published for one year.

    ``year`` is the year of the catalog itself, the one every message names;
    ``requested_year`` is the year a report asked :func:`load` for.  They differ
    when no catalog of that year is shipped and a neighbouring year stands in
    (``is_fallback``).  ``year`` is None for an empty stand-in (nothing shipped).
    """

    def __init__(self, kind: str, year: int | None, entries: list[Entry], requested_year: int | None = None):
        self.kind = kind
        self.year = year
        self.requested_year = year if requested_year is None else requested_year
        self._entries = {e.code: e for e in entries}

    @property
    def is_fallback(self) -> bool:
        return self.year != self.requested_year

    @property
    def table_label(self) -> str:
        """「2025年科目表」 for the year's own catalog; only 「科目表」 for a stand-in,
        whose year :attr:`fallback_note` names."""
        return "科目表" if self.is_fallback else f"{self.year}年科目表"

    @property
    def fallback_note(self) -> str:
        """'' for the year's own catalog, else 「（按2024年科目表核对）」."""
        if not self.is_fallback:
            return ""
        return f"（按{self.year}年科目表核对）" if self.year is not None else "（未带科目表）"

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
    def from_csv(cls, path: Path, kind: str, year: int, requested_year: int | None = None) -> "Catalog":
        """Reads ``code,name[,level,parent_code]``; level and parent follow from the code when absent."""
        entries = []
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                code = normalise_code(row.get("code"))
                level = level_of(code)
                if not code or level is None:
                    continue
                entries.append(Entry(code, (row.get("name") or "").strip(), level, parent_of(code)))
        return cls(kind, year, entries, requested_year)


def available_years(kind: str) -> list[int]:
    """The years whose catalog of ``kind`` is shipped, ascending."""
    years = []
    for p in (resources_dir() / "catalog").glob(f"{kind}_*.csv"):
        m = re.fullmatch(rf"{kind}_(\d{{4}})", p.stem)
        if m:
            years.append(int(m.group(1)))
    return sorted(years)


def catalog_year(kind: str, year: int) -> int | None:
    """The shipped year that stands for ``year``: itself, else the latest earlier one,
    else the earliest (a year before all of them); None when nothing is shipped."""
    years = available_years(kind)
    if not years:
        return None
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


@lru_cache(maxsize=None)
def load(kind: str, year: int) -> Catalog:
    """The catalog for a report of ``year``: that year's, or the one :func:`catalog_year`
    picks; the result's ``year`` says which."""
    if kind not in KINDS:
        raise ValueError(kind)
    used = catalog_year(kind, year)
    if used is None:
        return Catalog(kind, None, [], year)
    return Catalog.from_csv(resources_dir() / "catalog" / f"{kind}_{used}.csv", kind, used, year)
