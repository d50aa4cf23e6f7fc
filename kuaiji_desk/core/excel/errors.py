"""The one error the workbook readers (and the writer) raise.

Its text is shown to the accountant as it is, so it says in Chinese what is wrong
and where: the file, the sheet and the cell.
"""
from __future__ import annotations


class WorkbookError(Exception):
    """A workbook that cannot be read, a cell whose content makes no sense, or a text
    too long for a cell of the workbook being written."""
