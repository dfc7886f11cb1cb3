"""Slide images inline each map's own outlines: a prefecture map keeps prefecture outlines."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.export import STATIC_ROUTE, relocated


def two_level_map() -> go.Figure:
    return go.Figure([
        go.Choropleth(geojson=f"{STATIC_ROUTE}provinces.geojson", locations=["110000"], z=[1]),
        go.Choropleth(geojson=f"{STATIC_ROUTE}prefectures.geojson", locations=["110100"], z=[2]),
        go.Bar(x=[1], y=[1]),
    ])


def test_each_trace_gets_the_outlines_its_url_names():
    outlines = {"provinces.geojson": {"type": "FeatureCollection", "features": [], "level": "province"},
                "prefectures.geojson": {"type": "FeatureCollection", "features": [], "level": "prefecture"}}
    inlined = relocated(two_level_map(), outlines.__getitem__)
    levels = [trace.geojson["level"] for trace in inlined.data if trace.type == "choropleth"]
    assert levels == ["province", "prefecture"]


def test_the_shown_figure_keeps_its_urls():
    figure = two_level_map()
    relocated(figure, lambda path: {"type": "FeatureCollection", "features": []})
    assert [trace.geojson for trace in figure.data[:2]] == [f"{STATIC_ROUTE}provinces.geojson",
                                                            f"{STATIC_ROUTE}prefectures.geojson"]


def test_a_url_outside_the_static_route_is_left_alone():
    figure = go.Figure(go.Choropleth(geojson="https://example.invalid/x.geojson", locations=["1"], z=[1]))
    assert relocated(figure, lambda path: {}).data[0].geojson == "https://example.invalid/x.geojson"
