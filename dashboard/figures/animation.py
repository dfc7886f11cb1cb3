"""A play control for figures that depend on a year: Plotly animation frames inside the figure.

The frames run in the browser: playing steps the year without a rerun of the page, so
the year chosen in the sidebar (and kept in the URL) stays the view a link opens, and
the server does no work per step. Each frame carries its own title, so the year shown
is always named in the title.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import plotly.graph_objects as go

CONTROLS_PX = 48  # height added above the plot for the play button and the year slider


def _slot(trace) -> tuple:
    # Choropleth layers are named by state; legend swatches by their colour (their names
    # carry the year, e.g. "No adopted regulation by 2019").
    if trace.type == "choropleth":
        return trace.type, trace.name
    return trace.type, str(getattr(trace.marker, "color", "")), trace.mode


def _placeholder(trace) -> go.BaseTraceType:
    """An empty trace of the same kind, so every frame has the same traces in the same order."""
    empty = type(trace)(trace)
    if trace.type == "choropleth":
        empty.update(locations=[], z=[], customdata=[], showscale=False)
    else:
        empty.update(showlegend=False)
    return empty


# What may change from year to year. Plotly merges a frame into the traces it already has, so
# a frame carries only those of these that differ between the years (or from the figure it
# opens on); the geometry, the styles and whatever is the same in every year are sent once.
FRAME_KEYS = ("locations", "z", "customdata", "hovertemplate", "name", "showlegend", "showscale", "zmin", "zmax",
              "colorbar")
EMPTY = {"locations": [], "z": [], "customdata": []}  # a layer a year lacks: emptied, not left as it was
MERGED = ("choropleth", "scattergeo")  # other kinds of trace are sent whole in every frame


def _varying(states: list[list[dict]]) -> list[tuple[str, ...] | None]:
    """For each trace slot, the keys of ``FRAME_KEYS`` whose value is not the same in every state."""
    def same(values: list) -> bool:
        return len({json.dumps(v, sort_keys=True, default=str) for v in values}) == 1

    return [tuple(key for key in FRAME_KEYS if not same([traces[i].get(key) for traces in states]))
            if states[0][i]["type"] in MERGED else None for i in range(len(states[0]))]


def _changes(trace: dict, keys: tuple[str, ...] | None) -> dict:
    if keys is None:
        return trace
    return {"type": trace["type"], **{key: trace.get(key, EMPTY.get(key)) for key in keys
                                      if key in trace or key in EMPTY}}


def with_year_frames(build: Callable[[int | None], go.Figure], years: list[int], current: int | None, play: str,
                     pause: str) -> go.Figure:
    """``build(current)`` with one animation frame per year and a play/pause control.

    Parameters
    ----------
    build : callable
        Makes the whole figure for one year (title with the year included).
    years : list of int
        The years to step through, in order.
    current : int or None
        The year the figure opens on (the sidebar's, kept in the URL); ``None`` (or a year not
        in ``years``) opens on ``build(current)``, e.g. the latest view, with the slider at the end.
    play, pause : str
        Labels of the two buttons, in the page language.

    Returns
    -------
    plotly.graph_objects.Figure

    Notes
    -----
    Building one figure per year costs as many figures: pages pass this through
    ``data.once`` (keyed on the year, language and font scale), so it is built once per
    data version and view.
    """
    figures = {year: build(year) for year in years}
    if current not in figures:
        figures[current] = build(current)
    aligned = _aligner(list(figures.values()))
    states = {year: [t.to_plotly_json() for t in aligned(figure)] for year, figure in figures.items()}
    keys = _varying(list(states.values()))
    footers = {json.dumps(f.layout.annotations, default=str) for f in figures.values()}
    base = go.Figure(figures[current])
    base.data = []
    base.add_traces(aligned(figures[current]))
    base.frames = [go.Frame(name=str(year), data=[_changes(t, k) for t, k in zip(states[year], keys, strict=True)],
                            layout={"title": {"text": figures[year].layout.title.text,
                                              "subtitle": {"text": figures[year].layout.title.subtitle.text}}}
                            | ({"annotations": figures[year].layout.annotations} if len(footers) > 1 else {}))
                   for year in years]
    _add_controls(base, years, current, play, pause)
    return base


def _aligner(figures: list[go.Figure]) -> Callable[[go.Figure], list]:
    """A function giving any of ``figures``' traces in one shared order, empty where a year lacks one."""
    slots: list[tuple] = []
    templates: dict[tuple, go.BaseTraceType] = {}
    for figure in figures:
        for trace in figure.data:
            key = _slot(trace)
            if key not in templates:
                slots.append(key)
                templates[key] = trace

    def aligned(figure: go.Figure) -> list:
        by_slot = {_slot(t): t for t in figure.data}
        return [by_slot.get(key) or _placeholder(templates[key]) for key in slots]

    return aligned


def _add_controls(base: go.Figure, years: list[int], current: int | None, play: str, pause: str) -> None:
    """The play/pause buttons and the year slider, in room made between the subtitle and the plot."""
    step = {"frame": {"duration": 900, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    # The title block is pinned to the top and the controls sit under it.
    title = base.layout.title
    title_px = ((title.text or "").count("<br>") + 1) * (title.font.size or 19) * 1.35
    subtitle_px = ((title.subtitle.text or "").count("<br>") + 1) * (title.subtitle.font.size or 13) * 1.35
    top = max(base.layout.margin.t or 80, title_px + subtitle_px + 40) + CONTROLS_PX
    height = (base.layout.height or 620) + top - (base.layout.margin.t or 80)
    base.update_layout(
        margin={"t": top}, height=height,
        # Pinned in pixels from the top: the page may draw the figure taller than ``height``.
        title={"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 24}},
        updatemenus=[{"type": "buttons", "direction": "left", "x": 0.0, "y": 1.0, "xanchor": "left",
                      "yanchor": "bottom", "pad": {"b": 4}, "showactive": False, "buttons": [
                          {"label": f"▶ {play}", "method": "animate", "args": [None, step | {"fromcurrent": True}]},
                          {"label": f"❚❚ {pause}", "method": "animate",
                           "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]},
                      ]}],
        sliders=[{"active": years.index(current) if current in years else len(years) - 1, "x": 0.2, "len": 0.8,
                  "y": 1.0, "yanchor": "bottom", "pad": {"b": 4, "t": 0}, "currentvalue": {"visible": False},
                  "steps": [{"label": str(year), "method": "animate", "args": [[str(year)], step]}
                            for year in years]}],
    )
