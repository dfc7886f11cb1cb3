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
from dashboard.text.cities import CITY_WORDS


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
    in_scope = provinces[provinces["in_scope"].astype(bool)]
    w = words(CITY_WORDS, lang)
    base_values = pd.DataFrame({"adcode": in_scope["adcode"].to_numpy(), "value": pd.NA, "state": "absent"})
    figure = province_map(
        base_values, provinces, title=title, subtitle=subtitle, footer=footer,
        absent_label=w["mainland"],
        lang=lang, height=height, font_scale=font_scale, **map_args,
    )
    if highlight:
        match = in_scope[in_scope["adcode"] == highlight]
        if not match.empty:
            row = match.iloc[0]
            geojson = figure.data[0].geojson
            figure.add_trace(go.Choropleth(
                geojson=geojson, featureidkey="properties.adcode", locations=[highlight], z=[0],
                colorscale=[[0, HIGHLIGHT_COLOUR], [1, HIGHLIGHT_COLOUR]], showscale=False,
                marker_line_color=BORDER_COLOUR, marker_line_width=1.2, name="selected province",
                hovertemplate=f"<b>{name_pair(row['name_zh'], row['name_en'], lang)}</b><extra></extra>",
            ))
    size = 10 * font_scale
    if not areas.empty:
        for batch in sorted(int(b) for b in areas["batch"].dropna().unique()):
            subset = areas[(areas["batch"] == batch) & areas["lon"].notna() & areas["lat"].notna()]
            colour, symbol = BATCH_STYLE.get(batch, (OKABE_ITO[batch % len(OKABE_ITO)], "circle"))
            year = subset["year"].dropna()
            year_text = w["legend_year"].format(year=int(year.iloc[0])) if len(year) else ""
            figure.add_trace(go.Scattergeo(
                lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
                marker={"size": size, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 0.8}},
                name=w["legend_batch"].format(batch=batch, year=year_text, n=len(subset)),
                customdata=[area_hover(r, lang) for r in subset.to_dict("records")],
                hovertemplate="%{customdata}<extra></extra>",
            ))
    if not scores.empty:
        subset = scores[scores["lon"].notna() & scores["lat"].notna()]
        colour, symbol = SCORE_STYLE
        figure.add_trace(go.Scattergeo(
            lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
            marker={"size": size * 1.5, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 0.8}},
            name=w["legend_scores"].format(n=len(subset)),
            customdata=[score_hover(r, lang) for r in subset.to_dict("records")],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    if cameras is not None and not cameras.empty:
        subset = cameras[cameras["lon"].notna() & cameras["lat"].notna()]
        colour, symbol = CAMERA_STYLE
        figure.add_trace(go.Scattergeo(
            lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
            marker={"size": size * 1.6, "color": colour, "symbol": symbol, "line": {"width": 2}},
            name=w["legend_cameras_one" if len(subset) == 1 else "legend_cameras"].format(n=len(subset)),
            customdata=[camera_hover(r, lang) for r in subset.to_dict("records")],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    if bounds is not None:
        figure.update_geos(lonaxis_range=bounds[0], lataxis_range=bounds[1], showframe=False)
    shown_footer = figure.layout.annotations[-1].text  # as wrapped by the builder
    place_footer_below_legend(figure, footer_lines=shown_footer.count("<br>") + 1, font_scale=font_scale)
    return figure


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
        figure.layout.annotations[-1].y = -legend_px / plot_px


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
