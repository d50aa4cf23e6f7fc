"""Exports from the window where the disk is full or another program holds the file: the message
names the file the user chose, in Chinese; a file held only for a moment is written all the same."""
from __future__ import annotations

import os
from pathlib import Path

from as_user import ok, save_as, yes
from full_disk import fill_up, hidden
from kuaiji_desk.core import files


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_pdf_export_on_a_full_disk_names_the_file_and_keeps_the_old_one(open_window, user, dialogs, tmp_path,
                                                                          monkeypatch):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    out = tmp_path / "U盘"
    out.mkdir()
    target = out / "决算公开.pdf"
    target.write_bytes(b"last week's export")
    with monkeypatch.context() as disk:
        fill_up(disk, hidden)
        dialogs.answer(save_as(target), yes, ok)        # the file dialog asks before overwriting
        me.choose("文件", "导出PDF")
    refused = dialogs.last
    assert (refused.title, refused.text) == ("无法导出PDF", f"无法写入「{target}」：磁盘空间不足。")
    assert target.read_bytes() == b"last week's export"
    assert hidden_files(out) == []


def test_an_export_onto_a_file_held_for_a_moment_goes_through(open_window, user, dialogs, tmp_path, monkeypatch):
    """Antivirus and cloud-sync clients look at a new file for a moment; Windows refuses the rename then."""
    window = open_window()
    me = user(window)
    me.click("打开示例")
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"last week's export")
    replace, refused = os.replace, []

    def held_twice(source, destination):
        if Path(destination) == target and len(refused) < 2:
            refused.append(destination)
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(destination))
        replace(source, destination)

    monkeypatch.setattr(files.os, "replace", held_twice)
    dialogs.answer(save_as(target), yes)
    me.choose("文件", "导出Excel")
    assert len(refused) == 2 and target.read_bytes().startswith(b"PK")
    assert window.message.message() == f"已导出Excel：{target}"
    assert [s.title for s in dialogs.seen if s.title.startswith("无法")] == []
