"""The domain core and the store never import Qt: they run and test headless."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kuaiji_desk"


def imported_modules(path: Path):
    """Absolute names of the modules a file imports, relative imports resolved."""
    package = ["kuaiji_desk", *path.relative_to(PACKAGE).parent.parts]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            yield ".".join(base + ([node.module] if node.module else []))


@pytest.mark.parametrize("layer", ["core", "store"])
def test_layer_is_qt_free(layer):
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / layer).rglob("*.py")
        if any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imported_modules(p))
    ]
    assert offenders == []


def test_core_does_not_reach_up_into_store_or_cli():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "core").rglob("*.py")
        if any(m.startswith(("kuaiji_desk.store", "kuaiji_desk.cli", "kuaiji_desk.ui")) for m in imported_modules(p))
    ]
    assert offenders == []
