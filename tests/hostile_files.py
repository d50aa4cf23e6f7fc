"""Small files that ask for a lot, written in a moment, and a probe that reads one in a child
process with its memory capped: (what it said, seconds, peak MB).

The files are made by editing the parts of a real workbook (the fixture, or an export) rather
than through openpyxl, which would itself build what they describe.
"""
from __future__ import annotations

import json
import random
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import workbook_variants as wv

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet title → its part in the zip."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    parts = {}
    for m in re.finditer(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book):
        target = targets[m.group(2)].lstrip("/")
        parts[m.group(1)] = target if target.startswith("xl/") else "xl/" + target
    return parts


def patched(src: Path, dst: Path, changes: dict[str, Callable[[bytes], bytes]], level: int = 6) -> Path:
    """A copy of the workbook with some parts rewritten."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename in changes:
                body = changes[info.filename](body)
            zout.writestr(info.filename, body)
    return dst


def with_merges(xml: bytes, refs: list[str]) -> bytes:
    """The sheet's merged ranges replaced by ``refs``, written straight into its XML."""
    xml = re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>|<mergeCells[^>]*/>", b"", xml, flags=re.S)
    cells = b"".join(b'<mergeCell ref="%s"/>' % r.encode() for r in refs)
    return xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="%d">%s</mergeCells>' % (len(refs), cells), 1)


def merged_range(path: Path, sheet: str, ref: str) -> Path:
    return patched(wv.PUBLIC_TABLES, path, {sheet_parts(wv.PUBLIC_TABLES)[sheet]: lambda xml: with_merges(xml, [ref])})


def many_merges(path: Path, sheet: str, count: int) -> Path:
    refs = [f"K{2 * i + 1}:K{2 * i + 2}" for i in range(count)]
    return patched(wv.PUBLIC_TABLES, path, {sheet_parts(wv.PUBLIC_TABLES)[sheet]: lambda xml: with_merges(xml, refs)})


def merges_on_every_sheet(path: Path, ref: str) -> Path:
    parts = sheet_parts(wv.PUBLIC_TABLES)
    return patched(wv.PUBLIC_TABLES, path, {part: (lambda xml: with_merges(xml, [ref])) for part in parts.values()})


def _rows(total_bytes: int) -> list[bytes]:
    """Sheet rows of about ``total_bytes``, repetitive enough to pack some 90:1 (a random
    number every hundred rows), so that no zip-bomb ratio gives them away."""
    rng = random.Random(11)
    plain = b'<row><c t="n"><v>1</v></c></row>'
    block = b"".join(b'<row><c t="n"><v>%d</v></c></row>' % rng.getrandbits(40) if i % 100 == 0 else plain
                     for i in range(200_000))
    return [block] * max(1, total_bytes // len(block))


def huge_sheet(path: Path, sheet: str, total_bytes: int) -> Path:
    """The fixture with one sheet's XML some ``total_bytes`` long: its figures, then rows and rows."""
    part = sheet_parts(wv.PUBLIC_TABLES)[sheet]
    with zipfile.ZipFile(wv.PUBLIC_TABLES) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename != part:
                zout.writestr(info.filename, body)
                continue
            head, tail = body.split(b"</sheetData>", 1)
            head = re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", head)
            with zout.open(part, "w", force_zip64=False) as f:
                f.write(head)
                for block in _rows(total_bytes):
                    f.write(block)
                f.write(b"</sheetData>" + tail)
    return path


def padded_data_sheet(export: Path, path: Path, rows: int) -> Path:
    """An export whose hidden data sheet declares the whole grid (A1:XFD1048576) as used, with
    ``rows`` more rows of one empty cell each: a reader that believes the dimension makes
    16 384 cells of each row."""
    part = sheet_parts(export)["kuaiji_data"]

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
        last = max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml))
        extra = b"".join(b'<row r="%d"><c r="A%d" t="n"/></row>' % (n, n) for n in range(last + 1, last + 1 + rows))
        return xml.replace(b"</sheetData>", extra + b"</sheetData>", 1)
    return patched(export, path, {part: change})


def xls_far_corner(path: Path) -> Path:
    """The .xls fixture with its one number off the tables (0.8645 at A41 of 公开09表) moved to
    IV65536, the last cell of a sheet: its NUMBER record's row and column rewritten in place."""
    data = bytearray((wv.FIXTURES / "hanyang-2024-public-tables.xls").read_bytes())
    record = struct.pack("<HHHH", 0x0203, 14, 40, 0)           # NUMBER, length, row 40, column 0
    at = data.find(record)
    assert at >= 0 and data[at + 10:at + 18] == struct.pack("<d", 0.8645)
    struct.pack_into("<HH", data, at + 4, 65535, 255)
    path.write_bytes(bytes(data))
    return path


# -- the probe ---------------------------------------------------------------------------

_PROBE = r"""
import json, resource, sys, time
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
mode, args = sys.argv[2], sys.argv[3:]
if mode == "read":
    from kuaiji_desk.core.excel.errors import WorkbookError
    from kuaiji_desk.core.excel.importer import read_workbooks
    start = time.monotonic()
    try:
        data = read_workbooks([args[0]], int(args[1]))
        said, ok = "; ".join(data.found), True
    except WorkbookError as e:
        said, ok = str(e), False
    except BaseException as e:
        said, ok = f"{type(e).__name__}: {e}"[:500], None
else:
    import io
    from kuaiji_desk import cli
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    try:
        code = cli.main(args, out=out, err=err)
        said, ok = err.getvalue() or out.getvalue(), code
    except BaseException as e:
        said, ok = f"{type(e).__name__}: {e}"[:500], None
seconds = time.monotonic() - start
try:    # this process's own high-water mark (ru_maxrss would count what it was forked from)
    with open("/proc/self/status") as f:
        peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"said": said, "ok": ok, "seconds": seconds, "peak_mb": peak}, ensure_ascii=False))
"""


def probe(mode: str, *args, memory_mb: int = 2048, timeout: int = 60) -> dict:
    """Reads a file in a child process whose address space is capped at ``memory_mb`` (so that a
    bomb fails there, not here): {said, ok, seconds, peak_mb}.  ``ok`` is True (read), False
    (refused) or None (crashed); for mode "cli" the exit status.  A child that runs past
    ``timeout`` is reported as crashed."""
    try:
        proc = subprocess.run([sys.executable, "-c", _PROBE, str(memory_mb), mode, *map(str, args)],
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"said": f"no answer within {timeout} s", "ok": None, "seconds": float(timeout), "peak_mb": None}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"said": proc.stderr[-500:], "ok": None, "seconds": None, "peak_mb": None}
    return json.loads(lines[-1])
