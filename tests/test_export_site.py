"""The static site's pages, built from small hand-made figures (no AppTest, no browser)."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.style import GEOJSON_URL
from export.record import Baked, View
from export.site import bake, cited_ids, coverage, figure_page, index_page, relocated

SOURCES = {
    "nbs": {"citation": "National Bureau of Statistics, census communiqué", "url": "https://www.stats.gov.cn/x",
            "published": "2021-05-11", "accessed": "2026-11-20"},
    "clt": {"citation": "China Law Translate, explainer", "url": "https://www.chinalawtranslate.com/a",
            "published": "2019", "accessed": "2026-11-22"},
}


def item(filename: str, title: str, page: str, lang: str = "en", *, choropleth: bool = False) -> Baked:
    trace = (go.Choropleth(locations=["110000"], z=[1], geojson=GEOJSON_URL, featureidkey="properties.adcode")
             if choropleth else go.Bar(x=["a"], y=[1]))
    figure = go.Figure(trace, layout={"title": {"text": f"<b>{title}</b><br><sup>sub</sup>"}})
    table = pd.DataFrame({"adcode": ["110000", "120000"], "state": ["value", "missing"], "value": [1, None],
                          "source_id": ["nbs", ""], "confidence": ["official", ""]})
    if page == "regulations":
        table = pd.DataFrame({"item": ["x"], "source_id": ["nbs;clt"]})
    return Baked(View(page), lang, filename, figure, table)


@pytest.fixture
def items() -> list[Baked]:
    return [item("map-a", "Areas per province", "explorer", choropleth=True),
            item("reg-b", "Provisions", "regulations"),
            item("map-a", "每省示范区", "explorer", "zh", choropleth=True)]


def test_index_lists_every_figure_with_title_coverage_sources_and_files(items):
    page = index_page(items, "en", SOURCES, images=True, version="abc")
    assert re.findall(r'<a class="figure" href="([^"]+)"', page) == ["en/map-a.html", "en/reg-b.html"]
    assert "Areas per province" in page and "Provisions" in page and "每省示范区" not in page
    assert "values for 1 of 2 provinces" in page
    assert "National Bureau of Statistics (2021)" in page and "China Law Translate (2019)" in page
    for name in ("en/map-a.csv", "en/map-a.png", "en/map-a.svg"):
        assert f'href="{name}"' in page
    assert 'href="index-zh.html"' in page


def test_chinese_index_has_its_own_words_and_figures(items):
    page = index_page(items, "zh", SOURCES, images=False, version="abc")
    assert '<html lang="zh">' in page and "每省示范区" in page and "2 个省份中 1 个有数值" in page
    assert ".png" not in page


def test_figure_page_uses_the_sites_own_plotly_and_outlines(items):
    page = figure_page(items[0], SOURCES, images=False)
    assert '<script src="../assets/plotly.min.js"></script>' in page
    as_json = lambda url: url.replace("/", "\\u002f")  # noqa: E731 - how plotly writes URLs into the page
    assert as_json("../assets/static/provinces.geojson") in page and as_json(GEOJSON_URL) not in page
    assert '"topojsonURL": "../assets/static/topojson/"' in page
    assert not re.search(r'src="https?://', page), "a figure page must not load anything from another host"
    assert "https://www.stats.gov.cn/x" in page  # the full citation, as a link


def test_relocated_changes_only_the_app_static_urls():
    figure = go.Figure([go.Choropleth(geojson=GEOJSON_URL, locations=["1"], z=[1]),
                        go.Choropleth(geojson="https://example.org/x.geojson", locations=["1"], z=[1])])
    moved = relocated(figure, lambda path: f"site/{path}")
    assert [t.geojson for t in moved.data] == ["site/provinces.geojson", "https://example.org/x.geojson"]
    assert figure.data[0].geojson == GEOJSON_URL


def test_cited_ids_and_coverage_read_the_table():
    table = pd.DataFrame({"x_source_id": ["a;b", ""], "sources": ["b, c", None]})
    assert cited_ids(table) == ["a", "b", "c"]
    assert coverage(table, "en") == "2 rows in the CSV"


def test_bake_writes_pages_csv_assets_and_both_indexes(tmp_path, items):
    summary = bake(tmp_path, items, SOURCES, images=False)
    for path in ("index.html", "index-zh.html", "assets/plotly.min.js", "assets/static/provinces.geojson",
                 "en/map-a.html", "en/map-a.csv", "zh/map-a.html", "en/reg-b.csv"):
        assert (tmp_path / path).is_file(), path
    assert summary.figures == 3 and summary.files == len([p for p in tmp_path.rglob("*") if p.is_file()])
