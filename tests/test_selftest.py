"""`--self-test` is what the packaged build is checked with (installer/); it must pass
from the source tree too, and must say so in one line a script can look for."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "kuaiji_desk", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **env},
    )


def test_self_test_passes(tmp_path):
    # A database named in the environment must not be touched by the self-test.
    db = tmp_path / "user.db"
    result = run("--self-test", KUAIJI_DESK_DB=str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("自检通过")
    for word in ("字体", "Qt 中文翻译", "PDF 1 页", "Excel", "数据库", "12 个标签页"):
        assert word in result.stdout
    assert not db.exists()


def test_self_test_fails_loudly_without_the_font(tmp_path):
    # A bundle that lost its resources is exactly what the self-test exists to catch.
    shim = tmp_path / "sitecustomize.py"
    shim.write_text(
        "import kuaiji_desk.fonts as f\n"
        "from pathlib import Path\n"
        "f.bundled_font_path = lambda: Path('/nonexistent/font.ttc')\n",
        encoding="utf-8",
    )
    result = run("--self-test", PYTHONPATH=str(tmp_path))
    assert result.returncode == 1
    assert "自检失败" in result.stdout and "字体" in result.stdout
