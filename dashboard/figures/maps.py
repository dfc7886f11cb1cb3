"""Choropleths as Plotly figures: one builder for any level (province, prefecture).

Every figure carries its own title, unit, coverage note and source line inside the
image, so a screenshot or a PNG export stands on its own. Missing values, known
absences and the units outside the mainland SCS each get their own colour and legend
entry; none of them is ever drawn as zero.

What a control change sends is kept small: geometry goes by URL (the browser fetches the
static file once), and hover text is assembled in the browser from compact ``customdata``
columns by a ``hovertemplate``; a column with one value on every row of a layer is written
once, into the template.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.bins import Bins, assign_bins
from dashboard.domain.maps import map_units
from dashboard.figures.style import (
    ABSENT_COLOUR,
    BORDER_COLOUR,
    EDGE_PX,
    FIGURE_PX,
    FONT,
    FOOTER_COLOUR,
    GEO_SETTINGS,
    GEOJSON_URL,
    MISSING_COLOUR,
    OUTSIDE_COLOUR,
    SEQUENTIAL,
    TOPOJSON_URL,
    legend_rows,
    wrap_px,
)
from dashboard.text import MAP_LABELS, wrap

STATE_COLOURS = {"missing": MISSING_COLOUR, "absent": ABSENT_COLOUR, "outside": OUTSIDE_COLOUR}
# Map texts are wrapped for the narrowest figure (style.FIGURE_PX, also what a phone shows),
# less the side margins: narrower than the main column at 1400 px and the 1200-px export.
TEXT_PX = FIGURE_PX - 2 * EDGE_PX


def choropleth(
    units: pd.DataFrame, geometry: str | dict, *, title: str, subtitle: str, footer: str, legend: Mapping[str, str],
    value_type: str = "count", unit: str = "", bins: Bins | None = None, rank_label: str | None = None,
    z_range: tuple[float, float] | None = None, id_key: str = "properties.adcode", height: int = 620,
    font_scale: float = 1.0,
) -> go.Figure:
    """A choropleth of units (provinces, prefectures) in four states: value, absent, missing, outside.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per unit: ``id`` (matched to ``id_key``), ``name``, ``state`` (``value``,
        ``absent``, ``missing`` or ``outside``), ``value``, and the hover fields ``qualifier``,
        ``rank``, ``detail``, ``source`` (empty allowed); see :func:`dashboard.domain.maps.map_units`.
    geometry : str or dict
        URL of the GeoJSON (e.g. ``/app/static/provinces.geojson``) or the GeoJSON itself.
    title, subtitle, footer : str
        Drawn inside the figure, wrapped to its width.
    legend : mapping
        Legend label of each non-value state; a state without a label gets no swatch.
    value_type, unit : str
        ``count``, ``amount``, ``share`` or ``year`` (darker = earlier); the unit of the values.
    bins : Bins, optional
        Class breaks: a binned colour scale instead of a continuous one.
    rank_label : str, optional
        Hover line with ``{rank}`` and ``{n}``, e.g. ``"rank {rank} of {n}"``.
    z_range : tuple of float, optional
        Fixed colour range (e.g. over every year of a series, so colours keep their meaning
        while the year plays); default: the values shown, counts from 0.
    id_key : str
        The GeoJSON property holding each unit's id.
    height, font_scale
        Height in pixels before ``font_scale``; the font multiplier (presentation mode).

    Returns
    -------
    plotly.graph_objects.Figure
        Choropleth traces named by state, then a legend swatch per labelled state present.
    """
    figure = go.Figure()
    common = {"geojson": geometry, "featureidkey": id_key, "marker_line_color": BORDER_COLOUR,
              "marker_line_width": 0.6, "showscale": False}
    for state in ("outside", "missing", "absent"):
        subset = units[units["state"] == state]
        if not subset.empty:
            figure.add_trace(_flat_layer(subset, state, common))
    shown = units[units["state"] == "value"]
    if not shown.empty:
        figure.add_trace(_value_layer(shown, common, value_type=value_type, unit=unit, bins=bins,
                                      rank_label=rank_label, z_range=z_range, font_scale=font_scale))
    present = set(units["state"])
    labels = [(legend[s], STATE_COLOURS[s]) for s in ("missing", "absent", "outside") if s in present and legend.get(s)]
    for label, colour in labels:
        figure.add_trace(_legend_swatch(label, colour))
    _frame(figure, title=title, subtitle=subtitle, footer=footer, labels=[label for label, _ in labels],
           height=height, font_scale=font_scale)
    return figure


def _flat_layer(subset: pd.DataFrame, state: str, common: dict) -> go.Choropleth:
    colour = STATE_COLOURS[state]
    customdata, template = _hover(subset, ["<b>", ("name", None), "</b>", ("detail", None), ("source", None)])
    return go.Choropleth(locations=subset["id"], z=[0] * len(subset), colorscale=[[0, colour], [1, colour]],
                         customdata=customdata, hovertemplate=template, name=state, **common)


def _value_layer(shown: pd.DataFrame, common: dict, *, value_type: str, unit: str, bins: Bins | None,
                 rank_label: str | None, z_range: tuple[float, float] | None, font_scale: float) -> go.Choropleth:
    z, colours = _colours(shown["value"].astype(float), value_type=value_type, unit=unit, bins=bins,
                          z_range=z_range, font_scale=font_scale)
    number = ("value", ":" + _number_format(shown["value"], value_type))
    unit_text = f" {unit}" if unit and value_type != "year" else ""
    parts: list = ["<b>", ("name", None), "</b><br>", ("qualifier", None), number, unit_text]
    if rank_label and value_type != "year":
        before, _, after = rank_label.partition("{rank}")
        parts += ["<br>" + before, ("rank", None), after.format(n=len(shown))]
    parts += [("detail", None), ("source", None)]
    frame = shown.assign(qualifier=shown["qualifier"].where(shown["qualifier"] == "", shown["qualifier"] + " "))
    customdata, template = _hover(frame, parts)
    return go.Choropleth(locations=shown["id"], z=z, customdata=customdata, hovertemplate=template, name="value",
                         **(common | {"showscale": True}), **colours)


def _hover(frame: pd.DataFrame, parts: list) -> tuple[list | None, str]:
    """``customdata`` rows and the ``hovertemplate`` that turns them into the hover text.

    ``parts`` are literal strings or ``(column, format)`` pairs. Lines (``detail``,
    ``source``) start with ``<br>`` only where they have text, so an empty one adds no blank
    line; a text column that is the same on every row is written into the template.
    """
    columns: list[str] = []
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        column, fmt = part
        values = frame[column].astype(object).where(frame[column].notna(), "")
        if column in ("detail", "source"):
            values = values.map(lambda text: f"<br>{text}" if text else "")
        if fmt is None and values.nunique() <= 1:
            pieces.append(str(values.iloc[0]) if len(values) else "")
        else:
            pieces.append(f"%{{customdata[{len(columns)}]{fmt or ''}}}")
            columns.append(column)
            frame = frame.assign(**{column: values})
    if not columns:
        return None, "".join(pieces) + "<extra></extra>"
    rows = frame[columns].astype(object).where(frame[columns].notna(), None).to_numpy().tolist()
    return rows, "".join(pieces) + "<extra></extra>"


def _number_format(values: pd.Series, value_type: str) -> str:
    """A d3 number format that matches :func:`dashboard.text.format_value`."""
    known = values.dropna().astype(float)
    if value_type == "year":
        return "d"
    if known.empty or (known == known.round()).all() or known.abs().max() >= 100:
        return ",.0f"
    return ",.2f"


def _colours(z: pd.Series, *, value_type: str, unit: str, bins: Bins | None, z_range: tuple[float, float] | None,
             font_scale: float) -> tuple[list, dict]:
    """The value layer's ``z`` and its colour scale and colour bar."""
    scale = [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)]
    colorbar: dict = {"title": {"text": wrap(unit, 16) if value_type != "year" else "", "side": "top"},
                      "thickness": 14, "len": 0.6, "tickfont": {"size": 12 * font_scale}}
    args: dict = {"colorscale": scale}
    if bins is not None:
        n = len(bins.labels)
        colorbar |= {"tickvals": list(range(n)), "ticktext": bins.labels}
        return assign_bins(z, bins).astype(float).tolist(), {"colorscale": _discrete_scale(n), "zmin": -0.5,
                                                             "zmax": n - 0.5, "colorbar": colorbar}
    if value_type == "year":
        # Darker = earlier on every page: early adopters stand out.
        first, last = (int(z.min()), int(z.max())) if z_range is None else (int(z_range[0]), int(z_range[1]))
        step = 1 if last - first <= 12 else 5
        ticks = list(range(first, last + 1, step))
        colorbar |= {"tickvals": ticks, "ticktext": [str(t) for t in ticks], "tickmode": "array"}
        args = {"colorscale": scale, "reversescale": True}
        # One year: a range around it, so the bar shows its tick.
        args |= {"zmin": first - 0.5, "zmax": last + 0.5} if first == last else {"zmin": first, "zmax": last}
    elif value_type == "count" and z.min() >= 0:
        # A count's scale starts at 0: otherwise the smallest reported count (15 blacklists)
        # is drawn palest and reads as "none". Plotly keeps its automatic range unless both
        # ends are given.
        args |= {"zmin": 0.0, "zmax": max(float(z.max()), 1.0)}
        if (z == z.round()).all() and z.max() <= 10:
            colorbar |= {"dtick": 1, "tickformat": "d"}  # whole counts: no 1.2, 1.4 ticks
    if z_range is not None and value_type != "year":
        args |= {"zmin": min(z_range[0], args.get("zmin", z_range[0])), "zmax": z_range[1]}
    return z.tolist(), args | {"colorbar": colorbar}


def _legend_swatch(label: str, colour: str) -> go.Scattergeo:
    # Choropleth traces have no legend entries of their own; an empty marker trace gives
    # each non-value state a labelled swatch.
    return go.Scattergeo(lon=[None], lat=[None], mode="markers", name=label, showlegend=True, hoverinfo="skip",
                         marker={"symbol": "square", "size": 14, "color": colour,
                                 "line": {"color": BORDER_COLOUR, "width": 1}})


def _frame(figure: go.Figure, *, title: str, subtitle: str, footer: str, labels: list[str], height: int,
           font_scale: float) -> None:
    """Title, subtitle, legend and footer around the map, wrapped and stacked so none overlaps another.

    The legend sits under the map and the footer under the legend; the bottom margin
    grows with the legend's rows and the footer's lines, the top one with the title's.
    """
    base = 13 * font_scale
    sizes = {"title": base * 1.45, "subtitle": base, "legend": base * 0.9, "footer": base * 0.8}
    title = wrap_px(title, TEXT_PX, sizes["title"])
    subtitle = wrap_px(subtitle, TEXT_PX, sizes["subtitle"])
    footer = wrap_px(footer, TEXT_PX, sizes["footer"])
    top = 36 * font_scale + (title.count("<br>") + 1) * sizes["title"] * 1.3 \
        + (subtitle.count("<br>") + 1) * sizes["subtitle"] * 1.4 + 8 * font_scale
    legend_px = (legend_rows(labels, sizes["legend"]) if labels else 0) * sizes["legend"] * 1.9 + 10 * font_scale
    bottom = legend_px + (footer.count("<br>") + 1) * sizes["footer"] * 1.45 + 16 * font_scale
    plot_px = max(height * font_scale - 210 * font_scale, 240)
    figure.update_geos(**GEO_SETTINGS)
    figure.update_layout(
        # The map sets every style it uses; Plotly's default template would add ~3.7 KB
        # to each figure sent on every control change.
        template="none",
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": sizes["subtitle"]}}, "x": 0.01,
               "xanchor": "left", "font": {"size": sizes["title"]}},
        height=int(plot_px + top + bottom),
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        font={"family": FONT, "size": base},
        legend={"orientation": "h", "yanchor": "top", "y": 0, "x": 0.01, "font": {"size": sizes["legend"]}},
        paper_bgcolor="white",
        # The footer hangs a fixed number of pixels under the map, not a share of its height:
        # the page may draw the map taller than ``height`` (dashboard.ui fits it to the width).
        annotations=[{"text": footer, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0,
                      "y": 0.0, "yshift": -legend_px, "xanchor": "left", "yanchor": "top", "align": "left",
                      "font": {"size": sizes["footer"], "color": FOOTER_COLOUR}}],
    )


def province_map(
    values: pd.DataFrame,
    provinces: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    footer: str,
    value_type: str = "count",
    unit: str = "",
    binning: str = "continuous",
    bins: Bins | None = None,
    absent_label: str | None = None,
    missing_label: str | None = None,
    lang: str = "en",
    geojson: str | dict = GEOJSON_URL,
    height: int = 620,
    font_scale: float = 1.0,
    z_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Choropleth of one province-level indicator (:func:`choropleth` at province level).

    Parameters
    ----------
    values : pandas.DataFrame
        One row per in-scope province: ``adcode``, ``value`` (missing allowed), and
        optionally ``state`` (``"value"``, ``"missing"`` or ``"absent"``), ``qualifier``,
        ``source``, ``confidence``, ``missing_reason``, ``note``.
    provinces : pandas.DataFrame
        The province reference: ``adcode``, ``name_en``, ``name_zh``, ``in_scope``.
    title, subtitle, footer : str
        Drawn inside the figure: title, unit/coverage line, and source line.
    value_type, unit, bins
        As in :func:`choropleth`; ``binning="binned"`` uses ``bins``.
    absent_label, missing_label : str, optional
        Legend labels of the ``absent`` and ``missing`` states.
    lang : str
        ``en`` or ``zh``: which name comes first, which words are used.
    geojson : str or dict
        URL of the province GeoJSON (default: the static file) or the GeoJSON itself.
    height, font_scale, z_range
        As in :func:`choropleth`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    words = MAP_LABELS[lang]
    legend = {"missing": missing_label or words["missing"], "absent": absent_label or "", "outside": words["outside"]}
    return choropleth(
        map_units(values, provinces, lang), geojson, title=title, subtitle=subtitle, footer=footer, legend=legend,
        value_type=value_type, unit=unit, bins=bins if binning == "binned" else None, rank_label=words["rank"],
        z_range=z_range, height=height, font_scale=font_scale,
    )


COLOUR_BAR_PX = 120  # the colour bar, its ticks and its title, right of the map (before font_scale)


def mercator_aspect(lon_range: tuple[float, float], lat_range: tuple[float, float]) -> float:
    """Width over height of a longitude/latitude box drawn in the Mercator projection."""
    lat = [math.log(math.tan(math.pi / 4 + math.radians(v) / 2)) for v in lat_range]
    return math.radians(abs(lon_range[1] - lon_range[0])) / abs(lat[1] - lat[0])


def map_fit(figure: go.Figure, font_scale: float = 1.0) -> dict | None:
    """What a page needs to draw a map as wide as its column: ``None`` for a figure without a map.

    A map keeps its shape, so a wider figure only shows a wider map if it is also taller.
    Returns the figure's own ``height`` (the least it is drawn at, and its size in an
    export), ``fixed_px`` (title, controls, legend and footer above and below the map),
    ``side_px`` (side margins and colour bar) and the map's ``aspect`` (width over height).
    """
    geo = figure.layout.geo
    if not any(trace.type == "choropleth" for trace in figure.data) or geo.lonaxis.range is None:
        return None
    margin = figure.layout.margin
    scale = any(trace.type == "choropleth" and trace.showscale for trace in figure.data)
    return {"height": int(figure.layout.height or 620), "fixed_px": math.ceil((margin.t or 0) + (margin.b or 0)),
            "side_px": math.ceil((margin.l or 0) + (margin.r or 0) + scale * COLOUR_BAR_PX * font_scale),
            "aspect": round(mercator_aspect(geo.lonaxis.range, geo.lataxis.range), 3)}


def plot_config(filename: str) -> dict:
    """``st.plotly_chart`` config: 2x PNG export with a meaningful name, local base map."""
    return {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }


def _discrete_scale(n: int) -> list[list]:
    palette = [SEQUENTIAL[round(i * (len(SEQUENTIAL) - 1) / max(n - 1, 1))] for i in range(n)]
    scale = []
    for i, colour in enumerate(palette):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale
