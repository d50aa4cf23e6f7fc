"""Formulas that a workbook holds without their result, computed where that is safe.

Excel and WPS store each formula's result beside it; scripts (openpyxl, pandas) and some
tools store the formula alone, and such a cell reads as empty.  Rather than import those
figures as blank, the formulas that only do arithmetic are computed here: numbers, + - * /,
parentheses, references to cells of the same workbook (``A1``, ``$A$1``, ``表2!A1``,
``'表 2'!A1``) and ``SUM`` over references and ranges.  Everything else — other functions,
text, comparisons, other workbooks, circular references, division by zero — is refused,
naming the sheet and the cells, so that the accountant lets Excel or WPS compute them.

Arithmetic is ``Decimal``, never a float, with Excel's rules where they matter here: a blank
cell counts 0, text that is a number is that number, ``SUM`` over a range leaves text out.
Nothing is evaluated by Python: the formula text is tokenised and parsed by hand.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Context, Decimal, DecimalException, localcontext

from openpyxl.utils import column_index_from_string, get_column_letter

from .errors import WorkbookError

ASK = "是公式且没有计算结果，请在Excel或WPS中打开并保存后再导入"
# Enough for any amount to the 分 (10^12 万元 has 19 digits) with room to divide.
_CONTEXT = Context(prec=28)
MAX_ROW, MAX_COL = 1_048_576, 16_384
MAX_NESTING = 50           # parentheses and SUMs within each other
MAX_WORK = 2_000_000       # cells looked at, over all formulas of a workbook
_LISTED = 5                # cells named in a message; the others counted
_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}

Cell = tuple[int, int]


class FormulaError(Exception):
    """Why a formula is not computed, in Chinese."""


class _TooMuch(FormulaError):
    """The workbook's formulas ask for more work than any table needs: none is computed."""


# -- reading a formula -------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    sheet: str | None      # as written; None for the formula's own sheet
    r1: int
    c1: int
    r2: int
    c2: int
    text: str

    @property
    def single(self) -> bool:
        return self.r1 == self.r2 and self.c1 == self.c2


_SHEET = r"(?:'(?P<quoted>(?:[^']|'')+)'|(?P<bare>[^\s'!()+\-*/^&=<>,:;\"{}\[\]%#$]+))!"
_CELL = r"\$?[A-Za-z]{1,3}\$?[0-9]+"
_COLUMN = r"\$?[A-Za-z]{1,3}"
_TOKEN = re.compile(
    r"\s*(?:"
    rf"(?P<ref>(?:{_SHEET})?(?:(?P<cells>{_CELL}(?::{_CELL})?)(?![\w(])|(?P<columns>{_COLUMN}:{_COLUMN})(?![\w(])))"
    r"|(?P<func>[A-Za-z_][A-Za-z0-9_.]*)\s*\("
    r"|(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<op>[-+*/(),])"
    r")"
)
_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _tokens(text: str) -> list[tuple[str, object]]:
    out, pos, end = [], 0, len(text.rstrip())
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            rest = text[pos:].strip()
            raise FormulaError(f"「{rest[:12]}」本软件不能计算")
        pos = m.end()
        if m.group("ref"):
            out.append(("ref", _ref(m)))
        elif m.group("func"):
            if m.group("func").upper() != "SUM":   # named before what follows it: IF(A1>0 …
                raise FormulaError(f"函数 {m.group('func').upper()} 本软件不能计算")
            out.append(("func", m.group("func")))
        elif m.group("number"):
            out.append(("number", Decimal(m.group("number"))))
        else:
            out.append(("op", m.group("op")))
    return out


def _ref(m: re.Match) -> Ref:
    sheet = m.group("quoted").replace("''", "'") if m.group("quoted") else m.group("bare")
    if m.group("cells"):
        ends = m.group("cells").split(":")
        (c1, r1), (c2, r2) = (_address(e) for e in (ends[0], ends[-1]))
    else:
        a, b = (column_index_from_string(e.strip("$").upper()) for e in m.group("columns").split(":"))
        (c1, r1), (c2, r2) = (a, 1), (b, MAX_ROW)
    for c, r in ((c1, r1), (c2, r2)):
        if not (1 <= c <= MAX_COL and 1 <= r <= MAX_ROW):
            raise FormulaError(f"「{m.group('ref').strip()}」不是有效的单元格")
    return Ref(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), m.group("ref").strip())


def _address(text: str) -> tuple[int, int]:
    m = _ADDRESS.fullmatch(text)
    return column_index_from_string(m.group(1).upper()), int(m.group(2))


class _Parser:
    """expr := term (('+'|'-') term)* ; term := unary (('*'|'/') unary)* ;
    unary := ('+'|'-') unary | number | ref | SUM '(' args ')' | '(' expr ')'

    A chain of terms or factors is one node with a list, not a nested one per operator,
    so that only parentheses and SUMs (at most MAX_NESTING) make the tree deep."""

    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def parse(self):
        if not self.tokens:
            raise FormulaError("公式是空的")
        node = self.expr()
        if self.i != len(self.tokens):
            raise FormulaError("公式的写法本软件不能计算")
        return node

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        if token[0] is None:
            raise FormulaError("公式不完整")
        self.i += 1
        return token

    def deeper(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FormulaError("公式的括号层数太多")

    def expr(self):
        terms = [("+", self.term())]
        while self.peek() in (("op", "+"), ("op", "-")):
            terms.append((self.take()[1], self.term()))
        return terms[0][1] if len(terms) == 1 else ("add", terms)

    def term(self):
        factors = [("*", self.unary())]
        while self.peek() in (("op", "*"), ("op", "/")):
            factors.append((self.take()[1], self.unary()))
        return factors[0][1] if len(factors) == 1 else ("mul", factors)

    def unary(self):
        signs = 1
        while self.peek() in (("op", "+"), ("op", "-")):
            if self.take()[1] == "-":
                signs = -signs
        node = self.primary()
        return node if signs == 1 else ("neg", node)

    def primary(self):
        kind, value = self.take()
        if kind == "number":
            return ("number", value)
        if kind == "ref":
            return ("ref", value)
        if kind == "func":      # SUM, the one the tokens let through
            self.deeper()
            args = []
            if self.peek() != ("op", ")"):
                args.append(self.argument())
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.argument())
            self.close()
            return ("sum", args)
        if (kind, value) == ("op", "("):
            self.deeper()
            node = self.expr()
            self.close()
            return node
        raise FormulaError("公式的写法本软件不能计算")

    def argument(self):
        if self.peek()[0] == "ref" and self.tokens[self.i + 1:self.i + 2] in ([("op", ",")], [("op", ")")]):
            return ("range", self.take()[1])   # SUM counts only the numbers of a reference
        return self.expr()

    def close(self):
        if self.take() != ("op", ")"):
            raise FormulaError("公式的括号不成对")
        self.depth -= 1


def _refs(node):
    kind = node[0]
    if kind in ("ref", "range"):
        yield node[1]
    elif kind == "neg":
        yield from _refs(node[1])
    elif kind in ("add", "mul"):
        for _, operand in node[1]:
            yield from _refs(operand)
    elif kind == "sum":
        for arg in node[1]:
            yield from _refs(arg)


# -- the workbook's cells -------------------------------------------------------------------

class _Sheet:
    """The cells of one sheet that hold something: stored values, and the formulas to compute."""

    def __init__(self, title: str, values: dict[Cell, object], formulas: dict[Cell, str]):
        self.title = title
        self.values = values
        self.formulas = formulas
        filled = set(values) | set(formulas)
        self.columns: dict[int, list[int]] = {}
        for r, c in sorted(filled):
            self.columns.setdefault(c, []).append(r)
        self.column_keys = sorted(self.columns)

    def cells_in(self, ref: Ref):
        """The filled cells of the range, without visiting its blank ones."""
        lo, hi = bisect.bisect_left(self.column_keys, ref.c1), bisect.bisect_right(self.column_keys, ref.c2)
        for c in self.column_keys[lo:hi]:
            rows = self.columns[c]
            for r in rows[bisect.bisect_left(rows, ref.r1):bisect.bisect_right(rows, ref.r2)]:
                yield r, c


def _name(cell: Cell) -> str:
    return f"{get_column_letter(cell[1])}{cell[0]}"


class _Book:
    def __init__(self, sheets: list[_Sheet]):
        self.sheets = sheets
        self.by_name = {s.title.casefold(): s for s in sheets}
        self.results: dict[tuple[str, Cell], object] = {}
        self.failed: dict[tuple[str, Cell], str] = {}
        self.work = 0

    def sheet_of(self, ref: Ref, own: _Sheet) -> _Sheet:
        if ref.sheet is None:
            return own
        found = self.by_name.get(ref.sheet.casefold())
        if found is None:
            raise FormulaError(f"引用的工作表「{ref.sheet}」不存在")
        return found

    def count(self, n: int = 1) -> None:
        self.work += n
        if self.work > MAX_WORK:
            raise _TooMuch("公式太多或引用的区域太大")

    def value(self, sheet: _Sheet, cell: Cell, own: _Sheet):
        key = (sheet.title, cell)
        if key in self.failed:
            raise FormulaError(f"引用的 {self.where(sheet, cell, own)} 也不能计算")
        if key in self.results:
            return self.results[key]
        return sheet.values.get(cell)

    def where(self, sheet: _Sheet, cell: Cell, own: _Sheet | None = None) -> str:
        return _name(cell) if sheet is own else f"工作表「{sheet.title}」{_name(cell)}"

    # -- values in arithmetic --------------------------------------------------------
    def number(self, value, sheet: _Sheet, cell: Cell, own: _Sheet) -> Decimal:
        if value is None:
            return Decimal(0)
        if isinstance(value, bool):
            return Decimal(int(value))
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        where = self.where(sheet, cell, own)
        if isinstance(value, str):
            if value.strip() in _ERRORS:
                raise FormulaError(f"引用的 {where} 是错误值 {value.strip()}")
            if _NUMBER_TEXT.fullmatch(value.strip()):      # as Excel: text that is a number is one
                return Decimal(value.strip())
            raise FormulaError(f"{where} 是文字「{value.strip()[:12]}」，不能参与计算")
        if isinstance(value, (datetime, date, time, timedelta)):
            raise FormulaError(f"{where} 是日期或时间，不能参与计算")
        raise FormulaError(f"{where} 的内容不能参与计算")

    def evaluate(self, node, own: _Sheet, top: bool = False):
        kind = node[0]
        if kind == "number":
            return node[1]
        if kind == "ref":
            ref = node[1]
            if not ref.single:
                raise FormulaError(f"区域 {ref.text} 不能直接参与计算")
            sheet = self.sheet_of(ref, own)
            cell = (ref.r1, ref.c1)
            self.count()
            value = self.value(sheet, cell, own)
            if top and isinstance(value, str) and value.strip() not in _ERRORS:
                return value        # =A1 shows A1's text, as in Excel
            return self.number(value, sheet, cell, own)
        if kind == "neg":
            return -self.evaluate(node[1], own)
        if kind == "add":
            total = Decimal(0)
            for op, operand in node[1]:
                value = self.evaluate(operand, own)
                total = total + value if op == "+" else total - value
            return total
        if kind == "mul":
            product = Decimal(1)
            for op, operand in node[1]:
                value = self.evaluate(operand, own)
                if op == "*":
                    product *= value
                elif value == 0:
                    raise FormulaError("除以 0")
                else:
                    product /= value
            return product
        total = Decimal(0)       # sum
        for arg in node[1]:
            if arg[0] != "range":
                total += self.evaluate(arg, own)
                continue
            ref = arg[1]
            sheet = self.sheet_of(ref, own)
            for cell in sheet.cells_in(ref):
                self.count()
                value = self.value(sheet, cell, own)
                if isinstance(value, str) and value.strip() in _ERRORS:
                    raise FormulaError(f"引用的 {self.where(sheet, cell, own)} 是错误值 {value.strip()}")
                if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    total += self.number(value, sheet, cell, own)
        return total


# -- the whole workbook ---------------------------------------------------------------------

def compute(file: str, sheets: list[tuple[str, dict[Cell, object], dict[Cell, str]]]) -> dict[str, dict[Cell, object]]:
    """The results of the formulas, by sheet title and cell, for a workbook whose sheets are
    given as (title, stored values, formulas without a result).  Raises :class:`WorkbookError`
    naming every formula that cannot be computed."""
    book = _Book([_Sheet(title, values, formulas) for title, values, formulas in sheets])
    try:
        with localcontext(_CONTEXT):
            _compute(book)
    except _TooMuch as exc:
        book.results.clear()
        book.failed = {(s.title, c): str(exc) for s in book.sheets for c in s.formulas}
    if book.failed:
        raise WorkbookError(_message(file, book))
    results: dict[str, dict[Cell, object]] = {}
    for (title, cell), value in book.results.items():
        results.setdefault(title, {})[cell] = value
    return results


def _compute(book: _Book) -> None:
    """In the order of their references (Kahn's): each formula after those it uses, so that a
    long chain needs no recursion; what is left over lies on a cycle."""
    parsed, needs, users = {}, {}, {}
    for sheet in book.sheets:
        for cell, text in sheet.formulas.items():
            key = (sheet.title, cell)
            try:
                node = _Parser(text.lstrip("=")).parse()
                deps = set()
                for ref in _refs(node):
                    target = book.sheet_of(ref, sheet)
                    if ref.single:
                        book.count()
                        if (ref.r1, ref.c1) in target.formulas:
                            deps.add((target.title, (ref.r1, ref.c1)))
                    else:
                        for c in target.cells_in(ref):
                            book.count()
                            if c in target.formulas:
                                deps.add((target.title, c))
            except _TooMuch:
                raise
            except FormulaError as exc:
                book.failed[key] = str(exc)
                continue
            parsed[key] = (node, sheet)
            needs[key] = len(deps)
            for d in deps:
                users.setdefault(d, []).append(key)
    ready = [k for k, n in needs.items() if n == 0]
    for key in [k for k in book.failed]:
        ready += _release(key, needs, users)
    while ready:
        key = ready.pop()
        if key not in book.failed:
            node, sheet = parsed[key]
            try:
                book.results[key] = book.evaluate(node, sheet, top=True)
            except _TooMuch:
                raise
            except FormulaError as exc:
                book.failed[key] = str(exc)
            except DecimalException:
                book.failed[key] = "结果超出了可以计算的范围"
        ready += _release(key, needs, users)
    for key in needs:
        if key not in book.results and key not in book.failed:
            book.failed[key] = "循环引用（公式直接或间接引用了自己）"


def _release(key, needs, users) -> list:
    """The formulas that were waiting only for ``key``."""
    free = []
    for user in users.pop(key, ()):
        needs[user] -= 1
        if needs[user] == 0:
            free.append(user)
    return free


def _message(file: str, book: _Book) -> str:
    parts, first_reason = [], None
    for sheet in book.sheets:
        cells = sorted(c for (title, c) in book.failed if title == sheet.title)
        if not cells:
            continue
        named = "、".join(_name(c) for c in cells[:_LISTED])
        if len(cells) > _LISTED:
            named += f" 等 {len(cells)} 个单元格"
        parts.append(f"「{file}」工作表「{sheet.title}」的 {named}")
        if first_reason is None:
            # The reason of a cell that fails by itself, not by using one that fails.
            own = [c for c in cells if "也不能计算" not in book.failed[(sheet.title, c)]]
            cell = (own or cells)[0]
            first_reason = f"{_name(cell)}：{book.failed[(sheet.title, cell)]}"
    shown = "；".join(parts[:3]) + ("；等" if len(parts) > 3 else "")
    return f"{shown} {ASK}（本软件只能计算加减乘除和 SUM；{first_reason}）。"
