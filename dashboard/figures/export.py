"""Static images of figures for slides: PNG, SVG and PDF through Plotly's own export (kaleido).

kaleido drives a Chromium; the machine's Debian chromium is used (``BROWSER_PATH``), so
nothing is downloaded at run time. Maps reference their geometry by URL in the browser;
for an image the caller passes the GeoJSON itself and the folder of the local base-map
stub, so the export fetches nothing from any host either.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CHROMIUM = Path("/usr/bin/chromium")


def _use_installed_chromium() -> None:
    if "BROWSER_PATH" not in os.environ and CHROMIUM.exists():
        os.environ["BROWSER_PATH"] = str(CHROMIUM)


@contextmanager
def image_session() -> Iterator[None]:
    """One Chromium for every :func:`static_image` made inside the block (a batch export).

    Without it each image starts and stops its own browser, which costs seconds per image.
    """
    import kaleido

    _use_installed_chromium()
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def static_image(figure: go.Figure, fmt: str, *, geojson: dict | None = None, topojson: Path | None = None) -> bytes:
    """The figure as ``fmt`` (png at twice its size, svg, pdf), laid out exactly as on screen.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
    fmt : str
        ``png``, ``svg`` or ``pdf``.
    geojson : dict, optional
        Replaces the GeoJSON URL of every choropleth trace.
    topojson : pathlib.Path, optional
        Folder holding Plotly's base-map topojson (the app's local stub).
    """
    import kaleido  # imported here: only an export needs it

    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; one of {', '.join(FORMATS)}")
    _use_installed_chromium()
    image = go.Figure(figure)
    if geojson is not None:
        image.update_traces(geojson=geojson, selector={"type": "choropleth"})
    opts = {"format": fmt, "width": image.layout.width or 1200, "height": image.layout.height or 620,
            "scale": 2 if fmt == "png" else 1}
    base = f"{topojson.resolve().as_uri()}/" if topojson is not None else None
    return kaleido.calc_fig_sync(image, opts=opts, topojson=base)


def steady_selection(figure: go.Figure) -> go.Figure:
    """Clicking a shape must not fade the others (Plotly's default selection style)."""
    figure.update_traces(selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
                         selector={"type": "choropleth"})
    return figure
