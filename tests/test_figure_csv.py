"""Every figure on every page offers the rows it draws as CSV (issue 11.3), checked through AppTest."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.domain.compare import batch_rows
from dashboard.domain.indicators import IndicatorView, view_rows
from dashboard.text.footer import FOOTER_WORDS
from dashboard.ui import CSV_LABEL, table_csv
from export.record import View, record, run_view, views

EXPORT_ONLY = {"compare?mode=two": 1}
DATA_DATE = FOOTER_WORDS["en"]["data_date"].split("{")[0]
PROVINCES = pd.DataFrame({"adcode": ["110000", "120000", "130000"], "name_en": ["Beijing", "Tianjin", "Hebei"],
                          "name_zh": ["北京市", "天津市", "河北省"], "in_scope": [True, True, True]})


@pytest.mark.parametrize("view", views(every_indicator=False), ids=lambda v: v.page + v.query("en"))
def test_every_figure_shown_offers_its_rows_as_csv(view: View):
    app = run_view(view, "en")
    assert not app.exception
    charts = app.get("plotly_chart")
    shown = app.session_state["_export_figures"]
    assert len(shown) == len(charts), "a figure was drawn without going through show_figure"
    csv_buttons = [b for b in app.get("download_button") if b.proto.label == CSV_LABEL["en"]]
    # One per figure, plus one per figure exported but not drawn (Compare's two maps as one image).
    assert len(csv_buttons) == len(charts) + EXPORT_ONLY.get(view.page + view.query("en"), 0)
    for (filename, figure, table), chart in zip(shown, charts, strict=True):
        assert isinstance(table, pd.DataFrame) and not table.empty, filename
        assert json.loads(chart.proto.spec)["layout"] == json.loads(figure.to_json())["layout"]
        header = table_csv(table).decode("utf-8-sig").splitlines()[0]
        assert header == ",".join(map(str, table.columns))
        # The one footer recipe: every figure names its sources and the data date inside the image.
        texts = " ".join(str(a.text) for a in figure.layout.annotations)
        assert DATA_DATE in texts and "more sources" not in texts, filename


def test_a_map_offers_exactly_its_provinces_with_sources():
    [baked] = record(View("explorer"), "en")
    drawn = {trace.name: set(trace.locations) for trace in baked.figure.data if trace.type == "choropleth"}
    table = baked.table
    assert set(table.loc[table["state"] == "value", "adcode"]) == drawn["value"]
    assert {"as_of", "per", "source_id", "confidence", "unit"} <= set(table.columns)
    assert table.loc[table["state"] == "value", "source_id"].str.len().gt(0).all()


def test_view_rows_keep_missing_values_empty_and_name_the_setting():
    values = pd.DataFrame({"adcode": ["110000", "120000"], "value": pd.array([3.0, None], dtype="Float64"),
                           "qualifier": ["at least", ""], "source": ["src_a", ""], "confidence": ["official", ""],
                           "missing_reason": ["", "not reported"], "note": ["", ""], "state": ["value", "missing"]})
    view = IndicatorView(values, "areas per million residents", "amount", 2021, "Values for 1 of 2", 1)
    rows = view_rows(view, PROVINCES, indicator="areas", per="population")
    assert rows["as_of"].eq("2021").all() and rows["per"].eq("population").all()
    missing = rows[rows["adcode"] == "120000"].iloc[0]
    assert pd.isna(missing["value"]) and missing["missing_reason"] == "not reported"
    assert rows.loc[rows["adcode"] == "110000", "province_en"].item() == "Beijing"


def test_a_zero_in_a_complete_batch_cites_the_batch_list():
    areas = pd.DataFrame({"adcode": ["110000", "110000", "120000"], "batch": [1, 1, 2],
                          "source_id": ["list_1", "list_1", "list_2"], "confidence": ["official"] * 3})
    rows = batch_rows(areas, PROVINCES, [1, 2]).set_index(["adcode", "batch"])
    assert rows.at[("110000", 1), "count"] == 2 and rows.at[("110000", 1), "source_id"] == "list_1"
    assert rows.at[("130000", 2), "count"] == 0 and rows.at[("130000", 2), "source_id"] == "list_2"


def test_rows_passed_as_a_function_are_built_only_when_asked_for():
    calls = []

    def build() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"province": ["北京"], "value": [1]})

    assert not calls
    assert table_csv(build).decode("utf-8-sig").splitlines() == ["province,value", "北京,1"]
    assert len(calls) == 1
