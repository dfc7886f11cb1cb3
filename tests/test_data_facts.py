"""The processed data say what the cited sources say.

Expected values come from ``tests/fixtures/source_facts/``: an independent transcription of
the public sources (census communiqué, yearbook table, batch notices), never generated from
``data/raw``. A few single facts are quoted from their sources directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
FACTS = Path(__file__).resolve().parent / "fixtures" / "source_facts"
SHORT_NAME_SUFFIX = "(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$"


def load(name: str) -> pd.DataFrame:
    return pd.read_parquet(PROCESSED / f"{name}.parquet")


def facts(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / f"{name}.csv", dtype={"province_zh": str, "name_zh": str})


def indicator(name: str) -> pd.Series:
    table = load("indicators")
    rows = table[(table["indicator"] == name) & table["is_latest"]]
    return rows.set_index("province_zh")["value"]


def test_population_matches_census_table_for_all_31_provinces():
    expected = facts("census_2020_population").set_index("province_zh")["persons"]
    assert len(expected) == 31
    population = indicator("population_2020").rename(lambda n: re.sub(SHORT_NAME_SUFFIX, "", n))
    for name, value in expected.items():
        assert population[name] == value, name
    assert population.sum() == 1_409_778_724  # the communiqué's check: 31 provinces


def test_regional_division_reproduces_the_census_regional_totals():
    provinces = load("provinces").set_index("adcode")
    population = load("population_2020").set_index("adcode")["value"]
    by_region = population.groupby(provinces["region"]).sum()
    assert by_region.to_dict() == {
        "East": 563_717_119, "Central": 364_694_362, "West": 382_852_295, "Northeast": 98_514_948,
    }


def test_gdp_matches_source_a_and_is_flagged_secondary():
    expected = facts("gdp_2020_source_a").set_index("province_zh")["gdp_100m_yuan"]
    gdp = load("gdp_2020")
    values = gdp.set_index(gdp["province_zh"].str.replace(SHORT_NAME_SUFFIX, "", regex=True))
    assert len(expected) == 31
    for name, value in expected.items():
        assert values.at[name, "value"] == pytest.approx(value), name
    assert set(gdp["confidence"]) == {"secondary"}


@pytest.mark.parametrize(("batch", "size"), [(1, 12), (3, 34), (4, 68)])
def test_batches_match_their_published_lists(batch, size):
    members = facts("demonstration_batches_members")
    listed = set(members.loc[members["batch"] == batch, "name_zh"])
    areas = load("demonstration_areas")
    assert len(listed) == size
    assert set(areas.loc[areas["batch"] == batch, "name_zh"]) == listed


def test_batch_sizes_and_unknown_batches():
    batches = load("demonstration_batches").set_index("batch")
    assert batches.loc[[1, 2, 3, 4], "areas"].tolist() == [12, 16, 34, 68]
    assert not batches.at[2, "members_established"]
    assert pd.isna(batches.at[5, "areas"]) and not batches.at[5, "members_established"]
    assert batches.at[1, "doc_no"] == "发改办财金〔2017〕2158号"


def test_per_province_counts_equal_the_rows_they_count():
    areas = load("demonstration_areas")
    counts = indicator("demonstration_areas_per_province")
    from_rows = areas.groupby("province_zh").size()
    for province, value in counts.items():
        assert value == from_rows.get(province, 0), province


def test_known_batches_per_province_match_the_published_lists():
    members = facts("demonstration_batches_members")
    areas = load("demonstration_areas")
    known = areas[areas["batch"].isin([1, 3, 4])].groupby("province_en").size()
    assert known.to_dict() == members.groupby("province_en").size().to_dict()


def test_provinces_without_areas_are_zero_with_a_no_known_area_note():
    table = load("indicators")
    rows = table[(table["indicator"] == "demonstration_areas_per_province") & table["is_latest"]]
    zero = rows[rows["value"] == 0]
    assert set(zero["province_en"]) == {"Shanxi", "Heilongjiang", "Guizhou", "Tibet", "Qinghai", "Xinjiang"}
    assert zero["note"].str.contains("no known area").all()


def test_regulations_adopted_with_dates_from_their_official_texts():
    regulations = load("regulations_provincial").set_index("province_en")
    assert (regulations["status"] == "adopted").sum() == 26
    assert regulations.at["Beijing", "status"] == "draft only"
    assert set(regulations.index[regulations["status"] == "none found"]) == {"Anhui", "Fujian", "Qinghai", "Tibet"}
    assert regulations.at["Hubei", "adopted"] == "2017-03-30"
    assert regulations.at["Hubei", "effective"] == "2017-07-01"
    assert regulations.at["Zhejiang", "adopted"] == "2017-09-30"  # header of the official text
    assert regulations.at["Heilongjiang", "adopted"] == "2022-05-13"
    assert regulations.at["Ningxia", "adopted"] == "2023-11-30"
    assert regulations.at["Tianjin", "n_chapters"] == 8 and regulations.at["Tianjin", "n_articles"] == 66
    adopted = regulations[regulations["status"] == "adopted"]
    assert (adopted["year"] == adopted["adopted"].str[:4].astype(int)).all()
    assert adopted["n_articles"].notna().all()


def test_adoption_year_indicator_is_missing_not_zero_where_none_established():
    years = load("indicators")
    rows = years[years["indicator"] == "regulation_adoption_year"].set_index("province_en")
    assert rows["value"].notna().sum() == 26
    assert pd.isna(rows.at["Beijing", "value"]) and rows.at["Beijing", "missing_reason"]


def test_every_coded_regulation_has_every_item_once():
    provisions = load("regulation_provisions")
    items = load("regulation_items")
    per_text = provisions.groupby("jurisdiction")["item"].apply(set)
    assert (per_text == set(items["item"])).all()
    assert not provisions.duplicated(["jurisdiction", "item"]).any()
    adopted = load("regulations_provincial").query("status == 'adopted'")["adcode"]
    assert set(adopted) == set(provisions.loc[provisions["level"] == "province", "jurisdiction"])


def test_yes_cites_articles_within_the_text_and_no_cites_none():
    provisions = load("regulation_provisions")
    lengths = pd.concat([
        load("regulations_provincial").set_index("adcode")["n_articles"].dropna(),
        pd.Series({"440300": 90, "320100": 76, "350200": 55, "321300": 58}),  # the municipal texts' last articles
    ])
    yes = provisions[provisions["present"] == "yes"]
    assert yes["articles"].notna().all()
    for row in yes.itertuples():
        cited = [int(a) for a in row.articles.split(";")]
        assert all(1 <= a <= lengths[row.jurisdiction] for a in cited), (row.jurisdiction, row.item, cited)
    assert provisions.loc[provisions["present"] == "no", "articles"].isna().all()
    period = provisions[provisions["item"] == "disclosure_period"]
    assert (period["value"].notna() == (period["present"] == "yes")).all()


def test_reconciled_coding_differs_from_the_coders_only_where_recorded():
    provisions = load("regulation_provisions").set_index(["jurisdiction", "item"])
    coders = load("regulation_coding_independent").pivot(index=["jurisdiction", "item"], columns="coder", values="present")
    both = coders["A"] == coders["B"]
    agreed = provisions.loc[both.index[both], :]
    assert (agreed.loc[agreed["coding"] != "recoded", "present"] == coders.loc[both, "A"].loc[agreed.index[agreed["coding"] != "recoded"]]).all()
    assert set(provisions.loc[both.index[~both], "coding"]) == {"reconciled"}


def test_list_counts_keep_secondary_values_and_coverage():
    black = load("blacklists_per_province").set_index("province_en")
    red = load("redlists_per_province").set_index("province_en")
    assert black["value"].notna().sum() == 5 and red["value"].notna().sum() == 6
    assert black.at["Shanxi", "value"] == 35 and red.at["Beijing", "value"] == 24 and red.at["Tianjin", "value"] == 11
    assert set(black["confidence"].dropna()) == {"secondary"}
    assert (black.loc[black["value"].isna(), "missing_reason"] == "not reported by source").all()
    totals = load("list_totals")
    assert {273, 154, 30} <= set(totals["value"])


def test_npcic_and_national_series_keep_their_units():
    npcic = load("npcic_new_blacklisted_enterprises_2018_05").set_index("province_en")["value"]
    assert npcic.dropna().to_dict() == {"Jiangsu": 5379, "Zhejiang": 3671, "Guangdong": 3435, "Henan": 2928, "Shandong": 2774}
    series = load("national_series")
    person_times = series[series["unit"].str.contains("person-times")]
    people = series[series["unit"] == "people"]
    assert len(person_times) and len(people)
    assert 12_770_000 in set(series.loc[series["series"] == "spc_defaulter_list", "value"])


def test_national_documents_and_cameras():
    documents = load("national_documents")
    assert "国发〔2014〕21号" in set(documents["doc_no"])
    assert documents["year"].min() == 2007 and documents["year"].max() == 2025
    cameras = load("surveillance_cameras").set_index("city_en")
    assert len(cameras) == 20 and cameras.at["Shanghai", "cameras"] == 15_065_778
    assert cameras["caveat"].str.contains("population").all()


def test_every_row_cites_a_known_source():
    known = set(load("sources")["source_id"])
    catalogue = load("catalogue")
    for name in catalogue["name"]:
        table = load(name)
        cited = {s for cell in table["source_id"].dropna() for s in str(cell).split(";")}
        assert cited <= known, (name, cited - known)
        assert table["source_id"].notna().all(), name


def test_outside_units_never_get_a_value():
    table = load("indicators")
    assert not table["adcode"].isin(["710000", "810000", "820000"]).any()


def test_city_score_counts_count_only_city_scores_each_scheme_once():
    scores = load("city_scores").set_index("city_en")
    assert scores.at["Nanjing", "kind"] == "card" and scores.at["Shanghai", "kind"] == "app rating"
    assert scores.at["Huantai County", "kind"] == "village points" and scores.at["Ningbo", "kind"] == "naming candidate"
    assert not scores.at["Rongcheng", "distinct_scheme"]  # possibly one scheme with Weihai's 海贝分
    assert scores.at["Zhengzhou", "score_name_zh"] == "商鼎分" and scores.at["Zhengzhou", "launched"] == "2019-08-06"
    assert scores.at["Xiamen", "launched"] == "2018-07"  # contemporaneous release, not the case study's April
    counts = indicator("city_score_systems_per_province")
    assert counts[counts > 0].rename(lambda n: re.sub(SHORT_NAME_SUFFIX, "", n)).to_dict() == {
        "江苏": 3, "浙江": 1, "福建": 2, "山东": 2, "河南": 1,
    }


def test_qichacha_2020_keeps_person_times_and_leaves_unnamed_provinces_missing():
    new = load("qichacha_new_defaulters_2020").set_index("province_en")
    assert new["value"].dropna().to_dict() == {"Zhejiang": 297_100, "Henan": 290_000, "Guangdong": 221_900}
    density = load("qichacha_defaulter_density_2020").set_index("province_en")
    assert density["value"].dropna().to_dict() == {"Zhejiang": 42, "Jilin": 4}
    assert density.at["Ningxia", "missing_reason"].startswith("rank only")
    total = load("qichacha_cumulative_defaulters_2013_2020").set_index("province_en")
    assert total["value"].dropna().to_dict() == {
        "Zhejiang": 1_996_400, "Jiangsu": 1_603_600, "Henan": 1_489_600, "Hainan": 45_300, "Qinghai": 20_800,
    }
    assert pd.isna(total.at["Tibet", "value"]) and "cut off" in total.at["Tibet", "missing_reason"]
    for table in (new, density, total):
        assert not (table["value"] == 0).any()
        assert table.loc[table["value"].isna(), "missing_reason"].notna().all()


def test_city_credit_rankings_as_published():
    rankings = load("city_credit_rankings")
    capitals = rankings[(rankings["snapshot"] == "《中国信用》2022年第8期") & (rankings["pool_size"] == 36)]
    assert len(capitals) == 20 and capitals.set_index("rank").at[1, "city_zh"] == "北京市"
    assert capitals.set_index("city_zh").at["合肥市", "index"] == pytest.approx(86.715)
    window = rankings[rankings["snapshot"] == "《中国信用》2018年第4期"]
    assert sorted(window["rank"]) == list(range(35, 51)) and set(window["pool_size"]) == {259}
    assert set(rankings.loc[rankings["snapshot"].str.startswith("unidentified"), "confidence"]) == {"weak"}
    coverage = load("city_credit_platform_coverage").set_index(["measure", "city_level"])["value"]
    assert coverage[("credit-information sharing platform opened", "prefecture-level cities")] == 213
    assert coverage[("credit website opened", "prefecture-level cities")] == 247
