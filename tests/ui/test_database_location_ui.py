"""文件 → 数据库位置: a file or a shared server chosen in the window, tried before it is kept,
and the program's next start opens it."""
from __future__ import annotations

from as_user import fill, type_text
from kuaiji_desk import paths
from server_db import DatabaseMaker


def test_a_database_that_cannot_be_opened_is_not_kept(open_window, user, dialogs, tmp_path):
    window = open_window()
    said = []

    def bad_server(dialog):
        dialog.server.click()
        dialog.url.setFocus()
        type_text(dialog.url, "postgresql://nobody@/nodb?host=/nonexistent")
        dialog.try_location()
        said.append(dialog.result_label.text())
        dialog.reject()
    dialogs.answer(fill(bad_server, then=lambda d: None))
    user(window).choose("文件", "数据库位置")
    assert said[0].startswith("无法使用：") and paths.chosen_location() == ""


def test_another_file_is_kept_and_opened_at_the_next_start(open_window, user, dialogs, tmp_path):
    window = open_window()
    elsewhere = tmp_path / "共享" / "部门.db"
    elsewhere.parent.mkdir()

    def other_file(dialog):
        dialog.file.click()
        dialog.file_path.setFocus()
        type_text(dialog.file_path, str(elsewhere))
    dialogs.answer(fill(other_file))
    user(window).choose("文件", "数据库位置")
    assert paths.chosen_location() == str(elsewhere) and elsewhere.exists()
    assert paths.default_db_path() == elsewhere


def test_a_server_is_kept_when_it_answers(open_window, user, dialogs, tmp_path):
    with DatabaseMaker("postgresql", tmp_path / "unused.db") as maker:   # skipped without a test server
        url = maker.new()
        kept_on_the_server(open_window, user, dialogs, url)


def kept_on_the_server(open_window, user, dialogs, url):
    window = open_window()

    def server(dialog):
        dialog.server.click()
        dialog.url.setFocus()
        type_text(dialog.url, url)
    dialogs.answer(fill(server))
    user(window).choose("文件", "数据库位置")
    assert paths.default_db_path() == url
