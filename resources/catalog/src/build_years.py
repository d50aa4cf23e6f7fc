#!/usr/bin/env python3
"""Builds the catalogs of 2025 and 2026, and the in-year amendments of 2024, from the
shipped 2024 catalog, the text of 财政部 notices and the code rows of real reports.

    python3 resources/catalog/src/build_years.py           # (re)writes the CSVs
    python3 resources/catalog/src/build_years.py --check   # exit 1 if a CSV would change

Each year starts as the previous year's catalog; a notice of that year adds rows; a code
row printed in a real report of that year confirms a row (same code, same name after
normalising spaces and brackets) or adds it. A printed name that differs from the
catalog's stops the build: that needs a person. Nothing is removed or renamed without a
source, and no source found does either. See ../SOURCES.md. Standard library only.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
KINDS = ("functional", "economic")
KIND_OF = {"f": "functional", "e": "economic"}
BASE_YEAR, YEARS = 2024, (2025, 2026)

SOURCES = {
    "S1": "财预〔2025〕41号 财政部关于修订2025年政府收支分类科目的通知, 2025-05-23, "
          "https://www.zgcznet.com/zt/202507/20250701/j_2025070115553800017513566712341718.html",
    "S2": "财预〔2024〕22号 关于对2024年政府收支分类科目进行个别增补的通知, 2024-03-29, "
          "http://canet.com.cn/fagui/838207.html (also http://zk.cxy21.com/statute/11893/detail)",
    "S4": "上海市普陀区人民政府宜川路街道办事处 2025年度部门决算 公开02/03/05/06/08表, GitHub "
          "zxj6827111-blip/GovBudgetChecker tests/fixtures/cross_san_gong_truth_page_data.json "
          "@ 99aa692fd039201e5baa0bb930d9e97ec87bbaf2",
    "S4(01)": "上海市普陀区人民政府宜川路街道办事处 2025年度部门决算 公开01表 (类 matched by name), GitHub "
              "zxj6827111-blip/GovBudgetChecker tests/fixtures/cross_san_gong_truth_page_data.json "
              "@ 99aa692fd039201e5baa0bb930d9e97ec87bbaf2",
    "S6": "上海市普陀区 2026年区级部门预算 (城管执法局, 文旅局, 建管委), GitHub zxj6827111-blip/GovBudgetChecker "
          "tests/fixtures/chengguan_budget_page_data.json and wenlvju_budget_page_data.json "
          "@ c5fdaeae373266e6f1f4318a53e0d04771ebb976, jianguanwei_budget_page_data.json "
          "@ 80b8ed41f612447b033fc4ed3f1dd584eb31b721",
    "S8": "public notes on the 2026 budget: 超长期特别国债 and 中央金融机构注资特别国债 continue in 2026 "
          "(find_string ids 71006723471, 71619674593, 55731598837, 70659822948)",
}

# Rows a notice adds, by the year of the catalog it amends: (kind, code, name, source).
NOTICES = {
    2024: [
        ("functional", "22006", "耕地保护考核奖惩基金支出", "S2"),   # "及其项级科目": 项 not in the text
        ("functional", "2300412", "自然资源海洋气象等", "S2"),
    ],
    2025: [
        ("functional", "2170404", "中央金融机构注资特别国债支出", "S1"),
        ("functional", "22911", "中央金融机构注资特别国债财务基金支出", "S1"),   # 项 not in the text
        ("functional", "23107", "中央金融机构注资特别国债还本支出", "S1"),       # 项 not in the text
    ],
}
# Existing 2024 rows a notice names with the same code and name (corroboration only).
NAMED_BY_NOTICE_2024 = {("functional", "220"): "S2", ("functional", "23004"): "S2"}
# A note added to rows carried into a year, where a source says why they likely stay.
CARRY_NOTES = {2026: {c: "S8" for c in ("22198", "2219899", "2170404", "22911", "23107")}}
# Carried rows that a year's sources put in doubt (code prefix → why): confidence low.
CARRY_DOUBTS = {2026: {("functional", "234"): "抗疫特别国债安排的支出 still in the 2025 决算 template; its 2026 status is unknown"}}

CONFIDENCE_OF_2024_BASIS = {"sample-verified": "high", "public-snippet": "high", "notice": "high",
                            "compiled": "medium", "compiled-uncertain": "low"}
_CAP = {"high": "medium", "medium": "medium", "low": "low"}
LEVEL = {3: 1, 5: 2, 7: 3}


def normalise_name(name: str) -> str:
    t = re.sub(r"\s+", "", name)
    return t.translate(str.maketrans({"(": "（", ")": "）", "\"": "“", "”": "“"}))


def parent(code: str) -> str:
    return {5: code[:3], 7: code[:5]}.get(len(code), "")


def read_catalog(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f)}


def read_provenance(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = {r["code"]: dict(r) for r in csv.DictReader(f)}
    for r in rows.values():
        r["confidence"] = r.get("confidence") or CONFIDENCE_OF_2024_BASIS[r["basis"]]
        r["origin"] = origin(BASE_YEAR, r)
    return rows


def origin(year: int, p: dict) -> str:
    """'2024 compiled', '2025 report S4': where a carried row's evidence comes from."""
    m = re.match(r"(S\d+)", p["reference"])
    return f"{year} {p['basis']}" + (f" {m.group(1)}" if m else "")


def read_observed() -> list[tuple[int, str, str, str, str]]:
    out = []
    for lineno, raw in enumerate((HERE / "observed.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        year, source, kind, code, name = line.split(maxsplit=4)
        if source not in SOURCES or kind not in KIND_OF or len(code) not in LEVEL:
            raise SystemExit(f"observed.txt:{lineno}: cannot read {raw!r}")
        out.append((int(year), source, KIND_OF[kind], code, name))
    return out


def render_catalog(rows: dict[str, str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "level", "parent_code"])
    for code in sorted(rows):
        w.writerow([code, rows[code], LEVEL[len(code)], parent(code)])
    return buf.getvalue()


def render_provenance(prov: dict[str, dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "basis", "confidence", "reference"])
    for code in sorted(prov):
        p = prov[code]
        w.writerow([code, p["basis"], p["confidence"], p["reference"]])
    return buf.getvalue()


def check_tree(kind: str, year: int, rows: dict[str, str], prov: dict[str, dict]) -> None:
    for code in rows:
        if parent(code) and parent(code) not in rows:
            raise SystemExit(f"{kind}_{year}: {code} has no parent {parent(code)}")
    if set(rows) != set(prov):
        raise SystemExit(f"{kind}_{year}: provenance and catalog rows differ: {set(rows) ^ set(prov)}")


def build() -> dict[str, str]:
    """File name → content, for every file this script owns."""
    files = {}
    observed = read_observed()
    for kind in KINDS:
        rows = read_catalog(OUT / f"{kind}_{BASE_YEAR}.csv")
        prov = read_provenance(OUT / f"{kind}_{BASE_YEAR}_provenance.csv")
        for k, code, name, src in NOTICES.get(BASE_YEAR, ()):
            if k == kind:
                rows[code] = name
                prov[code] = {"basis": "notice", "confidence": "high", "reference": f"{src}: {SOURCES[src]}"}
        for (k, code), src in NAMED_BY_NOTICE_2024.items():
            if k == kind and prov[code]["basis"] == "compiled":
                prov[code] = {"basis": "public-snippet", "confidence": "high",
                              "reference": f"{src}: {SOURCES[src]}"}
        for p in prov.values():
            p["origin"] = origin(BASE_YEAR, p)
        check_tree(kind, BASE_YEAR, rows, prov)
        files[f"{kind}_{BASE_YEAR}.csv"] = render_catalog(rows)
        files[f"{kind}_{BASE_YEAR}_provenance.csv"] = render_provenance(prov)

        for year in YEARS:
            prov = {code: {"basis": "carried", "confidence": _CAP[p["confidence"]],
                           "reference": f"no {year} change known; as {p['origin']}"
                                        + (f"; {CARRY_NOTES[year][code]}: {SOURCES[CARRY_NOTES[year][code]]}"
                                           if code in CARRY_NOTES.get(year, {}) else ""),
                           "origin": p["origin"]}
                    for code, p in prov.items()}
            for (k, prefix), why in CARRY_DOUBTS.get(year, {}).items():
                for code, p in prov.items():
                    if k == kind and code.startswith(prefix):
                        p["confidence"] = "low"
                        p["reference"] += f"; doubt: {why}"
            for k, code, name, src in NOTICES.get(year, ()):
                if k == kind:
                    rows[code] = name
                    prov[code] = {"basis": "notice", "confidence": "high", "reference": f"{src}: {SOURCES[src]}"}
            for y, src, k, code, name in observed:
                if y != year or k != kind:
                    continue
                if code in rows and normalise_name(rows[code]) != normalise_name(name):
                    raise SystemExit(f"{kind}_{year}: {code} printed as {name!r}, catalog has {rows[code]!r}")
                rows.setdefault(code, name)
                seen = prov[code] if prov.get(code, {}).get("basis") == "report" else None
                refs = (seen["reference"] + " | " if seen else "") + f"{src}: {SOURCES[src]}"
                prov[code] = {"basis": "report", "confidence": "high", "reference": refs}
            for p in prov.values():
                if p["basis"] != "carried":
                    p["origin"] = origin(year, p)
            check_tree(kind, year, rows, prov)
            files[f"{kind}_{year}.csv"] = render_catalog(rows)
            files[f"{kind}_{year}_provenance.csv"] = render_provenance(prov)
    return files


def main(argv: list[str]) -> int:
    files = build()
    stale = [name for name, text in files.items()
             if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for name in stale:
            print(f"would change: {name}")
        return 1 if stale else 0
    for name in stale:
        (OUT / name).write_text(files[name], encoding="utf-8", newline="\n")
        print(f"wrote {name}: {files[name].count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
