"""The play control (dashboard.figures.animation) on small figures."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.animation import with_year_frames


def build(year: int) -> go.Figure:
    """A map-like figure whose 'absent' layer exists only in the early years."""
    figure = go.Figure()
    figure.add_trace(go.Choropleth(locations=["110000"], z=[year], name="value"))
    if year < 2020:
        figure.add_trace(go.Choropleth(locations=["120000"], z=[0], name="absent"))
    figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", marker={"color": "#ffffff"},
                                   name=f"Not yet by {year}"))
    figure.update_layout(title={"text": f"Regulations by the end of {year}"})
    return figure


def test_every_frame_has_the_same_traces_and_names_its_year_in_the_title():
    figure = with_year_frames(build, [2018, 2019, 2020], 2019, "Play", "Pause")
    assert [f.name for f in figure.frames] == ["2018", "2019", "2020"]
    shapes = {tuple((t.type, t.name if t.type == "choropleth" else "") for t in f.data) for f in figure.frames}
    assert len(shapes) == 1  # same kinds in the same order, or Plotly would mix layers up
    for frame in figure.frames:
        assert frame.layout.title.text.endswith(frame.name)
    # 2020 has no absent province: its absent layer is empty, not carried over from 2019
    absent = [t for t in figure.frames[2].data if t.name == "absent"][0]
    assert list(absent.locations) == []


def test_the_figure_opens_on_the_chosen_year_with_a_play_button():
    figure = with_year_frames(build, [2018, 2019, 2020], 2019, "Play", "Pause")
    assert figure.layout.title.text == "Regulations by the end of 2019"
    assert figure.layout.sliders[0].active == 1
    buttons = figure.layout.updatemenus[0].buttons
    assert buttons[0].method == "animate" and "Play" in buttons[0].label
    assert [s.label for s in figure.layout.sliders[0].steps] == ["2018", "2019", "2020"]
