"""Which Chinese fonts the PDF is set in.

On Windows the system's 宋体 (tables), 仿宋 (running text) and 黑体 (headings) give
the conventional look of a published report; they are licensed with Windows, so
they are used from C:\\Windows\\Fonts and never shipped.  Where one of them is
missing, cannot be read or does not allow embedding, the bundled WenQuanYi Micro
Hei stands in.  Every font is embedded as a subset, so the file reads the same
on any machine; which fonts were used is recorded in the PDF's subject.

reportlab has no per-glyph fallback: a character the chosen font lacks prints as
a blank box.  :meth:`PdfFonts.missing` names such characters so the caller can warn.
"""
from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kuaiji_desk.fonts import bundled_font_path

BUNDLED = "KJ-WQYMicroHei"
BUNDLED_LABEL = "文泉驿微米黑 WenQuanYi Micro Hei（内置）"

# role → the fonts for it, the first one found: (registered name, file name, face index in a
# collection, label).  Running text is set in 仿宋_GB2312 where the machine has it, as the
# official documents are; else 仿宋.
_SYSTEM = {
    "song": (("KJ-SimSun", "simsun.ttc", 0, "宋体 SimSun"),),
    "fang": (("KJ-FangSongGB2312", "仿宋_GB2312.ttf", 0, "仿宋_GB2312"),
             ("KJ-FangSongGB2312", "FSGB2312.ttf", 0, "仿宋_GB2312"),
             ("KJ-FangSong", "simfang.ttf", 0, "仿宋 FangSong")),
    "hei": (("KJ-SimHei", "simhei.ttf", 0, "黑体 SimHei"),),
}

# A bad, truncated or foreign file fails in many ways while reportlab parses it.
_UNUSABLE = (TTFError, OSError, struct.error, ValueError, KeyError, IndexError)


@dataclass(frozen=True)
class PdfFonts:
    """Registered reportlab font names per role, and what they are."""
    song: str                    # tables, cover, notes
    fang: str                    # running text
    hei: str                     # headings and titles
    labels: dict[str, str]       # role → human description
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.song, self.fang, self.hei)))

    def covers(self, font_name: str, char: str) -> bool:
        cmap = self._cmaps.get(font_name)
        return cmap is None or ord(char) in cmap

    def missing(self, font_name: str, text: str) -> set[str]:
        cmap = self._cmaps.get(font_name)
        if cmap is None:
            return set()
        return {c for c in text if c not in "\n\r\t" and ord(c) not in cmap}

    def description(self) -> str:
        """'宋体 SimSun；仿宋 FangSong；黑体 SimHei' — one entry per distinct font."""
        return "；".join(dict.fromkeys(self.labels[r] for r in ("song", "fang", "hei")))


def system_fonts_dir() -> Path | None:
    """C:\\Windows\\Fonts on Windows; None elsewhere."""
    if sys.platform != "win32":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


_registered: dict[tuple[str, str], frozenset[int]] = {}


def _register(name: str, path: Path, index: int) -> frozenset[int]:
    """Registers a TrueType font once per (name, file); raises one of _UNUSABLE."""
    key = (name, str(path))
    cmap = _registered.get(key)
    if cmap is not None:
        return cmap
    font = TTFont(name, str(path), subfontIndex=index)
    pdfmetrics.registerFont(font)
    cmap = frozenset(font.face.charToGlyph)
    _registered[key] = cmap
    return cmap


def resolve_fonts(system_dir: Path | None | bool = True) -> PdfFonts:
    """The fonts for this machine.

    ``system_dir``: True looks in the Windows font folder (when on Windows), a
    path looks there instead, False or None uses the bundled font only.
    """
    directory = system_fonts_dir() if system_dir is True else (system_dir or None)
    bundled_cmap = _register(BUNDLED, bundled_font_path(), 0)
    names, labels, cmaps = {}, {}, {BUNDLED: bundled_cmap}
    for role, candidates in _SYSTEM.items():
        names[role], labels[role] = BUNDLED, BUNDLED_LABEL
        for name, filename, index, label in candidates if directory is not None else ():
            path = Path(directory) / filename
            if not path.is_file():
                continue
            try:
                cmaps[name] = _register(name, path, index)
            except _UNUSABLE:
                continue
            names[role], labels[role] = name, label
            break
    return PdfFonts(song=names["song"], fang=names["fang"], hei=names["hei"], labels=labels, _cmaps=cmaps)
