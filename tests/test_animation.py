"""The play control (dashboard.figures.animation) on small figures."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.animation import with_year_frames


def build(year: int | None) -> go.Figure:
    """A map-like figure whose 'absent' layer exists only in the early years."""
    figure = go.Figure()
    figure.add_trace(go.Choropleth(locations=["110000"], z=[year], name="value"))
    if year is not None and year < 2020:  # None: the latest view
        figure.add_trace(go.Choropleth(locations=["120000"], z=[0], name="absent"))
    figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", marker={"color": "#ffffff"},
                                   name=f"Not yet by {year}"))
    figure.update_layout(title={"text": f"Regulations by the end of {year}"})
    return figure


def test_every_frame_has_the_same_traces_and_names_its_year_in_the_title():
    figure = with_year_frames(build, [2018, 2019, 2020], 2019, "Play", "Pause")
    assert [f.name for f in figure.frames] == ["2018", "2019", "2020"]
    assert [(t.type, t.name) for t in figure.data][:2] == [("choropleth", "value"), ("choropleth", "absent")]
    assert {tuple(t.type for t in f.data) for f in figure.frames} == {tuple(t.type for t in figure.data)}
    for frame in figure.frames:
        assert frame.layout.title.text.endswith(frame.name)
    # 2020 has no absent province: its absent layer is empty, not carried over from 2019
    assert list(figure.frames[2].data[1].locations) == []


def test_a_frame_carries_only_what_changes_between_the_years():
    figure = with_year_frames(build, [2018, 2019, 2020], 2019, "Play", "Pause")
    value = figure.frames[0].data[0]
    assert list(value.z) == [2018] and value.locations is None  # the same province every year: sent once
    assert figure.frames[0].data[2].name == "Not yet by 2018"  # the swatch's label does change


def test_a_hover_template_that_changes_with_the_year_goes_into_every_frame():
    def build_hover(year: int) -> go.Figure:
        figure = build(year)
        figure.data[0].hovertemplate = "one source" if year != 2020 else "%{customdata[0]}"
        return figure

    figure = with_year_frames(build_hover, [2018, 2019, 2020], 2019, "Play", "Pause")
    assert [f.data[0].hovertemplate for f in figure.frames] == ["one source", "one source", "%{customdata[0]}"]


def test_the_latest_view_opens_with_the_slider_at_the_end():
    figure = with_year_frames(build, [2018, 2019], None, "Play", "Pause")
    assert figure.layout.title.text == "Regulations by the end of None"  # build(None): the page's latest view
    assert figure.layout.sliders[0].active == 1 and [f.name for f in figure.frames] == ["2018", "2019"]


def test_the_figure_opens_on_the_chosen_year_with_a_play_button():
    figure = with_year_frames(build, [2018, 2019, 2020], 2019, "Play", "Pause")
    assert figure.layout.title.text == "Regulations by the end of 2019"
    assert figure.layout.sliders[0].active == 1
    buttons = figure.layout.updatemenus[0].buttons
    assert buttons[0].method == "animate" and "Play" in buttons[0].label
    assert [s.label for s in figure.layout.sliders[0].steps] == ["2018", "2019", "2020"]
