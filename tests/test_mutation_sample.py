"""benchmarks/mutation_score.py --sample: a sample that outlives changes to the code, so that
rerunning it after adding tests or removing a function reruns only what is new."""
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "mutation_score.py"


@pytest.fixture
def mutation_score(monkeypatch):
    spec = importlib.util.spec_from_file_location("mutation_score", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "mutation_score", module)   # its dataclasses look it up
    spec.loader.exec_module(module)
    mutants = {"kuaiji_desk/core/rules/a.py": {f"a.x_f__mutmut_{i}": 1 for i in range(1, 400)},
               "kuaiji_desk/core/rules/b.py": {f"b.x_g__mutmut_{i}": 1 for i in range(1, 300)}}
    monkeypatch.setattr(module, "source_files", lambda name: list(mutants))
    monkeypatch.setattr(module, "exit_codes", lambda path: mutants[path])
    return module, mutants


def test_a_sample_keeps_its_mutants_when_a_function_goes(mutation_score):
    module, mutants = mutation_score
    before = module.sampled(["rules"], 50, 2026)
    assert len(set(before)) == 50 and module.sampled(["rules"], 50, 2026) == before
    assert module.sampled(["rules"], 50, 7) != before
    del mutants["kuaiji_desk/core/rules/b.py"]
    after = module.sampled(["rules"], 50, 2026)
    kept = [k for k in before if k.startswith("a.")]
    assert len(after) == 50 and set(kept) <= set(after)
