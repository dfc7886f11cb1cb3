"""Compare's two maps as one figure, so a slide can carry the pair as one image."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.style import EDGE_PX, FIGURE_PX

GAP = 0.04  # paper width between the two halves
COLOURBAR_ROOM = 0.09  # paper width kept at the right of each half for its colour bar


def _half(figure: go.Figure, column: int, geo: str) -> list[go.BaseTraceType]:
    """``figure``'s traces moved onto ``geo``, their colour bars at the right of their half."""
    half = (1 - GAP) / 2
    right_edge = column * (half + GAP) + half
    traces = []
    for trace in figure.data:
        moved = type(trace)(trace)
        moved.update(geo=geo)
        if column == 1:
            moved.showlegend = False  # the same missing / outside swatches as the left map
        if moved.type == "choropleth" and moved.showscale is not False:
            moved.colorbar.update(x=right_edge - COLOURBAR_ROOM + 0.01, xanchor="left", len=0.6)
        traces.append(moved)
    return traces


def _heading(figure: go.Figure, x: float) -> dict:
    title, subtitle = figure.layout.title.text or "", figure.layout.title.subtitle.text or ""
    size = figure.layout.title.font.size or 17
    return {"text": f"<span style='font-size:{size}px'>{title}</span><br>{subtitle}", "x": x, "y": 1,
            "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom", "yshift": 12,
            "showarrow": False, "align": "left", "font": {"size": figure.layout.title.subtitle.font.size or 12}}


def pair_figure(left: go.Figure, right: go.Figure) -> go.Figure:
    """``left`` and ``right`` (two :func:`dashboard.figures.maps.province_map` figures) side by side.

    Each half keeps its traces, colour bar, title, subtitle and footer (the sources of its
    own indicator); the legend of the shared states is drawn once. Only for the slide image:
    the page shows the two figures themselves.
    """
    half = (1 - GAP) / 2
    figure = go.Figure()
    for column, (source, geo) in enumerate(((left, "geo"), (right, "geo2"))):
        x0 = column * (half + GAP)
        figure.add_traces(_half(source, column, geo))
        settings = source.layout.geo.to_plotly_json()
        settings["domain"] = {"x": [x0, x0 + half - COLOURBAR_ROOM], "y": [0, 1]}
        figure.layout[geo] = settings
        figure.add_annotation(_heading(source, x0))
        for note in source.layout.annotations:  # the footer
            figure.add_annotation(note.to_plotly_json() | {"x": x0, "xref": "paper"})
    margin = {side: max(getattr(f.layout.margin, side) or 0 for f in (left, right)) for side in "tb"}
    figure.update_layout(
        width=2 * FIGURE_PX, height=max(f.layout.height or 560 for f in (left, right)),
        margin={"l": EDGE_PX, "r": EDGE_PX, **margin}, font=left.layout.font, paper_bgcolor="white",
        legend=left.layout.legend, template=left.layout.template,
    )
    return figure
