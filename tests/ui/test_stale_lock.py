"""A database on a network share whose lock another computer's program still holds (it crashed,
or the PC went off, and the file server keeps the lock): the accountant who knows it is closed
clears the mark and opens it; one who says no opens nothing."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from as_user import no, yes
from kuaiji_desk.store.lock import WINDOW, DatabaseLock, lock_path
from kuaiji_desk.ui import main

# Holds the lock as a window does, as if on another computer.
ELSEWHERE = textwrap.dedent("""
    import sys, time
    from kuaiji_desk.store.lock import WINDOW, DatabaseLock, lock_path
    lock = DatabaseLock(sys.argv[1], WINDOW)
    assert lock.acquire()
    lock_path(sys.argv[1]).write_text("4242\\nkuaiji_desk.exe\\n财务室的电脑\\nwindow\\n", encoding="utf-8")
    print("held", flush=True)
    time.sleep(60)
""")


def held_elsewhere(db):
    child = subprocess.Popen([sys.executable, "-c", ELSEWHERE, str(db)], stdout=subprocess.PIPE, text=True,
                             encoding="utf-8")
    assert child.stdout.readline().strip() == "held"
    return child


def test_the_mark_of_another_computer_is_cleared_when_the_accountant_says_so(qapp, dialogs, tmp_path):
    db = tmp_path / "k.db"
    child = held_elsewhere(db)
    try:
        lock = DatabaseLock(db, WINDOW)
        assert not lock.acquire() and lock.holder_host() == "财务室的电脑"
        dialogs.answer(no)
        assert main._take_over(lock, db) is False
        assert "财务室的电脑" in dialogs.last.text and lock_path(db).exists() and not lock.held
        dialogs.answer(yes)
        assert main._take_over(lock, db) is True and lock.held
        lock.release()
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()


def test_a_lock_of_this_computer_is_no_stale_mark(tmp_path):
    db = tmp_path / "k.db"
    with DatabaseLock(db, WINDOW) as mine:
        assert mine.acquire()
        assert DatabaseLock(db, WINDOW).holder_host() is None
