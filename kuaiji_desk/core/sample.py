"""The reference report shipped as a sample (打开示例, and the PDF export's example).

The tables come from the published workbooks; the narrative from a JSON file keyed
by the field ids of :mod:`.forms.fields`, with amounts as 万元 strings so that no
float ever stands for money, and counts as integers.
"""
from __future__ import annotations

import json
from pathlib import Path

from kuaiji_desk.paths import resources_dir

from .forms.fields import declared_id
from .money import parse_amount
from .report import LAST_YEAR, NUMBERS, PROJECTS, TEXTS, Report, new_report

SAMPLE_UNIT = "武汉市汉阳区城市运行管理中心"
SAMPLE_YEAR = 2024
WORKBOOKS = ("hanyang-2024-public-tables.xlsx", "hanyang-2024-self-evaluations.xlsx")
NARRATIVE = "hanyang-2024-narrative.json"


def sample_dir() -> Path:
    return resources_dir() / "sample"


def read_narrative() -> dict:
    return json.loads((sample_dir() / NARRATIVE).read_text(encoding="utf-8"))


def load_sample() -> Report:
    # Imported here: the window needs only the names above to start, not openpyxl.
    from .excel.importer import apply_import, read_workbooks

    report = new_report(SAMPLE_UNIT, SAMPLE_YEAR)
    apply_import(report, read_workbooks([sample_dir() / name for name in WORKBOOKS], SAMPLE_YEAR))
    add_narrative(report)
    return report


def add_narrative(report: Report) -> None:
    """The sample's texts, figures of 情况说明, last year's figures and project summaries:
    what the published report says beside its tables."""
    narrative = read_narrative()
    for key, value in narrative["fields"].items():
        kind = report.forms.field(declared_id(key)).kind
        if kind == "text":
            report.texts[key] = value
        else:
            report.numbers[key] = parse_amount(value) if kind == "amount" else value
    report.last_year.update({key: parse_amount(value) for key, value in narrative["last_year"].items()})
    # A name the workbook does not carry is a mistake in the sample, so it fails loudly.
    summaries = narrative["project_summaries"]
    for project in report.projects:
        project.summary = summaries[project.name]
    report.touch(TEXTS, NUMBERS, LAST_YEAR, PROJECTS)
