"""Totals are computed from their parts; a stated total is kept as stated."""
from kuaiji_desk.core.layout import Values, layout
from kuaiji_desk.core.report import new_report

W = 1_000_000  # 分 in one 万元


def report_with_items():
    r = new_report("测试单位", 2024)
    r.add_code("03", "2010350")
    r.add_code("03", "2010399")
    r.set("03", "2010350", "2", 251 * W)
    r.set("03", "2010399", "3", 294 * W)
    return r


def test_ancestors_appear_and_rows_stay_in_code_order():
    r = report_with_items()
    lay = layout(r, "03")
    assert lay.rows == ["合计", "201", "20103", "2010350", "2010399"]
    assert lay.row_terms["合计"] == ("201",)
    assert lay.row_terms["201"] == ("20103",)
    assert lay.row_terms["20103"] == ("2010350", "2010399")
    assert r.code_rows["03"]["20103"] == "政府办公厅（室）及相关机构事务"


def test_totals_are_computed_row_and_column_wise():
    v = Values(report_with_items())
    assert v.value("03", "2010350", "1") == 251 * W   # c1 = c2 + … + c6
    assert v.value("03", "20103", "2") == 251 * W     # 款 = Σ 项
    assert v.value("03", "201", "1") == 545 * W
    assert v.value("03", "合计", "3") == 294 * W
    assert v.value("03", "合计", "1") == 545 * W


def test_stated_total_is_kept_and_computed_sum_remains_available():
    r = report_with_items()
    r.set("03", "合计", "1", 546 * W, rounded=True)
    v = Values(r)
    assert v.value("03", "合计", "1") == 546 * W
    assert v.computed("03", "合计", "1") == 545 * W


def test_fixed_table_totals():
    r = new_report("测试单位", 2024)
    r.set("01", "1", "1", 100 * W)
    r.set("01", "5", "1", 20 * W)
    r.set("01", "29", "1", 3 * W)
    v = Values(r)
    assert v.value("01", "27", "1") == 120 * W
    assert v.value("01", "30", "1") == 123 * W


def test_04_year_end_is_by_fund_in_row_60_and_rows_61_to_63_are_spacers():
    r = new_report("测试单位", 2024)
    r.set("04", "60", "3", 7 * W)
    r.set("04", "60", "4", 2 * W)
    v = Values(r)
    assert v.value("04", "60", "2") == 9 * W          # 小计 = the three funds
    assert v.value("04", "64", "3") == 7 * W
    assert v.value("04", "64", "2") == 9 * W
    lay = layout(r, "04")
    assert not lay.is_total("60", "3") and lay.is_total("60", "2")
    assert all(lay.row_cols[row] == () and lay.labels[row] == "" for row in ("61", "62", "63"))
    assert lay.rows.index("61") == lay.rows.index("60") + 1     # still printed, as the template does


def test_sangong_nested_column_totals():
    r = new_report("测试单位", 2024)
    r.set("09", "1", "10", 2 * W)
    r.set("09", "1", "11", 3 * W)
    r.set("09", "1", "12", 1 * W)
    v = Values(r)
    assert v.value("09", "1", "9") == 5 * W
    assert v.value("09", "1", "7") == 6 * W


def test_06_groups_and_default_rows():
    r = new_report("测试单位", 2024)
    assert "30217" in r.code_rows["06"]        # published even when empty
    r.set("06", "30101", "1", 10 * W)
    r.set("06", "30301", "1", 1 * W)
    r.set("06", "30201", "1", 2 * W)
    v = Values(r)
    assert v.value("06", "人员经费合计", "1") == 11 * W
    assert v.value("06", "公用经费合计", "1") == 2 * W


def test_rounding_error_counts_follow_the_sum():
    r = report_with_items()
    r.set("03", "2010350", "2", 251 * W, rounded=True)
    r.set("03", "2010399", "3", 294 * W, rounded=True)
    v = Values(r)
    assert v.error_count("03", "合计", "1") == 2
    assert v.error_count("03", "2010350", "2") == 1


def test_revision_cache_reuses_untouched_tables():
    r = report_with_items()
    cache = {}
    first = Values(r, cache).table("03")
    assert Values(r, cache).table("03") is first
    r.set("03", "2010350", "2", 252 * W)
    again = Values(r, cache).table("03")
    assert again is not first and again.computed[("03", "合计", "1")] == 546 * W


def test_remove_code_removes_descendants_and_values():
    r = report_with_items()
    r.remove_code("03", "20103")
    assert r.codes("03") == ["201"]
    assert not any(k[0] == "03" for k in r.cells)
