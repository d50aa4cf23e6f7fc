"""The narrative of the report — 第一、三、四、五部分 — generated from its data.

Every figure in the text comes from a table cell, a self-evaluation or a typed
figure; the accountant writes only what no figure can say (reasons, purposes,
duties).  Writers lay the returned blocks out (see :mod:`.blocks`).
"""
from .blocks import Block, Chart, Heading, Paragraph
from .part_five import part_five
from .part_four import part_four
from .part_one import part_one
from .part_three import part_three

__all__ = ["Block", "Chart", "Heading", "Paragraph", "part_five", "part_four", "part_one", "part_three"]
