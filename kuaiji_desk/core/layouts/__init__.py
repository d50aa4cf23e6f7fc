"""Publication layouts: how a region prints the report's tables, one data file per
(region, year) in resources/layouts/*.toml.

The cells of a report are those of the data model (:func:`kuaiji_desk.core.forms.for_year`:
the national 决算 tables, numbered as the central template and 湖北's print them); the rules
hold on it, whatever the layout.  A layout says which tables are printed and in which order,
their labels (公开01表 / 一), titles, printed rows and their labels, the order and header
words of their columns, whether 行次 and 栏次 are printed, where 合计 stands, 06's blocks,
the notes and empty-table statements, and the narrative's section titles.  The loader
(:mod:`.loader`) builds from it a *rendering* of every table in the declaration types of
:mod:`..forms.spec` — the same ids and totals, never restated — that the writers, the
readers and the window print and read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kuaiji_desk.paths import resources_dir

from ..forms import Table

DEFAULT = "hubei-2024"   # the layout of every report made before layouts were (store migration 5)
DEFAULT_SERIES = "hubei"
FOLDER = "layouts"


class UnknownLayout(KeyError):
    """No layout of that name is shipped; the message (Chinese) lists those that are."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"没有名为「{self.name}」的公开表式样。可用的式样：{'、'.join(names())}"


@dataclass(frozen=True)
class Layout:
    name: str                         # 'shanghai-2024': the series and the year
    series: str                       # 'shanghai': the same layout through the years
    region: str                       # 上海
    year: int                         # the 决算 year it was published for
    title: str                        # 上海 2024年度（24类）: what the window lists
    description: str
    sources: str                      # where its facts come from, with their confidence
    tables: tuple[Table, ...]         # the renderings, in print order
    narrative_titles: dict[str, str] = field(default_factory=dict)   # 情况说明 item id → title
    rank: int = 100                   # its place in lists

    def table(self, table_id: str) -> Table:
        """The rendering of the data model's table ``table_id``."""
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    @property
    def choice(self) -> str:
        """The line a list of layouts shows: 上海 2024年度（24类） — its description."""
        return f"{self.title} — {self.description}"


@lru_cache(maxsize=None)
def all_layouts() -> tuple[Layout, ...]:
    """Every shipped layout, in list order (rank, then series, then year)."""
    from .loader import load_folder

    return tuple(sorted(load_folder(resources_dir() / FOLDER), key=lambda x: (x.rank, x.series, x.year)))


def names() -> list[str]:
    return [x.name for x in all_layouts()]


def get(name: str) -> Layout:
    for x in all_layouts():
        if x.name == name:
            return x
    raise UnknownLayout(name)


def in_series(series: str, year: int) -> Layout | None:
    """The series' layout for ``year``: the latest published for it or before, else its first."""
    found = sorted((x for x in all_layouts() if x.series == series), key=lambda x: x.year)
    if not found:
        return None
    before = [x for x in found if x.year <= year]
    return before[-1] if before else found[0]


def for_year(name: str, year: int) -> str:
    """The name of ``name``'s layout for another year (the same series), or ``name`` itself."""
    try:
        series = get(name).series
    except UnknownLayout:
        return name
    found = in_series(series, year)
    return found.name if found is not None else name


def default_for(year: int) -> str:
    found = in_series(DEFAULT_SERIES, year)
    return found.name if found is not None else DEFAULT


def of(report) -> Layout:
    """The report's layout; a name this version does not ship (a database written by a newer
    one) prints as the default."""
    try:
        return get(report.layout)
    except UnknownLayout:
        return get(DEFAULT)
