"""`kuaiji-desk`: the window by default, subcommands for scripts.

The subcommands are a contract that scripts rely on: extend them, never break
them.  Exit status: 0 done (``check``: no error), 1 ``check`` found errors,
2 bad use or unreadable input — in which case nothing was changed.  Commands that
change the database are refused (2) while the program's window has it open (the lock
of store/lock.py) and when another program saved the report between their read and
their save; commands that read work then, and on a read-only database too.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import peewee

from . import __version__, paths
from .core import edits, layouts, rules
from .core.consolidation import TRANSFER_COLUMNS, ConsolidationError, read_transfers, transfer_words
from .core.excel.errors import WorkbookError
from .core.files import WriteError, write_atomically
from .core.names import InvalidText, check_text, printable, unit_name
from .core.layout import Values
from .core.money import format_amount
from .core.report import Composition, new_report
from .core.rules.findings import SEVERITY_NAMES
from .store import repo
from .store.db import close_db, open_db, read_only_reason
from .store.errors import ReportExists, ReportNotFound, StoreError, describe
from .store.lock import lock_for_command
from .store.server import is_server

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2

# argparse speaks English through gettext; the user reads Chinese.
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的命令：%(value)r（可用：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "not allowed with argument %s": "不能与 %s 同时使用",
}
argparse._ = lambda text: _ZH.get(text, text)


class UsageError(Exception):
    """Wrong use of the command line; the message is Chinese."""


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，例如 2024，而不是「{text}」") from None
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"年度 {year} 不在 2000–2100 之间")
    return year


def _unit(text: str) -> str:
    """A unit's name, as every door takes one (core/names.py): no control characters that
    would forge the lines of `reports`, no name longer than any real one."""
    try:
        return unit_name(text)
    except InvalidText as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kuaiji-desk",
        description="部门决算公开：公开表、绩效自评表与情况说明的编制、审核与导出。不带命令时打开窗口。",
    )
    parser.add_argument("--db", metavar="FILE", type=paths.db_target,
                        help=f"数据库文件，或服务器数据库 postgresql://用户名@服务器:端口/数据库名"
                             f"（默认：环境变量 {paths.DB_ENV}，或用户数据目录中的 {paths.DB_FILENAME}）")
    parser.add_argument("--version", action="version", version=f"kuaiji-desk {__version__}", help="显示版本并退出")
    parser.add_argument("--self-test", action="store_true",
                        help="检查本程序能否正常运行（字体、翻译、PDF、Excel、数据库、窗口）；通过时退出码为 0，否则为 1")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    sub.add_parser("reports", help="列出数据库中的单位和年度")

    sub.add_parser("layouts", help="列出可用的公开表式样（名称、地区、年度、说明），供 new --layout 选用")

    p = sub.add_parser("new", help="新建某单位某年度的报告")
    p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度，例如 2024")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--from", dest="from_files", metavar="FILE", type=Path, nargs="+",
                        help="从上年度的公开表和绩效自评表工作簿新建：沿用单位信息、文字、科目、项目和指标，"
                             "上年数字作为「上年数」")
    source.add_argument("--from-report", action="store_true",
                        help="从数据库中本单位上年度的报告新建（同 --from）")
    p.add_argument("--layout", metavar="NAME",
                   help="公开表式样（见 layouts 命令）；默认：本年度的湖北式样，--from/--from-report 时沿用上年的式样")

    p = sub.add_parser("import", help="从工作簿导入本年度的公开表和绩效自评表（报告不存在时新建）")
    p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("files", metavar="FILE", type=Path, nargs="+", help="Excel 工作簿（.xlsx / .xls）")
    p.add_argument("--skip-unplaced", action="store_true",
                   help="表中放不进报告任何一格的数字（表没有的行或科目）不导入，在标准错误中逐个列出；"
                        "不加此项时这样的工作簿不导入")

    p = sub.add_parser("import-units", help="一次导入部门各单位的工作簿：每个工作簿导入它写明的单位（没有报告时新建）")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("files", metavar="FILE", type=Path, nargs="+", help="各单位的 Excel 工作簿（每个单位一个或几个）")
    p.add_argument("--dept", metavar="DEPT", type=_unit, help="同时把这些单位加入部门汇总报告 DEPT（没有时新建）")
    p.add_argument("--skip-unplaced", action="store_true", help="同 import：放不进报告的数字不导入，逐个列出")

    p = sub.add_parser("consolidate", help="由所列单位的报告汇总部门报告（没有时新建，有时更新所列单位）")
    p.add_argument("unit", metavar="DEPT", type=_unit, help="部门名称（部门报告的名称，不能与所列单位相同）")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("units", metavar="UNIT", type=_unit, nargs="+", help="所属单位（各自已有该年度的报告）")
    p.add_argument("--transfers", metavar="FILE.csv", type=Path,
                   help="单位之间的内部往来（汇总时抵消），CSV：" + ",".join(TRANSFER_COLUMNS))

    p = sub.add_parser("check", help="审核报告；有错误时退出码为 1")
    p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")

    for command, words, suffix in (("export-excel", "导出 Excel 工作簿：全部公开表和绩效自评表", ".xlsx"),
                                   ("export-pdf", "导出完整的决算公开 PDF", ".pdf")):
        p = sub.add_parser(command, help=f"{words}（报告有错误时仍导出，并在标准错误中列出）")
        p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
        p.add_argument("year", metavar="YEAR", type=_year, help="年度")
        p.add_argument("out", metavar=f"OUT{suffix}", type=Path, help="输出文件")

    p = sub.add_parser("export-audit", help="导出审核报告（全部审核结果、说明和主要数字），PDF 或 Excel 由文件名决定")
    p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("out", metavar="OUT.pdf|OUT.xlsx", type=Path, help="输出文件")

    p = sub.add_parser("explain", help="为一条提示写明说明（随报告保存）；说明为空时删除")
    p.add_argument("unit", metavar="UNIT", type=_unit, help="单位名称")
    p.add_argument("year", metavar="YEAR", type=_year, help="年度")
    p.add_argument("key", metavar="KEY", help="审核结果中的 key，例如 F04|项目自评|3|偏差原因")
    p.add_argument("text", metavar="TEXT", help="说明文字")
    return parser


def _open(args):
    """The database for reading: works while the window is open, and on a read-only disk
    (said on standard error: the command's own output stays as scripts expect it)."""
    db = open_db(args.db or paths.default_db_path())
    reason = read_only_reason(db)
    if reason:
        print(f"注意：数据库是只读的（{reason}），已以只读方式打开。", file=sys.stderr)
    return db


@contextmanager
def _open_for_writing(args):
    """The database for a command that changes it, under the lock the window holds
    (store/lock.py): refused while the window is open, after other commands that write.
    A server database has no such lock: several accountants write it at once, each save
    checked against the report's revision (store/repo.py)."""
    target = args.db or paths.default_db_path()
    lock = None if is_server(target) else lock_for_command(target)
    try:
        db = open_db(target)
        try:
            yield db
        finally:
            close_db(db)
    finally:
        if lock is not None:
            lock.release()


def _load(args):
    """The report UNIT YEAR names, read and the database closed again."""
    db = _open(args)
    try:
        return repo.load_report(db, args.unit, args.year)
    finally:
        close_db(db)


def cmd_reports(args, out) -> int:
    db = _open(args)
    try:
        infos = repo.list_reports(db)
    finally:
        close_db(db)
    if not infos:
        print("数据库中还没有报告。", file=out)
    for info in infos:
        # A 部门 adds a fourth column, its units: the three of a unit's line stay as they were.
        units = f"\t部门：{'、'.join(map(printable, info.units))}" if info.units else ""
        print(f"{printable(info.unit)}\t{info.year}\t{info.modified:%Y-%m-%d %H:%M}{units}", file=out)
    return EXIT_OK


def cmd_layouts(args, out) -> int:
    for x in layouts.all_layouts():
        print(f"{x.name}\t{x.region}\t{x.year}\t{x.choice}", file=out)
    return EXIT_OK


def _layout(name: str | None) -> str | None:
    """A layout named on the command line, checked before anything is read or written."""
    if name is not None:
        try:
            layouts.get(name)
        except layouts.UnknownLayout as exc:
            raise UsageError(str(exc)) from None
    return name


def cmd_new(args, out) -> int:
    notes: list[str] = []
    report = None
    chosen = _layout(args.layout)
    with _open_for_writing(args) as db:
        if (args.from_files or args.from_report) and repo.report_exists(db, args.unit, args.year):
            raise ReportExists(args.unit, args.year)
        if args.from_files:  # every file read before anything is written
            from .core.carry import start_from_workbooks   # openpyxl only for this command

            report, notes = start_from_workbooks(args.from_files, args.unit, args.year, chosen)
        if args.from_report:
            try:
                last = repo.load_report(db, args.unit, args.year - 1)
            except ReportNotFound:
                raise UsageError(f"数据库中没有{args.unit} {args.year - 1}年度的报告；"
                                 "可以用 --from 指定上年度的工作簿。") from None
            from .core.carry import start_from

            try:
                report, notes = start_from(last, args.unit, args.year, layout=chosen)
            except InvalidText as exc:   # a department saved before names were checked
                raise UsageError(f"{args.unit} {args.year - 1}年度报告的{exc}，请在窗口中改正后再新建。") from None
        if report is None:
            report = repo.create_report(db, args.unit, args.year, layout=chosen)
        else:
            repo.add_report(db, report)
    print(f"已新建报告：{args.unit} {args.year}年度", file=out)
    print(f"公开表式样：{report.publication.title}（{report.layout}）", file=out)
    for line in notes:
        print(line, file=out)
    return EXIT_OK


def cmd_consolidate(args, out) -> int:
    transfers = read_transfers(args.transfers) if args.transfers else ()
    with _open_for_writing(args) as db:
        report = repo.save_department(db, args.unit, args.year, Composition(tuple(args.units), transfers))
    counts = rules.summary(rules.check(report))
    print(f"已汇总：{args.unit} {args.year}年度，{len(args.units)} 个单位（{'、'.join(args.units)}）", file=out)
    print(f"收入总计 {format_amount(Values(report).value('01', '30', '1'))} 万元，"
          f"错误 {counts['error']} 条，提示 {counts['warning']} 条", file=out)
    for t in transfers:
        print(f"内部往来抵消：{transfer_words(t)}", file=out)
    return EXIT_OK


@contextmanager
def _skip_hint():
    """A refusal for figures that fit no cell says how to import the rest."""
    from .core.excel.importer import Unplaced

    try:
        yield
    except Unplaced as exc:
        raise WorkbookError(f"{exc}\n核对后如确定不要这些数，可加 --skip-unplaced 导入其余的。") from None


def cmd_import_units(args, out, err) -> int:
    from .core.excel.importer import apply_import
    from .core.excel.units_import import read_units

    with _skip_hint():   # every file read before anything is written
        groups = read_units(args.files, args.year, skip_unplaced=args.skip_unplaced)
    with _open_for_writing(args) as db:
        reports = []
        for group in groups:
            report, _ = repo.load_or_new(db, group.unit, args.year, group.data.layout)
            if report.composition is not None:
                raise UsageError(f"「{group.unit}」是部门汇总报告，不能导入单位的工作簿。")
            apply_import(report, group.data)
            reports.append(report)
        for report in reports:
            repo.save_report(db, report)
        if args.dept:
            known = repo.load_or_new(db, args.dept, args.year)[0].composition
            units = (*(known.units if known else ()), *(g.unit for g in groups if not known or g.unit not in known.units))
            repo.save_department(db, args.dept, args.year,
                                 Composition(units, known.transfers if known else ()))
    for group in groups:
        print(f"已导入：{group.unit} {args.year}年度（{'、'.join(f.name for f in group.files)}）", file=out)
        for line in group.data.unplaced:
            print(f"未导入：{line}", file=err)
    if args.dept:
        print(f"已汇总：{args.dept} {args.year}年度，{len(units)} 个单位（{'、'.join(units)}）", file=out)
    return EXIT_OK


def cmd_import(args, out, err) -> int:
    # Imported per command: the window starts without openpyxl and reportlab.
    from .core.excel.importer import apply_import, read_workbooks
    from .core.excel.preview import layout_note

    with _skip_hint():   # every file read before anything is written
        data = read_workbooks(args.files, args.year, skip_unplaced=args.skip_unplaced)
    with _open_for_writing(args) as db:
        # A new report is made in the layout the workbooks were printed in.
        report, created = repo.load_or_new(db, args.unit, args.year, data.layout)
        if report.composition is not None:   # a 部门's own published tables: compared with the sum
            published = new_report("", args.year, layout=report.layout)
            apply_import(published, data)
            edits.set_published(report, published, "导入部门公开表").apply(report)
        else:
            apply_import(report, data)
        repo.save_report(db, report)   # ReportChanged if another writer came in between
    if created:
        print(f"已新建报告：{args.unit} {args.year}年度", file=out)
    for line in data.found:
        print(line, file=out)
    for line in layout_note(report, data):
        print(line, file=out)
    if report.composition is not None:
        print("部门汇总报告：导入的是部门自己公开的表，各表仍为各单位之和，不符的数见 check（B17.3）。", file=out)
    for line in data.unplaced:
        print(f"未导入：{line}", file=err)
    return EXIT_OK


def cmd_check(args, out) -> int:
    """A report's findings; a 部门's are followed by each unit's, named by the unit."""
    db = _open(args)
    try:
        report = repo.load_report(db, args.unit, args.year)
        units = repo.unit_reports(db, report)
    finally:
        close_db(db)
    checked = [(r, rules.check(r)) for r in [report, *units]]
    if args.json:
        docs = [{"unit": r.unit, "year": r.year, "summary": rules.summary(found),
                 "findings": [dict(f.as_json(r.explanations.get(f.key)), key=f.key) for f in found]}
                for r, found in checked]
        doc = docs[0] if report.composition is None else {**docs[0], "units": docs[1:]}
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=out)
    else:
        for r, found in checked:
            counts = rules.summary(found)
            where = f"【单位】{r.unit}" if r is not report else r.unit
            print(f"{where} {r.year}年度：错误 {counts['error']} 条，提示 {counts['warning']} 条，"
                  f"尾数 {counts['notice']} 条", file=out)
            for f in found:
                note = r.explanations.get(f.key)
                print(f"[{SEVERITY_NAMES[f.severity]}] {f.rule} {f.message}" + (f"（说明：{note}）" if note else ""),
                      file=out)
    return EXIT_ERRORS if any(rules.summary(found)["error"] for _, found in checked) else EXIT_OK


def _export(args, out, err, write) -> int:
    report = _load(args)
    errors = [f for f in rules.check(report) if f.severity == "error"]
    if errors:
        print(f"注意：报告还有 {len(errors)} 条错误，仍按现有数据导出：", file=err)
        for f in errors[:10]:
            print(f"  {f.rule} {f.message}", file=err)
    from .core.unprinted import unprinted_figures

    for line in unprinted_figures(report):
        print(f"注意：{line}", file=err)
    target = write_atomically(args.out, lambda path: write(report, path))
    print(f"已导出：{target}", file=out)
    return EXIT_OK


def cmd_export_excel(args, out, err) -> int:
    from .core.excel.writer import export_workbook

    return _export(args, out, err, export_workbook)


def cmd_export_pdf(args, out, err) -> int:
    from .core.pdf.document import export_pdf

    return _export(args, out, err, export_pdf)


def cmd_export_audit(args, out) -> int:
    from .core.audit import export_audit

    report = _load(args)
    try:
        target = export_audit(report, args.out)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"已导出审核报告：{target}", file=out)
    return EXIT_OK


def cmd_explain(args, out) -> int:
    with _open_for_writing(args) as db:
        report = repo.load_report(db, args.unit, args.year)
        keys = {f.key for f in rules.check(report)}
        if args.key not in keys and args.key not in report.explanations:
            raise UsageError(f"审核结果中没有「{args.key}」这一条；请用 check --json 查看各条的 key。")
        text = args.text.strip()
        try:
            check_text(text, "说明")
        except InvalidText as exc:
            raise UsageError(str(exc)) from None
        if text:
            report.explanations[args.key] = text
        else:
            report.explanations.pop(args.key, None)
        repo.save_report(db, report)
    print("已保存说明。" if text else "已删除说明。", file=out)
    return EXIT_OK


COMMANDS = {"reports": cmd_reports, "layouts": cmd_layouts, "new": cmd_new, "consolidate": cmd_consolidate,
            "check": cmd_check,
            "explain": cmd_explain, "export-audit": cmd_export_audit}
# Commands that also say something on stderr when they succeed (what they left out).
WITH_WARNINGS = {"export-excel": cmd_export_excel, "export-pdf": cmd_export_pdf, "import": cmd_import,
                 "import-units": cmd_import_units}


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    out = _Output(out or sys.stdout)
    err = err or sys.stderr
    try:
        return _main(argv, out, err)
    finally:
        out.flush()   # here, while a reader that has gone can still be let go quietly


def _main(argv, out, err) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its (Chinese) message
        return EXIT_OK if exc.code == 0 else EXIT_BAD_INPUT
    if args.self_test:
        from .ui.selftest import run as self_test  # Qt only when asked for

        return self_test()
    if args.command is None:
        return run_window(args, parser, out)
    try:
        if args.command in WITH_WARNINGS:
            return WITH_WARNINGS[args.command](args, out, err)
        return COMMANDS[args.command](args, out)
    except (WorkbookError, StoreError, UsageError, WriteError, ConsolidationError) as exc:
        print(f"错误：{exc}", file=err)
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
        # InterfaceError: a server database whose connection was lost on the way.
        print(f"错误：数据库无法写入（{describe(exc)}），数据未作任何更改。", file=err)
    except OSError as exc:
        where = f"「{exc.filename}」" if exc.filename else ""
        print(f"错误：{where}无法读写：{describe(exc)}。", file=err)
    return EXIT_BAD_INPUT


class _Output:
    """Standard output that a reader may stop reading: `kuaiji-desk check … | head -1`.

    The closed pipe is not an error of the command: what is left to print is dropped and the
    command ends with its own status.  Standard output is pointed at the null device, so that
    Python's flush at exit does not fail on the pipe either.
    """

    def __init__(self, stream) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._let_go()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._let_go()

    def _let_go(self) -> None:
        self._gone = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):   # not a file (tests print into a StringIO)
            pass


def run_window(args, parser, out) -> int:
    from .ui.main import run  # Qt only when the window is wanted

    return run(args.db or paths.default_db_path())


if __name__ == "__main__":
    sys.exit(main())
