"""The province name resolver: every spelling of every unit, the Shanxi/Shaanxi trap, errors."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from etl.provinces import UnknownProvinceError, build_resolver, load_resolver, read_reference
from tests.conftest import REPO_RAW

PROVINCES = pd.read_csv(REPO_RAW / "provinces.csv", dtype=str, keep_default_na=False)
FORMS = ("adcode", "iso_3166_2", "name_zh", "short_zh", "name_en", "pinyin")
SHANXI, SHAANXI = "140000", "610000"


@pytest.fixture(scope="module")
def resolver():
    return load_resolver(REPO_RAW)


def test_reference_has_the_34_units():
    assert len(PROVINCES) == 34
    assert PROVINCES["adcode"].is_unique
    assert (PROVINCES["in_scope"] == "true").sum() == 31
    assert set(PROVINCES.loc[PROVINCES["in_scope"] == "false", "adcode"]) == {
        "710000",
        "810000",
        "820000",
    }


@pytest.mark.parametrize(
    ("spelling", "adcode"),
    [
        pytest.param(row[form], row["adcode"], id=f"{row['adcode']}-{form}")
        for row in PROVINCES.to_dict("records")
        for form in FORMS
    ],
)
def test_every_unit_resolves_from_every_reference_form(resolver, spelling, adcode):
    assert resolver.resolve(spelling) == adcode


@pytest.mark.parametrize(
    ("spelling", "adcode"),
    [
        ("Guangxi Zhuang Autonomous Region", "450000"),
        ("Xinjiang Uyghur Autonomous Region", "650000"),
        ("Xinjiang Uygur", "650000"),
        ("Ningxia Hui", "640000"),
        ("Inner Mongolia", "150000"),
        ("Nei Mongol", "150000"),
        ("Tibet", "540000"),
        ("Xizang", "540000"),
        ("Macau", "820000"),
        ("Macao SAR", "820000"),
        ("Hong Kong SAR", "810000"),
        ("Beijing Municipality", "110000"),
        ("shandong province", "370000"),
        ("SHANDONG", "370000"),
        ("Hei-long-jiang", "230000"),
        ("hei long jiang", "230000"),
        ("Hēilóngjiāng", "230000"),
        ("CN-SN", "610000"),
        ("61", "610000"),
        ("  Beijing  ", "110000"),
        ("广西壮族自治区", "450000"),
        ("Hong Kong Special Administrative Region", "810000"),
    ],
)
def test_variant_spellings(resolver, spelling, adcode):
    assert resolver.resolve(spelling) == adcode


@pytest.mark.parametrize(
    "spelling",
    ["山西", "山西省", "Shanxi", "Shanxi Province", "Shānxī", "CN-SX", "140000", "14", "Shansi"],
)
def test_shanxi_is_never_shaanxi(resolver, spelling):
    assert resolver.resolve(spelling) == SHANXI


@pytest.mark.parametrize(
    "spelling",
    [
        "陕西",
        "陕西省",
        "Shaanxi",
        "Shaanxi Province",
        "Shǎnxī",
        "Shǎnxi",
        "CN-SN",
        "610000",
        "61",
        "Shensi",
    ],
)
def test_shaanxi_is_never_shanxi(resolver, spelling):
    assert resolver.resolve(spelling) == SHAANXI


@pytest.mark.parametrize(("spelling", "adcode"), [("Shǎnxī", SHAANXI), ("Shānxī", SHANXI)])
def test_decomposed_tone_marks_resolve_like_composed_ones(resolver, spelling, adcode):
    decomposed = unicodedata.normalize("NFD", spelling)
    assert decomposed != spelling
    assert resolver.resolve(decomposed) == adcode


@pytest.mark.parametrize("name", ["Atlantis", "Shenzhen", "西安市", "Guangzhou"])
def test_unknown_names_raise_with_closest_matches(resolver, name):
    with pytest.raises(UnknownProvinceError) as caught:
        resolver.resolve(name)
    error = caught.value
    assert not error.ambiguous
    assert error.name == name
    assert 1 <= len(error.suggestions) <= 3
    message = str(error)
    assert repr(name) in message
    assert "closest matches" in message
    for suggestion in error.suggestions:
        assert suggestion in message
    # Each suggestion names a real unit by English name, Chinese name and adcode.
    known = {
        f"{r['name_en']} ({r['name_zh']}, {r['adcode']})" for r in PROVINCES.to_dict("records")
    }
    assert set(error.suggestions) <= known


@pytest.mark.parametrize("empty", ["", "   ", None, float("nan")])
def test_empty_names_raise(resolver, empty):
    with pytest.raises(UnknownProvinceError, match="unknown province name"):
        resolver.resolve(empty)


@pytest.mark.parametrize(
    ("typo", "intended"),
    [
        ("Guangdon", "Guangdong"),
        ("Sichaun", "Sichuan"),
        ("Zhejang", "Zhejiang"),
        ("Shandongg", "Shandong"),
    ],
)
def test_a_typo_suggests_the_intended_unit(resolver, typo, intended):
    with pytest.raises(UnknownProvinceError) as caught:
        resolver.resolve(typo)
    assert any(s.startswith(f"{intended} (") for s in caught.value.suggestions)


@pytest.mark.parametrize("code", ["990000", "00", "CN-XX", "6100"])
def test_codes_that_name_no_unit_raise(resolver, code):
    with pytest.raises(UnknownProvinceError):
        resolver.resolve(code)


def _aliases_with(*rows: tuple[str, str]) -> pd.DataFrame:
    _, aliases = read_reference(REPO_RAW)
    extra = pd.DataFrame([{"alias": alias, "adcode": code, "note": ""} for alias, code in rows])
    return pd.concat([aliases, extra], ignore_index=True)


def test_alias_file_naming_one_spelling_for_two_units_is_refused():
    provinces, _ = read_reference(REPO_RAW)
    aliases = _aliases_with(("Xanadu", SHANXI), ("Xanadu", SHAANXI))
    with pytest.raises(ValueError, match="Xanadu"):
        build_resolver(provinces, aliases)


def test_alias_that_normalises_to_another_units_key_is_refused():
    provinces, _ = read_reference(REPO_RAW)
    # "Shan-xi Province" normalises to the key of Shanxi's English name.
    aliases = _aliases_with(("Shan-xi Province", SHAANXI))
    with pytest.raises(ValueError, match="names both"):
        build_resolver(provinces, aliases)


def test_repeating_a_spelling_for_the_same_unit_is_allowed():
    provinces, _ = read_reference(REPO_RAW)
    resolver = build_resolver(provinces, _aliases_with(("Shensi", SHAANXI), ("Shen-si", SHAANXI)))
    assert resolver.resolve("shen si") == SHAANXI
