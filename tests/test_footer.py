"""The one figure footer (issue 11.3): every source named for a slide audience, and the data date."""

from __future__ import annotations

from dashboard.domain.indicators import short_citation, source_line

SOURCES = {
    "clt": {"citation": "China Law Translate, 'What is a social credit demonstration city?' (2019): 11 cities",
            "url": "https://www.chinalawtranslate.com/a", "published": "2019", "accessed": "2026-11-22"},
    "nbs": {"citation": "National Bureau of Statistics, census communiqué No. 3", "url": "https://www.stats.gov.cn/x",
            "published": "2021-05-11", "accessed": "2026-11-20"},
    "reg_a": {"citation": "A省社会信用条例, adopted 2017", "url": "https://flk.npc.gov.cn/1", "published": "2017-03-30",
              "accessed": "2026-12-01"},
    "reg_b": {"citation": "B省社会信用条例, adopted 2021", "url": "https://flk.npc.gov.cn/2", "published": "2021-01-01",
              "accessed": "2026-12-01"},
    "reg_c": {"citation": "C省社会信用条例, adopted 2024", "url": "https://flk.npc.gov.cn/3", "published": "2024-07-25",
              "accessed": "2026-12-01"},
}


def test_short_citation_is_the_first_clause_and_year():
    assert short_citation(SOURCES["clt"]) == "China Law Translate (2019)"
    assert short_citation(SOURCES["nbs"]) == "National Bureau of Statistics (2021)"


def test_every_source_is_named_and_no_page_is_referred_to():
    line = source_line(["clt", "nbs"], SOURCES)
    assert "China Law Translate (2019)" in line and "National Bureau of Statistics (2021)" in line
    assert "more sources" not in line and "Sources & data" not in line


def test_many_texts_from_one_host_are_one_entry_with_their_years():
    line = source_line(["reg_a", "reg_b", "reg_c", "clt"], SOURCES)
    assert "3 texts at flk.npc.gov.cn (2017–2024)" in line and "China Law Translate (2019)" in line
    assert "条例" not in line


def test_data_date_is_the_latest_access_date_of_the_sources_cited():
    assert "2026-11-22" in source_line(["clt", "nbs"], SOURCES)
    assert "2026-12-01" not in source_line(["clt", "nbs"], SOURCES)
    assert "2026-12-01" in source_line(["clt", "reg_a"], SOURCES)


def test_unknown_ids_are_left_out_and_chinese_has_its_own_words():
    assert source_line(["nope"], SOURCES) == "Source: none cited."
    line = source_line(["clt", "nbs"], SOURCES, lang="zh")
    assert line.startswith("来源：") and "数据日期" in line


def test_two_sources_with_one_short_citation_stay_apart():
    twins = {"a": {"citation": "General Office, notice on lists", "published": ""},
             "b": {"citation": "General Office, notice on platforms", "published": ""}}
    line = source_line(["a", "b"], twins)
    assert "notice on lists" in line and "notice on platforms" in line
