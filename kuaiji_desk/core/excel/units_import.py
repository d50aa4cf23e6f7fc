"""A 部门's units imported at once: each workbook goes to the unit it names (its 「部门：…」 or
「编制单位：…」 line, or our export's data sheet), one or several workbooks a unit, any shipped
layout; every file is read before anything is written."""
from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from .errors import WorkbookError
from .imported import ImportedData
from .importer import read_workbooks
from .origin import workbook_origin


@dataclass
class UnitImport:
    unit: str
    files: list[Path] = field(default_factory=list)
    data: ImportedData | None = None


def read_units(paths: list[str | PathLike], year: int, skip_unplaced: bool = False) -> list[UnitImport]:
    """The workbooks grouped by the unit each names, and read: WorkbookError (naming the files)
    when a workbook names no unit, or when one cannot be read."""
    groups: dict[str, UnitImport] = {}
    unnamed = []
    for path in map(Path, paths):
        unit = workbook_origin([path], year).unit
        if unit is None:
            unnamed.append(path.name)
            continue
        groups.setdefault(unit, UnitImport(unit)).files.append(path)
    if unnamed:
        raise WorkbookError(f"「{'」「'.join(unnamed)}」没有写明单位（表中没有「部门：…」或「编制单位：…」），"
                            "不知道该导入哪个单位：请单独导入到该单位的报告。")
    for group in groups.values():
        try:
            group.data = read_workbooks(group.files, year, skip_unplaced=skip_unplaced)
        except WorkbookError as exc:
            raise WorkbookError(f"单位「{group.unit}」的工作簿：{exc}") from None
    return list(groups.values())
