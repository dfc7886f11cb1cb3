"""Figures and derived tables are built once per data version and choice, and shared safely.

``dashboard.data`` shares results between sessions instead of unpickling a copy on every
rerun; these tests pin what that promises: a new data version or a new choice builds again,
the same ones do not, and nobody can change a shared table or figure through what they get.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.ui import show_figure
from tests.conftest import REPO_PROCESSED


@pytest.fixture
def processed(tmp_path: Path) -> Path:
    folder = tmp_path / "processed"
    folder.mkdir()
    for name in ("manifest.json", "provinces.parquet"):
        shutil.copy2(REPO_PROCESSED / name, folder / name)
    return folder


def rebuilt(path: Path) -> None:
    """Rewrite a table with fewer rows and a later mtime, as the ETL would."""
    data.load("provinces", path.parent).head(2).to_parquet(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


class Calls(list):
    """The builder's calls: not a plain value, so (like a table) keyed by the data version."""


def bars(frame, calls: Calls, *, title: str) -> go.Figure:
    calls.append(title)
    return go.Figure(go.Bar(x=frame["adcode"].tolist(), y=list(range(len(frame)))), layout={"title": title})


def test_a_figure_is_built_once_per_data_version_and_title(processed):
    calls = Calls()
    frame = data.load("provinces", processed)
    first = data.figure(bars, frame, calls, tables=["provinces"], folder=processed, title="a")
    assert data.figure(bars, frame, calls, tables=["provinces"], folder=processed, title="a") is first
    assert calls == ["a"]
    other = data.figure(bars, frame, calls, tables=["provinces"], folder=processed, title="b")
    assert other is not first and calls == ["a", "b"]
    rebuilt(processed / "provinces.parquet")
    again = data.figure(bars, data.load("provinces", processed), calls, tables=["provinces"], folder=processed,
                        title="a")
    assert calls == ["a", "b", "a"]
    assert len(again.data[0].x) == 2


def test_a_choice_hidden_in_a_data_argument_needs_its_key(processed):
    calls = Calls()
    frame = data.load("provinces", processed)
    data.figure(bars, frame, calls, tables=["provinces"], folder=processed, key="all", title="t")
    data.figure(bars, frame.head(3), calls, tables=["provinces"], folder=processed, key="first three", title="t")
    assert len(calls) == 2


def test_a_shared_figure_hands_out_copies_of_its_dict(processed):
    figure = data.figure(bars, data.load("provinces", processed), Calls(), tables=["provinces"], folder=processed,
                         title="copy")
    spec = figure.to_dict()
    spec["layout"]["title"] = "changed"
    spec["data"] = []
    assert figure.to_dict()["layout"]["title"]["text"] == "copy"
    assert len(figure.to_dict()["data"]) == 1


def test_a_loaded_table_changed_by_one_caller_is_unchanged_for_the_next(processed):
    frame = data.load("provinces", processed)
    frame["adcode"] = "x"
    frame.loc[0, "name_en"] = "changed"
    again = data.load("provinces", processed)
    assert "x" not in set(again["adcode"]) and again.loc[0, "name_en"] != "changed"


def test_then_steps_shape_the_figure_before_it_is_shared(processed):
    def retitle(figure: go.Figure, text: str) -> None:
        figure.update_layout(title=text)

    frame = data.load("provinces", processed)
    plain = data.figure(bars, frame, Calls(), tables=["provinces"], folder=processed, title="t")
    shaped = data.figure(bars, frame, Calls(), tables=["provinces"], folder=processed, title="t",
                         then=((retitle, "shaped"),))
    assert shaped is not plain
    assert shaped.to_dict()["layout"]["title"]["text"] == "shaped"
    assert plain.to_dict()["layout"]["title"]["text"] == "t"


def test_show_figure_sends_a_shared_figure_as_built():
    from streamlit.testing.v1 import AppTest

    def page():
        import plotly.graph_objects as go

        from dashboard import data
        from dashboard.ui import show_figure

        def build(*, title):
            return go.Figure(go.Choropleth(locations=["a"], z=[1]), layout={"title": title})

        import pandas as pd

        show_figure(data.figure(build, tables=[], title="shared"), "shared", key="shared",
                    table=pd.DataFrame({"location": ["a"], "value": [1]}))

    at = AppTest.from_function(page).run()
    assert not at.exception
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"text":"shared"' in spec.replace(" ", "")
    assert '"unselected":{"marker":{"opacity":1' in spec.replace(" ", "")
    assert show_figure  # the page imports the same function
