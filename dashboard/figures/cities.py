"""The Cities map: demonstration areas and score systems as points on the province map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.cities import area_hover, camera_hover, score_hover
from dashboard.figures.maps import choropleth, province_map
from dashboard.figures.style import (
    BATCH_STYLE,
    BORDER_COLOUR,
    CAMERA_STYLE,
    HIGHLIGHT_COLOUR,
    OKABE_ITO,
    SCORE_STYLE,
)
from dashboard.text import name_pair, words
from dashboard.text.city_points import CITY_POINT_WORDS


def cities_map(
    areas: pd.DataFrame,
    scores: pd.DataFrame,
    provinces: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    footer: str,
    cameras: pd.DataFrame | None = None,
    highlight: str | None = None,
    bounds: tuple[list[float], list[float]] | None = None,
    lang: str = "en",
    height: int = 760,
    font_scale: float = 1.0,
    **map_args,
) -> go.Figure:
    """Points over a neutral province map: one trace per demonstration batch, one for score systems.

    Parameters
    ----------
    areas, scores : pandas.DataFrame
        Filtered ``demonstration_areas`` and ``city_scores`` rows (with ``lon``/``lat``).
        Rows without coordinates are not drawn.
    provinces : pandas.DataFrame
        Province reference (``adcode``, ``name_en``, ``name_zh``, ``in_scope``).
    title, subtitle, footer : str
        Drawn inside the figure.
    cameras : pandas.DataFrame, optional
        ``surveillance_cameras`` rows for the optional camera layer.
    highlight : str, optional
        Adcode of a province to shade (the province filter).
    bounds : tuple, optional
        ``(lon_range, lat_range)`` to zoom to.
    map_args
        Passed on to :func:`dashboard.figures.maps.province_map` (e.g. ``geojson``).
    """
    said = words(CITY_POINT_WORDS, lang)
    in_scope = provinces[provinces["in_scope"].astype(bool)]
    base_values = pd.DataFrame({"adcode": in_scope["adcode"].to_numpy(), "value": pd.NA, "state": "absent"})
    figure = province_map(
        base_values, provinces, title=title, subtitle=subtitle, footer=footer, absent_label=said["mainland"],
        lang=lang, height=height, font_scale=font_scale, **map_args,
    )
    if highlight:
        _highlight(figure, in_scope[in_scope["adcode"] == highlight], said["selected"], lang)
    size = 10 * font_scale
    for batch, subset in _batches(areas):
        year = subset["year"].dropna()
        name = said["batch"].format(batch=batch, year=f", {int(year.iloc[0])}" if len(year) else "", n=len(subset))
        colour, symbol = BATCH_STYLE.get(batch, (OKABE_ITO[batch % len(OKABE_ITO)], "circle"))
        figure.add_trace(_points(subset, name, [area_hover(r, lang) for r in subset.to_dict("records")],
                                 {"size": size, "color": colour, "symbol": symbol}))
    if not scores.empty:
        subset = _located(scores)
        colour, symbol = SCORE_STYLE
        figure.add_trace(_points(subset, said["scores"].format(n=len(subset)),
                                 [score_hover(r, lang) for r in subset.to_dict("records")],
                                 {"size": size * 1.5, "color": colour, "symbol": symbol}))
    if cameras is not None and not cameras.empty:
        subset = _located(cameras)
        colour, symbol = CAMERA_STYLE
        figure.add_trace(_points(subset, said["cameras_one" if len(subset) == 1 else "cameras_many"].format(n=len(subset)),
                                 [camera_hover(r, lang) for r in subset.to_dict("records")],
                                 {"size": size * 1.6, "color": colour, "symbol": symbol, "line": {"width": 2}}))
    if bounds is not None:
        figure.update_geos(lonaxis_range=bounds[0], lataxis_range=bounds[1], showframe=False)
    shown_footer = figure.layout.annotations[-1].text  # as wrapped by the builder
    place_footer_below_legend(figure, footer_lines=shown_footer.count("<br>") + 1, font_scale=font_scale)
    return figure


def _located(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with coordinates: a row the geocoder could not place is listed, not drawn."""
    return rows[rows["lon"].notna() & rows["lat"].notna()]


def _batches(areas: pd.DataFrame):
    """``(batch, located rows)`` for every demonstration batch present, in batch order."""
    if areas.empty:
        return
    for batch in sorted(int(b) for b in areas["batch"].dropna().unique()):
        yield batch, _located(areas[areas["batch"] == batch])


def _points(rows: pd.DataFrame, name: str, hovers: list[str], marker: dict) -> go.Scattergeo:
    """One legend entry of points, each with its own hover text."""
    return go.Scattergeo(
        lon=rows["lon"].astype(float), lat=rows["lat"].astype(float), mode="markers", name=name,
        marker={"line": {"color": "white", "width": 0.8}, **marker},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
    )


def _highlight(figure: go.Figure, match: pd.DataFrame, name: str, lang: str) -> None:
    """Shade the chosen province (the province filter) under the points."""
    if match.empty:
        return
    row = match.iloc[0]
    figure.add_trace(go.Choropleth(
        geojson=figure.data[0].geojson, featureidkey="properties.adcode", locations=[row["adcode"]], z=[0],
        colorscale=[[0, HIGHLIGHT_COLOUR], [1, HIGHLIGHT_COLOUR]], showscale=False,
        marker_line_color=BORDER_COLOUR, marker_line_width=1.2, name=name,
        hovertemplate=f"<b>{name_pair(row['name_zh'], row['name_en'], lang)}</b><extra></extra>",
    ))


def place_footer_below_legend(figure: go.Figure, *, footer_lines: int, font_scale: float = 1.0,
                              per_row: int = 2) -> None:
    """Grow the bottom margin so a multi-row horizontal legend and the footer never overlap.

    The legend of :func:`dashboard.figures.maps.province_map` sits under the plot and the footer
    annotation just below it; with many point layers the legend wraps onto several rows.
    """
    entries = sum(1 for trace in figure.data if trace.showlegend is not False and trace.type == "scattergeo")
    rows = -(-entries // per_row)
    legend_px = rows * 21 * font_scale + 12
    footer_px = footer_lines * 14 * font_scale + 16
    top = figure.layout.margin.t or 80
    bottom = legend_px + footer_px
    height = figure.layout.height or 680
    plot_px = max(height - top - bottom, 200)
    figure.update_layout(height=plot_px + top + bottom, margin={"b": bottom},
                         legend={"entrywidth": 1 / per_row - 0.01, "entrywidthmode": "fraction"})
    if figure.layout.annotations:
        figure.layout.annotations[-1].update(y=0.0, yshift=-legend_px)


PREFECTURE_GEOJSON_URL = "/app/static/prefectures.geojson"  # written by the ETL step etl/prefectures.py


def prefecture_map(units: pd.DataFrame, *, title: str, subtitle: str, footer: str, unit: str, missing_label: str,
                   outside_label: str, bounds: tuple[list[float], list[float]] | None = None,
                   geometry: str | dict = PREFECTURE_GEOJSON_URL, font_scale: float = 1.0) -> go.Figure:
    """Choropleth of a count per prefecture (:func:`dashboard.figures.maps.choropleth`).

    ``units`` comes from :func:`dashboard.domain.cities.prefecture_units`; prefectures with no
    known row are drawn in the missing style under ``missing_label``, never as 0.
    """
    figure = choropleth(units, geometry, title=title, subtitle=subtitle, footer=footer, unit=unit,
                        legend={"missing": missing_label, "outside": outside_label}, height=700,
                        font_scale=font_scale)
    # Prefecture borders are short: thinner lines keep small units readable.
    figure.update_traces(marker_line_width=0.3, selector={"type": "choropleth"})
    if bounds is not None:
        figure.update_geos(lonaxis_range=bounds[0], lataxis_range=bounds[1])
    return figure
