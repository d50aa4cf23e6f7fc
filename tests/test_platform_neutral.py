"""The suite runs on the Windows build runner too: no POSIX-only signal without a switch, and no
child's output read in the system's code page (cp1252 there: the Chinese comes out garbled)."""
import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SUBPROCESS_CALLS = {"run", "Popen", "check_output", "check_call"}
POSIX_SIGNALS = {"SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGQUIT", "SIGSTOP", "SIGCONT"}


def _sources():
    return sorted(TESTS.rglob("*.py"))


def _is_true(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def decoded_in_code_page(tree) -> list[int]:
    """Lines of subprocess calls that decode the child's output without naming the encoding."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in SUBPROCESS_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"):
            continue
        words = {k.arg: k.value for k in node.keywords}
        as_text = any(_is_true(words.get(k)) for k in ("text", "universal_newlines"))
        if as_text and "encoding" not in words:
            lines.append(node.lineno)
    return lines


def unguarded_signals(source: str, tree) -> list[str]:
    """POSIX-only signals used in a file that never asks whether the platform has them."""
    used = {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in POSIX_SIGNALS
            and isinstance(node.value, ast.Name) and node.value.id == "signal"}
    return sorted(name for name in used if f'(signal, "{name}"' not in source)


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(TESTS)))
def test_the_test_file_is_platform_neutral(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert decoded_in_code_page(tree) == [], "subprocess text=True without encoding=\"utf-8\""
    assert unguarded_signals(source, tree) == []


def test_the_checks_see_what_they_guard():
    planted = ast.parse('subprocess.run(["x"], capture_output=True, text=True)\n'
                        'subprocess.Popen(["y"], text=True, encoding="utf-8")\n')
    assert decoded_in_code_page(planted) == [1]
    killing = "os.kill(pid, signal.SIGKILL)\n"
    assert unguarded_signals(killing, ast.parse(killing)) == ["SIGKILL"]
    guarded = 'os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))\n'
    assert unguarded_signals(guarded, ast.parse(guarded)) == []
