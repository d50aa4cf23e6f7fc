"""Migration step 3: 公开04表's 年末财政拨款结转和结余 saved by fund in rows 61–63 (the
declaration before) moves into row 60's fund columns, as the template prints it."""
from __future__ import annotations

from server_db import schema_version

from kuaiji_desk.core import rules
from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.repo import create_report, load_report, save_report

W = 1_000_000


def _saved_at_version_2(path, rewind, reports):
    db = open_db(path)
    for unit, cells, rounded in reports:
        report = create_report(db, unit, 2024)
        report.cells.update({("04", r, c): v for (r, c), v in cells.items()})
        report.rounded.update(("04", r, c) for r, c in rounded)
        save_report(db, report)
    close_db(db)
    rewind(path, 2)


def test_by_fund_rows_move_into_row_60(db_target, rewind):
    path = db_target
    _saved_at_version_2(path, rewind, [
        # typed under the old declaration: each fund in its own row
        ("分行填列", {("1", "1"): 50 * W, ("29", "1"): 10 * W, ("33", "3"): 40 * W,
                   ("61", "3"): 20 * W, ("62", "4"): 7 * W, ("63", "2"): 3 * W, ("30", "1"): 7 * W,
                   ("31", "1"): 3 * W},
         {("62", "4")}),
        # imported from the template under the old declaration: row 60 stated, rows 61–63 empty
        ("按模板", {("60", "2"): 9 * W, ("60", "3"): 9 * W}, {("60", "3")}),
        # a rounded mark without a figure, and a stated row-60 figure the by-fund row overrides
        ("不一致", {("60", "3"): 8 * W, ("61", "3"): 9 * W, ("61", "2"): 9 * W}, {("63", "5")}),
    ])
    db = open_db(path)
    try:
        assert schema_version(db) == migrations.known_version() == 6
        moved = load_report(db, "分行填列", 2024)
        assert {k: v for k, v in moved.cells.items() if k[1] in ("60", "61", "62", "63")} == {
            ("04", "60", "3"): 20 * W, ("04", "60", "4"): 7 * W, ("04", "60", "5"): 3 * W}
        assert moved.rounded == {("04", "60", "4")}
        assert moved.cells[("04", "33", "3")] == 40 * W          # the rest as it was
        assert [f for f in rules.check(moved) if f.rule in ("A10", "A12")] == []

        template = load_report(db, "按模板", 2024)
        assert template.cells == {("04", "60", "2"): 9 * W, ("04", "60", "3"): 9 * W}
        assert template.rounded == {("04", "60", "3")}

        odd = load_report(db, "不一致", 2024)
        assert odd.cells == {("04", "60", "3"): 9 * W}
        assert odd.rounded == set()
    finally:
        close_db(db)

