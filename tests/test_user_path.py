"""Window tests go the user's way: no test calls the method behind a menu item, toolbar button
or shortcut (issue 16: a print action that never worked passed 547 tests that called its slot).
The slots are read from the window's own action table, so a new menu item is guarded too."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WINDOW = ROOT / "kuaiji_desk" / "ui" / "main_window.py"
UI_TESTS = sorted((ROOT / "tests" / "ui").rglob("*.py")) + [ROOT / "tests" / "as_user.py"]
# QWidget.close is also how a test ends a window's life; 退出 is clicked in test_every_action.
NOT_ONLY_A_SLOT = {"close"}


def action_slots(tree) -> set[str]:
    """The methods that self._action(menu, text, self.X, …) puts behind a menu item."""
    slots = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_action"
                and len(node.args) >= 3 and isinstance(node.args[2], ast.Attribute)
                and isinstance(node.args[2].value, ast.Name) and node.args[2].value.id == "self"):
            slots.add(node.args[2].attr)
    return slots - NOT_ONLY_A_SLOT


def is_a_window(node) -> bool:
    """window, main_window, user.window …: what the suite calls its MainWindow (a session's own
    undo_stack.undo() is not the 撤销 menu item)."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return "window" in name or name == "win"


def slot_calls(tree, slots: set[str]) -> list[str]:
    return [f"{node.lineno}: .{node.func.attr}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in slots and is_a_window(node.func.value)]


SLOTS = action_slots(ast.parse(WINDOW.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", UI_TESTS, ids=lambda p: str(p.relative_to(ROOT / "tests")))
def test_no_window_test_calls_a_menu_items_slot(path):
    assert slot_calls(ast.parse(path.read_text(encoding="utf-8")), SLOTS) == [], \
        "trigger the action through the menu, toolbar or key (tests/as_user.py), not its method"


def test_the_check_knows_the_window_s_actions_and_sees_a_slot_called():
    assert {"print_report", "print_preview", "export_pdf", "undo", "import_workbooks"} <= SLOTS
    planted = ast.parse("window.print_report()\nuser.choose('文件', '打印(&P)…')\n"
                        "session.undo_stack.undo()\nuser.window.undo()\n")
    assert slot_calls(planted, SLOTS) == ["1: .print_report()", "4: .undo()"]
