from kuaiji_desk.core import catalog


def test_lookup_functional():
    cat = catalog.load(catalog.FUNCTIONAL, 2024)
    e = cat.lookup("2010350")
    assert (e.name, e.level, e.parent) == ("事业运行", 3, "20103")
    assert cat.lookup("201035 0") == e          # split by PDF extraction
    assert cat.lookup(2010350) == e
    assert cat.name("20103") == "政府办公厅（室）及相关机构事务"
    assert cat.lookup("201").level == 1 and cat.lookup("201").parent is None


def test_unknown_code_is_none_not_an_error():
    cat = catalog.load(catalog.FUNCTIONAL, 2024)
    assert cat.lookup("2019988") is None


def test_economic():
    cat = catalog.load(catalog.ECONOMIC, 2024)
    assert cat.name("30217") == "公务接待费"
    assert cat.lookup("30217").parent == "302"


def test_later_year_falls_back_to_latest_catalog():
    cat = catalog.load(catalog.FUNCTIONAL, 2027)      # 2026 is the latest shipped
    assert (cat.year, cat.requested_year, cat.is_fallback) == (2026, 2027, True)
    assert cat.table_label == "科目表" and cat.fallback_note == "（按2026年科目表核对）"
    assert cat.name("2010350") == "事业运行"


def test_own_year_catalog_is_no_fallback():
    cat = catalog.load(catalog.FUNCTIONAL, 2025)
    assert (cat.year, cat.requested_year, cat.is_fallback) == (2025, 2025, False)
    assert cat.table_label == "2025年科目表" and cat.fallback_note == ""


def test_hierarchy_helpers():
    assert catalog.parent_of("2010350") == "20103"
    assert catalog.ancestors_of("2010350") == ["20103", "201"]
    assert catalog.level_of("2010") is None
    assert catalog.normalise_name("政府办公厅(室) 及相关机构事务") == catalog.normalise_name("政府办公厅（室）及相关机构事务")


def test_search_by_code_and_name():
    cat = catalog.load(catalog.FUNCTIONAL, 2024)
    assert cat.search("20103")[0].code == "20103"
    assert any(e.code == "2210201" for e in cat.search("住房公积金"))


def test_load_official_table_from_csv(tmp_path):
    f = tmp_path / "official.csv"
    f.write_text("code,name\n201,一般公共服务支出\n2019999,其他一般公共服务支出\n", encoding="utf-8")
    cat = catalog.Catalog.from_csv(f, catalog.FUNCTIONAL, 2025)
    assert cat.lookup("2019999").parent == "20199"
    assert len(cat) == 2
