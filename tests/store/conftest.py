"""The store's tests run on both databases: a SQLite file, and a PostgreSQL server's database
(the server from KUAIJI_DESK_TEST_PG, see tests/server_db.py).  A test that takes ``db`` or
``db_target`` runs once on each; a module about what only a SQLite file has (WAL, the file lock,
read-only files, backup and restore) says so with ``backend = sqlite_only``."""
from __future__ import annotations

import pytest
from server_db import BACKENDS, DatabaseMaker

from kuaiji_desk.core.report import Indicator, Overall, Project, Report, new_report
from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, open_db


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_path(tmp_path):
    """The SQLite file of a test that uses ``db`` on SQLite, or of one about files only."""
    return tmp_path / "data" / "kuaiji.db"


@pytest.fixture
def new_target(backend, db_path):
    """``new_target()``: where a new, empty database is, each call another (the first is
    ``db_path`` on SQLite): a file's path, or a new database's URL on the test server."""
    with DatabaseMaker(backend, db_path) as maker:
        yield maker.new


@pytest.fixture
def db_target(new_target):
    return new_target()


@pytest.fixture
def db(db_target):
    database = open_db(db_target)
    yield database
    close_db(database)




def _indicator(n: int) -> Indicator:
    return Indicator(
        level1="产出指标", level2="数量指标", level3=f"指标{n}", target="≥15万件", actual="21.48万件",
        category="正向指标", weight="10", score=str(n),
    )


@pytest.fixture
def rich_report() -> Report:
    report = new_report("某单位", 2024, department="某部门")
    report.set("01", "1", "1", 123_456_789)
    report.set("01", "32", "1", 0)
    report.set("04", "7", "2", -5_00, rounded=True)
    report.set("06", "30101", "1", 987_654_321_000, rounded=True)
    report.set("09", "3", "1", 1)
    report.rounded.add(("02", "2130101", "3"))  # a mark with no value is kept too
    report.code_rows["02"] = {"213": "农林水支出", "21301": "农业农村", "2130101": "行政运行"}
    report.code_rows["06"]["30199"] = "其他工资福利支出（改名）"
    report.projects = [
        Project(
            name="农村道路维护", department="某部门", executor="某单位", category="部门预算项目",
            attribute="持续性项目", kind="常年性项目", budget=1_000_000, spent=864_500,
            amounts_rounded=True, stated_rate="86.45%", indicators=[_indicator(1), _indicator(2), _indicator(3)],
            deviation_reason="天气原因", improvement="加强管理", summary="完成维护 21 公里",
        ),
        Project(name="无金额项目", budget=None, spent=None, indicators=[_indicator(4)]),
    ]
    report.overall = Overall(
        unit_name="某单位", basic_total=5_000_000, project_total=None, amounts_rounded=False,
        goals="履职尽责", indicators=[_indicator(5), _indicator(6)], deviation_reason="无",
        improvement="继续保持", fill_date="2025-03-31",
    )
    report.texts = {"main_duties": "负责……", "structure": "内设机构 5 个"}
    report.numbers = {"staff": 42, "vehicles": 3, "assets": 12_345_678_901}
    report.last_year = {"total_expense": 99_000_000, "three_public": 12_300}
    report.explanations = {"R06-1": "系人员调动所致", "R09-2": "口径调整"}
    return report


@pytest.fixture
def rewind():
    """``rewind(target, version)``, see :func:`_rewind`."""
    return _rewind


def _rewind(target, version: int) -> None:
    """Makes a database the program wrote as it is now look as one of ``version`` did: the
    tables and columns later steps add are dropped and the version set back.  What a test saved
    stays as it was saved (an old layout of keys or rows is data, which today's program writes as
    well as the old one did)."""
    db = open_db(target)
    try:
        with db.atomic():
            if version < 6:
                db.execute_sql("DROP TABLE internal_transfer")
                db.execute_sql("DROP TABLE composition_unit")
            if version < 5:
                db.execute_sql("ALTER TABLE report DROP COLUMN layout")
            if version < 4:
                db.execute_sql("ALTER TABLE report DROP COLUMN revision")
            migrations.set_version(db, version)
    finally:
        close_db(db)
