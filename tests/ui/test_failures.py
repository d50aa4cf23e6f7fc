"""An error nobody caught, in the windowed program (no console: sys.stderr is None): a Chinese
message and the traceback in the data folder's log; the program goes on."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    sys.stderr = None                      # as the windowed build runs: no console
    from kuaiji_desk import paths
    paths.user_data_dir = lambda: Path(sys.argv[1])
    from PySide6.QtCore import QTimer
    from kuaiji_desk.ui.app import application
    from kuaiji_desk.ui import failures
    app = application()
    shown = []
    failures.install(lambda title, text: shown.append([title, text]))
    def broken_slot():
        raise ValueError("测试用的错误")
    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(200, app.quit)
    app.exec()
    print(json.dumps({"shown": shown, "still_running": True}))
""")


def test_an_error_in_a_slot_is_shown_and_logged_without_a_console(tmp_path):
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    said = json.loads(done.stdout.decode("utf-8").splitlines()[-1])
    [(title, text)] = said["shown"]
    assert title == "程序出错" and "测试用的错误" in text and "kuaiji_desk.log" in text
    log = (tmp_path / "kuaiji_desk.log").read_text("utf-8")
    assert "ValueError: 测试用的错误" in log and "broken_slot" in log


def test_the_log_keeps_the_last_runs(tmp_path, monkeypatch):
    from kuaiji_desk import paths
    from kuaiji_desk.ui import failures

    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(failures.faulthandler, "enable", lambda **_: None)   # pytest's own stays
    for run in range(4):
        (tmp_path / "kuaiji_desk.log").write_text(f"run {run}\n", "utf-8")
        failures.install(lambda title, text: None)
        failures._log.close()
    assert (tmp_path / "kuaiji_desk.1.log").read_text("utf-8") == "run 3\n"
    assert (tmp_path / "kuaiji_desk.2.log").read_text("utf-8") == "run 2\n"
    assert not (tmp_path / "kuaiji_desk.3.log").exists()
