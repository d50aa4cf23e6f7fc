"""The Chinese font shipped with the application.

A fresh machine may have no CJK font at all, and both the window and the PDF
export need one; WenQuanYi Micro Hei (Apache-2.0 or GPLv3 with font exception,
see resources/fonts/) travels in the package.
"""
from __future__ import annotations

from pathlib import Path

from .paths import resources_dir

FONT_FILE = "wqy-microhei.ttc"


def bundled_font_path() -> Path:
    return resources_dir() / "fonts" / FONT_FILE
