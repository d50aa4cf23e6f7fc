"""Reading one located 公开表 into an :class:`ImportedTable`."""
from __future__ import annotations

from ..forms import CodeTable, FixedTable, Table
from .blocks import read_blocks
from .codes import read_codes
from .fixed import read_fixed
from .imported import ImportedTable
from .locate import Region


def read_table(region: Region, spec: Table, unit: str) -> ImportedTable:
    out = ImportedTable(spec.id, unit, (region.grid.file, region.grid.sheet))
    if isinstance(spec, FixedTable):
        read_fixed(region, spec, out)
    elif isinstance(spec, CodeTable) and spec.groups:
        read_blocks(region, spec, out)
    else:
        read_codes(region, spec, out)
    return out
