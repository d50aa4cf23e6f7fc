"""Prints the mutation score of the core modules (mutation testing as a habit, not CI).

    pip install -e ".[test,mutation]"
    python benchmarks/mutation_score.py                 # every module: run mutmut, then the table
    python benchmarks/mutation_score.py money shown     # only these modules
    python benchmarks/mutation_score.py --no-run        # the table of the last run's results
    python benchmarks/mutation_score.py --survivors shown   # … and each survivor's change
    python benchmarks/mutation_score.py --fresh         # forget mutants/ first (see below)
    python benchmarks/mutation_score.py --survivors-only backup   # rerun survivors, finish a stopped run
    python benchmarks/mutation_score.py --sample 300 rules        # an estimate from 300 mutants

mutmut (configured in pyproject.toml, [tool.mutmut]) copies the package to mutants/,
puts every mutant of the listed modules behind a switch and runs, for each mutant, the
Qt-free tests that reach the mutated function (tests/core, tests/store, tests/cli), at
most two at a time.  The modules named here are re-tested in full, so the score reflects
the tests as they are now; --survivors-only reruns just the last survivors and the
mutants not yet run, which is enough after adding tests to code that has not changed, and
finishes a run that was stopped (a changed function renumbers its mutants: its new ones
are run, but run the module in full before quoting its score).  Everything it writes stays in mutants/ (ignored
by git).  mutmut remembers there which tests reach which function and only adds the
tests that are new by name: after changing what existing tests call, use --fresh.

Decorated functions.  mutmut 3 mutates only undecorated functions; left so, most of
rules/codes.py, facts.py, selfeval.py and completeness.py (under the rules' @depends)
and indicators.parse_measure/is_missed (under @lru_cache) would not be scored at all.
So mutmut runs through benchmarks/mutmut_run.py, which lets it mutate the functions
under those two decorators (and puts its mutant switch above the cache: see there).
The alternatives were worse: registering the rules without @depends would move what
each rule reads away from the rule, and there is no plain way to cache a function
without a decorator; mutmut 2 and cosmic-ray mutate decorated code but run the whole
Qt-free suite (about 2 minutes here) for each of the some 3400 mutants, days on two
cores, where mutmut 3 runs only the tests that reach the mutated function.  The three
one-line @property methods of the rules (arith.Compare.deps, TableSums.deps,
Finding.key) stay unscored.

It is slow all the same: a mutant of money or of the cell readers is reached by some
270 tests (a minute when it survives), and the rules, with their decorated functions,
have some 2300 mutants.  A full run takes hours on two cores; name the modules you work
on, and after adding tests rerun only the survivors (--survivors-only).  For the rules, whose
full run takes a working day, --sample N runs N of their mutants drawn at random (the same N
for the same --seed, and the same after the code changes but for the changed functions' own
mutants) and prints the score of those with its 95% interval: an estimate of the whole,
stated as such.  --sample N --survivors-only then reruns the sample's survivors and what is
new in it.

Per module: mutants in all, killed (a test failed), survived (every test passed),
timeout, other (no test reaches the function, or a crash), equivalent (survivors
listed in benchmarks/equivalent_mutants.toml: no test can kill them, each with its
reason) and score = killed / (total − equivalent).  A timeout is not counted as a
kill: a mutant that only makes a loop endless is a weak result and worth a look.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT_FILE = Path(__file__).resolve().parent / "equivalent_mutants.toml"
MAX_CHILDREN = 2      # the machine is shared: never more than two test processes

# name → source files (relative to the checkout); the order of the table.
MODULES: dict[str, list[str]] = {
    "money": ["kuaiji_desk/core/money.py"],
    "rules": ["kuaiji_desk/core/rules/*.py"],
    "shown": ["kuaiji_desk/core/shown.py"],
    "columns": ["kuaiji_desk/core/excel/columns.py"],
    "cells": ["kuaiji_desk/core/excel/cells.py"],
    "compare": ["kuaiji_desk/core/narrative/compare.py"],
    "indicators": ["kuaiji_desk/core/indicators.py"],
    "backup": ["kuaiji_desk/store/backup.py"],
    "files": ["kuaiji_desk/core/files.py"],
}


def source_files(name: str) -> list[str]:
    files = []
    for pattern in MODULES[name]:
        files += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
    return files


def mutant_patterns(name: str) -> list[str]:
    """mutmut's names of a module's mutants: kuaiji_desk.core.shown.x_shown_values__mutmut_3."""
    patterns = []
    for pattern in MODULES[name]:
        dotted = pattern.removesuffix(".py").replace("/", ".")
        patterns.append(dotted.removesuffix(".*") + ".*" if dotted.endswith("*") else dotted + ".*")
    return patterns


# --- running ----------------------------------------------------------------------


def mutmut_command() -> list[str]:
    """mutmut, with the decorated functions of the core mutated too (benchmarks/mutmut_run.py)."""
    try:
        import mutmut  # noqa: F401
    except ImportError:
        sys.exit('mutmut is not installed: pip install -e ".[test,mutation]"')
    return [sys.executable, str(Path(__file__).resolve().parent / "mutmut_run.py")]


def last_survivors(names: list[str]) -> list[str]:
    """The mutants of these modules that survived the last run, and those it never reached
    (a run stopped half-way, or a function changed since): what a rerun must still decide."""
    from mutmut.stats import status_by_exit_code

    return [key for name in names for path in source_files(name)
            for key, code in exit_codes(path).items()
            if status_by_exit_code[code] in ("survived", "not checked")]


def sampled(names: list[str], size: int, seed: int) -> list[str]:
    """``size`` mutants of each module, drawn at random; mutmut made them all in an earlier run
    (any run: a first one with a pattern that matches nothing only generates them).

    A mutant's place in the draw hangs on its name and the seed alone, so a sample outlives
    changes to the code: a function added or removed brings in or drops its own mutants
    only, and the rest of the sample, already run, stands."""
    chosen = []
    for name in names:
        keys = [k for path in source_files(name) for k in exit_codes(path)]
        if not keys:
            generate()
            keys = [k for path in source_files(name) for k in exit_codes(path)]
        chosen += sorted(keys, key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).digest())[:size]
    return chosen


def generate() -> None:
    """Lets mutmut write every mutant (and measure which tests reach what) without running any."""
    subprocess.run([*mutmut_command(), "run", "kuaiji_desk.nothing.*"], cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def run_mutmut(names: list[str], max_children: int, survivors_only: bool = False,
               patterns: list[str] | None = None) -> float:
    if patterns is None:
        patterns = last_survivors(names) if survivors_only else [p for n in names for p in mutant_patterns(n)]
    if not patterns:
        sys.exit("no survivors to run again")
    MUTANTS.mkdir(exist_ok=True)
    log = MUTANTS / "mutation_score.log"
    print(f"mutmut: {' '.join(names)} ({max_children} workers; log in {log.relative_to(ROOT)}) …", flush=True)
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(
            [*mutmut_command(), "run", "--max-children", str(max_children), *patterns],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"mutmut run failed (exit {proc.returncode}):\n{tail}")
    return elapsed


# --- reading ----------------------------------------------------------------------


@dataclass
class Score:
    name: str
    total: int = 0
    killed: int = 0
    survived: int = 0
    timeout: int = 0
    other: int = 0
    equivalent: int = 0
    survivors: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    sampled: bool = False

    @property
    def score(self) -> float | None:
        counted = self.total - self.equivalent
        return self.killed / counted if counted else None


def exit_codes(path: str) -> dict[str, int | None]:
    meta = MUTANTS / (path + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def mutation_diff(name: str, path: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    cwd = os.getcwd()
    os.chdir(ROOT)            # mutmut reads mutants/ relative to the working directory
    try:
        return get_diff_for_mutant(name, path=path)
    finally:
        os.chdir(cwd)


def changed_lines(diff: str) -> str:
    """The mutated line(s) of a diff, stripped: what an equivalent entry must match."""
    return " / ".join(
        line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    )


def load_equivalents() -> dict[str, dict]:
    if not EQUIVALENT_FILE.exists():
        return {}
    data = tomllib.loads(EQUIVALENT_FILE.read_text(encoding="utf-8"))
    out = {}
    for entry in data.get("mutant", []):
        missing = {"name", "changed", "reason"} - entry.keys()
        if missing:
            sys.exit(f"{EQUIVALENT_FILE.name}: an entry lacks {', '.join(sorted(missing))}: {entry}")
        out[entry["name"]] = entry
    return out


def collect(names: list[str], equivalents: dict[str, dict], warnings: list[str],
            only: set[str] | None = None) -> list[Score]:
    """The scores of these modules; with ``only``, of those mutants alone (a sample)."""
    from mutmut.stats import status_by_exit_code

    scores = []
    for name in names:
        s = Score(name, sampled=only is not None)
        for path in source_files(name):
            for key, code in exit_codes(path).items():
                if only is not None and key not in only:
                    continue
                status = status_by_exit_code[code]
                s.total += 1
                entry = equivalents.get(key)
                if entry is not None:
                    now = changed_lines(mutation_diff(key, path))
                    if now != entry["changed"].strip():
                        warnings.append(f"{key} is listed as equivalent but its change is now「{now}」"
                                        f"not「{entry['changed']}」: the entry is stale, not subtracted")
                        entry = None
                    elif status != "survived":
                        warnings.append(f"{key} is listed as equivalent but was {status}: check the entry")
                        entry = None
                if status == "killed":
                    s.killed += 1
                elif status == "survived":
                    s.survived += 1
                    if entry is not None:
                        s.equivalent += 1
                    else:
                        s.survivors.append((key, path))
                elif status == "timeout":
                    s.timeout += 1
                else:
                    s.other += 1
                    s.others.append(f"{key}: {status}")
        if not s.total:
            warnings.append(f"{name}: no results in mutants/ (run without --no-run first)")
        scores.append(s)
    listed = set(equivalents)
    known = {k for name in MODULES for path in source_files(name) for k in exit_codes(path)}
    for key in sorted(listed - known):
        if any(key.startswith(p.removesuffix("*")) for n in names for p in mutant_patterns(n)):
            warnings.append(f"{key} is listed as equivalent but no such mutant exists any more")
    return scores


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def wilson(killed: int, counted: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval of the share killed among all the module's mutants, from a sample."""
    p = killed / counted
    centre = (p + z * z / (2 * counted)) / (1 + z * z / counted)
    half = z * math.sqrt(p * (1 - p) / counted + z * z / (4 * counted * counted)) / (1 + z * z / counted)
    return centre - half, centre + half


def report(scores: list[Score], show_survivors: bool) -> None:
    head = f"{'module':<11}{'total':>7}{'killed':>8}{'survived':>10}{'timeout':>9}{'other':>7}{'equivalent':>12}{'score':>8}"
    print(head)
    print("-" * len(head))
    for s in scores:
        print(f"{s.name:<11}{s.total:>7}{s.killed:>8}{s.survived:>10}{s.timeout:>9}{s.other:>7}{s.equivalent:>12}"
              f"{pct(s.score):>8}")
    total = Score("all", **{k: sum(getattr(s, k) for s in scores)
                            for k in ("total", "killed", "survived", "timeout", "other", "equivalent")})
    print("-" * len(head))
    print(f"{'all':<11}{total.total:>7}{total.killed:>8}{total.survived:>10}{total.timeout:>9}{total.other:>7}"
          f"{total.equivalent:>12}{pct(total.score):>8}")
    for s in scores:
        if s.sampled and s.score is not None:
            low, high = wilson(s.killed, s.total - s.equivalent)
            print(f"{s.name}: a random sample of {s.total} mutants; the module's score lies between "
                  f"{pct(low)} and {pct(high)} (95%)")
    for s in scores:
        if s.others:
            print(f"\n{s.name}: neither killed nor survived")
            for line in s.others:
                print(f"  {line}")
        if show_survivors and s.survivors:
            print(f"\n{s.name}: survivors (`mutmut show NAME` for the diff)")
            for key, path in s.survivors:
                print(f"  {key}:  {changed_lines(mutation_diff(key, path))}")
    print(f"\nmutation score: {total.killed} killed of {total.total - total.equivalent} mutants "
          f"({total.total} less {total.equivalent} equivalent) in {len(scores)} modules = {pct(total.score)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"some of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--no-run", action="store_true", help="only read the results of the last run")
    parser.add_argument("--survivors", action="store_true", help="list each surviving mutant and its change")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first: every test's reach is found anew")
    parser.add_argument("--survivors-only", action="store_true",
                        help="run again only the mutants that survived the last run (after adding tests)")
    parser.add_argument("--max-children", type=int, default=MAX_CHILDREN, help="parallel mutant runs (default 2)")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="run N mutants of each module drawn at random, and estimate its score from them")
    parser.add_argument("--seed", type=int, default=2026, help="which random sample (default 2026)")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    names = [m for m in MODULES if m in args.modules] if args.modules else list(MODULES)

    if args.fresh and not args.no_run and MUTANTS.exists():
        shutil.rmtree(MUTANTS)
    chosen = sampled(names, args.sample, args.seed) if args.sample else None
    to_run = chosen
    if chosen and args.survivors_only:
        to_run = [k for k in last_survivors(names) if k in set(chosen)] or sys.exit("no survivors to run again")
    elapsed = None if args.no_run else run_mutmut(names, args.max_children, args.survivors_only, to_run)
    warnings: list[str] = []
    scores = collect(names, load_equivalents(), warnings, set(chosen) if chosen else None)
    report(scores, args.survivors)
    if elapsed is not None:
        print(f"run time: {elapsed / 60:.1f} min")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
