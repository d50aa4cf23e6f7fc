import os

import pytest

# Qt must never look for a screen in tests (set before anything imports PySide6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Child processes write their Chinese to pipes in UTF-8, which the tests read as such: on
# Windows they would otherwise use the ANSI code page (cp1252 on a build runner).
os.environ["PYTHONUTF8"] = "1"

# CI installs everything the tests need (.ci/run): there, a skipped test is a test that did
# not run, and the run fails.  On a developer's machine skips are listed and counted only.
NO_SKIPS = "KUAIJI_DESK_NO_SKIPS"
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append(f"{report.nodeid}: {reason}")


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep("=", f"跳过的测试 {len(_skipped)} 项")
        for line in _skipped:
            terminalreporter.write_line(line)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _skipped and os.environ.get(NO_SKIPS) and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def own_user_data(tmp_path_factory, monkeypatch):
    """The user's data folder (the default database, the database location chosen in the window,
    a server's settings) is the test's own: no test reads or writes the developer's."""
    from kuaiji_desk import paths

    folder = tmp_path_factory.mktemp("user-data")
    monkeypatch.setattr(paths, "user_data_dir", lambda: folder)
    monkeypatch.delenv(paths.DB_ENV, raising=False)
