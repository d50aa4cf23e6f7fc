"""Writing an output file in one piece: what is left on a full disk or beside a file another
program holds, and what the accountant is told — the file they chose, in Chinese."""
from __future__ import annotations

import errno
import gc
import os
import sys
from pathlib import Path

import pytest

from full_disk import fill_up, hidden, refuse_removal, refuse_writes
from kuaiji_desk.core import files
from kuaiji_desk.core.files import WriteError, write_atomically
from kuaiji_desk.core.sample import load_sample


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_full_disk_is_reported_in_chinese_naming_the_target(tmp_path):
    target = tmp_path / "决算.pdf"
    target.write_bytes(b"the file of yesterday")

    def half_then_full(partial):
        Path(partial).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(partial))

    with pytest.raises(WriteError) as info:
        write_atomically(target, half_then_full)
    said = str(info.value)
    assert said == f"无法写入「{target}」：磁盘空间不足。"
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(target)
    assert target.read_bytes() == b"the file of yesterday"
    assert leftovers(tmp_path) == []


def test_a_partial_file_left_by_a_killed_export_is_removed_first(tmp_path):
    target = tmp_path / "决算.xlsx"
    (tmp_path / ".决算.xlsx.part").write_bytes(b"what a killed export had written")

    def exclusive(partial):                     # a writer that never writes over a file
        with open(partial, "xb") as f:
            f.write(b"today's export")

    assert write_atomically(target, exclusive) == target
    assert target.read_bytes() == b"today's export"
    assert leftovers(tmp_path) == []


def test_a_file_held_for_a_moment_is_replaced_once_it_is_let_go(tmp_path, monkeypatch):
    """Antivirus and cloud-sync clients open a new file for a moment; Windows refuses the rename then."""
    target = tmp_path / "决算.pdf"
    target.write_bytes(b"old")
    replace, refused = os.replace, []

    def held_twice(source, destination):
        if Path(destination) == target and len(refused) < 2:
            refused.append(destination)
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(destination))
        replace(source, destination)

    monkeypatch.setattr(files.os, "replace", held_twice)
    assert write_atomically(target, lambda p: Path(p).write_bytes(b"new")) == target
    assert len(refused) == 2 and target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_file_held_for_good_is_reported_naming_it(tmp_path, monkeypatch):
    target = tmp_path / "决算.xlsx"
    target.write_bytes(b"old")

    def held(source, destination):
        raise PermissionError(13, "Access is denied", str(destination))

    monkeypatch.setattr(files.os, "replace", held)
    with pytest.raises(WriteError) as info:
        write_atomically(target, lambda p: Path(p).write_bytes(b"new"))
    assert str(info.value) == f"无法写入「{target}」：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。"
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("cause, words", [
    (OSError(errno.EXDEV, "Invalid cross-device link"), "Invalid cross-device link"),
    (OSError("the network drive went away"), "the network drive went away"),
])
def test_a_reason_without_chinese_words_is_given_in_the_systems_own(cause, words, tmp_path):
    target = tmp_path / "决算.pdf"

    def failing(partial):
        raise cause

    with pytest.raises(WriteError) as info:
        write_atomically(target, failing)
    assert str(info.value) == f"无法写入「{target}」：{words}。"
    assert info.value.strerror == words and info.value.filename == str(target)


def test_a_partial_file_that_cannot_be_removed_first_stops_the_write(tmp_path, monkeypatch):
    target = tmp_path / "决算.xlsx"
    partial = tmp_path / ".决算.xlsx.part"
    partial.write_bytes(b"what a killed export had written")
    refuse_removal(monkeypatch, lambda path: path == partial)
    with pytest.raises(WriteError) as info:
        write_atomically(target, lambda p: Path(p).write_bytes(b"today's export"))
    assert str(info.value) == f"无法写入「{target}」：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。"
    assert not target.exists()


def test_a_failed_write_says_why_even_when_its_partial_file_cannot_be_removed(tmp_path, monkeypatch):
    target = tmp_path / "决算.pdf"

    def half_then_full(partial):
        Path(partial).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(partial))

    refuse_removal(monkeypatch, hidden)
    with pytest.raises(WriteError) as info:
        write_atomically(target, half_then_full)
    assert str(info.value) == f"无法写入「{target}」：磁盘空间不足。"


def _excel(report, path):
    from kuaiji_desk.core.excel.writer import export_workbook
    export_workbook(report, path)


def _pdf(report, path):
    from kuaiji_desk.core.pdf.document import export_pdf
    export_pdf(report, path, table="01")


def _audit_excel(report, path):
    from kuaiji_desk.core.audit import audit
    from kuaiji_desk.core.excel.write_audit import write_audit_workbook
    write_audit_workbook(audit(report), path)


def _audit_pdf(report, path):
    from kuaiji_desk.core.audit import audit
    from kuaiji_desk.core.pdf.audit import write_audit_pdf
    write_audit_pdf(audit(report), path)


@pytest.mark.parametrize("write", [_excel, _pdf, _audit_excel, _audit_pdf], ids=lambda w: w.__name__[1:])
def test_an_export_that_fills_the_disk_says_so_and_nothing_more(write, sample, tmp_path, monkeypatch):
    """Nothing printed behind the message either: a workbook's zip file left open on the full disk
    used to report its own failure on the terminal when Python collected it."""
    target = tmp_path / "导出"
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    fill_up(monkeypatch, hidden, room=2048)
    with pytest.raises(WriteError) as info:
        write_atomically(target, lambda p: write(sample, p))
    assert str(info.value) == f"无法写入「{target}」：磁盘空间不足。"
    del info
    gc.collect()
    assert [str(u.exc_value) for u in unraisable] == []
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("write", [_excel, _pdf, _audit_excel, _audit_pdf], ids=lambda w: w.__name__[1:])
def test_an_export_writes_the_file_it_is_given_and_nothing_beside_it(write, sample, tmp_path, monkeypatch):
    """The one write_atomically is the caller's; a second one inside would put its own partial file
    beside the caller's (``..决算.pdf.part.part``) and name it in a message."""
    target = tmp_path / "导出"
    refuse_writes(monkeypatch, lambda path: path.parent == tmp_path and path != target)
    write(sample, target)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["导出"] and target.stat().st_size > 1000
