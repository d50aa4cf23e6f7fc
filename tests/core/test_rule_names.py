"""Every rule the checker can report has words for the 校验结果 panel."""
import re
from pathlib import Path

from kuaiji_desk.core.rules.names import RULE_NAMES, rule_name

RULES_DIR = Path(__file__).resolve().parents[2] / "kuaiji_desk" / "core"


def test_every_rule_id_in_the_code_has_a_name():
    ids = {m for path in RULES_DIR.rglob("*.py") for m in re.findall(r'"([A-F]\d\d(?:\.\d)?)"', path.read_text("utf-8"))}
    assert ids and ids <= set(RULE_NAMES), sorted(ids - set(RULE_NAMES))


def test_an_unnamed_rule_shows_its_id():
    assert rule_name("B10") == "“三公”经费不小于06表"
    assert rule_name("Z99") == "Z99"
