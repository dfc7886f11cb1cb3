"""The tables pages show are sent compactly: repeated texts once, values unchanged."""

from __future__ import annotations

import pandas as pd
from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

from dashboard.ui import compact_rows


def frame() -> pd.DataFrame:
    citation = "A long citation of the one source every row of this table cites, with its title and date " * 3
    return pd.DataFrame({
        "name": [f"city {i}" for i in range(40)],
        "source": [citation] * 39 + [None],
        "kind": pd.array(["area", "score"] * 20, dtype="string"),
        "value": range(40),
    })


def test_repetitive_text_becomes_categorical_and_distinct_text_stays():
    shown = compact_rows(frame())
    assert isinstance(shown["source"].dtype, pd.CategoricalDtype)
    assert isinstance(shown["kind"].dtype, pd.CategoricalDtype)
    assert not isinstance(shown["name"].dtype, pd.CategoricalDtype)
    assert shown["value"].dtype == frame()["value"].dtype


def test_values_order_and_missing_cells_are_unchanged():
    original, shown = frame(), compact_rows(frame())
    assert shown.columns.tolist() == original.columns.tolist()
    assert shown.astype(object).where(shown.notna(), None).values.tolist() == \
        original.astype(object).where(original.notna(), None).values.tolist()


def test_what_streamlit_sends_is_smaller():
    assert len(convert_pandas_df_to_arrow_bytes(compact_rows(frame()))) < \
        len(convert_pandas_df_to_arrow_bytes(frame())) / 3
    empty = pd.DataFrame({"source": pd.Series([], dtype=object)})
    assert compact_rows(empty).empty


def test_an_empty_text_in_a_compacted_column_is_shown_as_a_dash_not_as_none():
    """Streamlit draws an empty category as a greyed "None" (the Cities table's Parent and Form)."""
    table = pd.DataFrame({"parent": ["", "", "", "杭州市"], "kind": ["area"] * 4})
    shown = compact_rows(table)
    assert isinstance(shown["parent"].dtype, pd.CategoricalDtype)
    assert shown["parent"].tolist() == ["—", "—", "—", "杭州市"] and "" not in shown["parent"].cat.categories
