"""`mutmut …` that also mutates the functions under the rules' @depends and under @lru_cache.

    python benchmarks/mutmut_run.py run --max-children 2 'kuaiji_desk.core.rules.*'

benchmarks/mutation_score.py runs mutmut through this; every argument goes to mutmut.

mutmut 3 leaves every decorated function unmutated, because a decorator in general may
register the function, run code at definition time or stand between a caller and the
switch that picks the mutant.  Two decorators of the core are none of these:

* ``depends`` (core.rules.context) writes the tables a rule reads on the function and
  returns the function itself;
* ``lru_cache`` / ``cache`` keep a function's answers.  mutmut would put its switch (the
  trampoline) *under* the cache, so a cached answer would skip the switch: the tests that
  only ask again what an earlier test asked would not be seen as reaching the function,
  and an answer cached before a mutant is switched on would hide that mutant.  So here
  the switch goes *above* the decorators: every call reaches it, and the original and each
  mutant keep a cache of their own.  (The switch copies the function's attributes, so a
  rule's ``deps`` are still there.)

Functions with any other decorator (@property, …) are still left out, as mutmut does.
The patch is tied to the mutmut pinned in pyproject.toml and fails loudly if mutmut's
insides change.
"""
from __future__ import annotations

import sys

import libcst as cst

# mutmut's entry point sets the multiprocessing start method when imported: import it as a
# module (not run as __main__) so that `mutmut run` sees itself as it expects.
import mutmut.__main__ as mutmut_main
from mutmut.mutation import file_mutation

# Decorators whose functions are mutated anyway (the last name of the decorator expression).
TRANSPARENT = frozenset({"depends", "lru_cache", "cache"})


def decorator_name(decorator: cst.BaseExpression) -> str:
    """`lru_cache` for @lru_cache, @lru_cache(maxsize=…) and @functools.lru_cache."""
    while isinstance(decorator, cst.Call):
        decorator = decorator.func
    if isinstance(decorator, cst.Attribute):
        return decorator.attr.value
    return decorator.value if isinstance(decorator, cst.Name) else ""


def only_transparent(function: cst.FunctionDef) -> bool:
    return bool(function.decorators) and all(decorator_name(d.decorator) in TRANSPARENT for d in function.decorators)


def patch_mutmut() -> None:
    visitor = file_mutation.MutationVisitor
    skip = visitor._skip_node_and_children
    arrange = file_mutation.function_trampoline_arrangement
    if getattr(skip, "patched", False):
        return

    def skip_node_and_children(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FunctionDef) and only_transparent(node):
            # What mutmut checks of every function, less the refusal of decorators.
            position = self.get_metadata(file_mutation.PositionProvider, node, None)
            if position and position.start.line in self._ignored_node_lines:   # a `no mutate block` pragma
                self.ignored_functions.add(node.name.value)
                return True
            return node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
        return skip(self, node)

    def function_trampoline_arrangement(function, mutants, class_name):
        declarations, methods, assignments, names = arrange(function, mutants, class_name)
        if only_transparent(function):
            trampoline = methods[0]
            *own, switch = trampoline.decorators
            if decorator_name(switch.decorator) != "_mutmut_mutated":
                sys.exit(f"mutmut's trampoline is not what {__file__} expects: update the patch")
            methods = [trampoline.with_changes(decorators=[switch, *own]), *methods[1:]]
        return declarations, methods, assignments, names

    skip_node_and_children.patched = True
    visitor._skip_node_and_children = skip_node_and_children
    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


def main() -> None:
    patch_mutmut()
    mutmut_main.cli()


if __name__ == "__main__":
    main()
