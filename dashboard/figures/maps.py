"""Province maps as Plotly figures: pure functions from tables to figures.

Every figure carries its own title, unit, coverage note and source line inside the
image, so a screenshot or a PNG export stands on its own. Missing values, known
absences and the units outside the mainland SCS each get their own colour and legend
entry; none of them is ever drawn as zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.bins import Bins, assign_bins, rank_descending
from dashboard.figures.style import (
    ABSENT_COLOUR,
    BORDER_COLOUR,
    FONT,
    GEOJSON_URL,
    MISSING_COLOUR,
    OUTSIDE_COLOUR,
    SEQUENTIAL,
    TOPOJSON_URL,
)
from dashboard.text import MAP_LABELS as LABELS
from dashboard.text import format_value


def _legend_swatch(figure: go.Figure, label: str, colour: str) -> None:
    # Choropleth traces have no legend entries of their own; an empty marker trace
    # gives each non-value state a labelled swatch.
    figure.add_trace(
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": colour, "line": {"color": BORDER_COLOUR, "width": 1}},
            name=label,
            showlegend=True,
            hoverinfo="skip",
        )
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
) -> go.Figure:
    """Choropleth of one province-level indicator.

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
    value_type : str
        ``count``, ``amount``, ``share`` or ``year``.
    unit : str
        Unit shown with each value.
    binning : str
        ``continuous`` or ``binned`` (then ``bins`` is required).
    absent_label : str, optional
        Legend label for rows whose state is ``absent`` (e.g. "No regulation by 2019").
    missing_label : str, optional
        Legend label for missing values (default "Not reported by source").
    lang : str
        ``en`` or ``zh``: which name comes first.
    geojson : str or dict
        URL of the province GeoJSON (default: the static file) or the GeoJSON itself.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    text = LABELS[lang]
    names = provinces.set_index("adcode")
    frame = values.copy()
    if "state" not in frame:
        frame["state"] = np.where(frame["value"].isna(), "missing", "value")
    for column in ("qualifier", "source", "confidence", "missing_reason", "note"):
        if column not in frame:
            frame[column] = ""
    frame = frame.fillna({c: "" for c in ("qualifier", "source", "confidence", "missing_reason", "note")})
    has_value = frame["state"] == "value"
    ranks = rank_descending(frame.loc[has_value, "value"])
    n_ranked = int(has_value.sum())

    def name_of(code: str) -> str:
        en, zh = names.at[code, "name_en"], names.at[code, "name_zh"]
        return f"{zh} {en}" if lang == "zh" else f"{en} {zh}"

    def hover(row: pd.Series) -> str:
        lines = [f"<b>{name_of(row['adcode'])}</b>"]
        if row["state"] == "value":
            lines.append(format_value(row["value"], value_type, row["qualifier"], unit))
            if value_type != "year":
                lines.append(text["rank"].format(rank=ranks.get(row.name), n=n_ranked))
        elif row["state"] == "absent":
            lines.append(absent_label or "")
        else:
            lines.append(f"{text['no_value']}: {row['missing_reason'] or text['missing']}")
        if row["note"]:
            lines.append(f"<i>{row['note']}</i>")
        if row["source"]:
            lines.append(f"{text['source']}: {row['source']} ({text['confidence']}: {row['confidence']})")
        return "<br>".join(lines)

    frame["hover"] = frame.apply(hover, axis=1)
    figure = go.Figure()
    outside = names[~names["in_scope"].astype(bool)].index.tolist()
    common = {"geojson": geojson, "featureidkey": "properties.adcode", "marker_line_color": BORDER_COLOUR,
              "marker_line_width": 0.6, "showscale": False, "hovertemplate": "%{customdata}<extra></extra>"}
    figure.add_trace(
        go.Choropleth(
            locations=outside,
            z=[0] * len(outside),
            colorscale=[[0, OUTSIDE_COLOUR], [1, OUTSIDE_COLOUR]],
            customdata=[f"<b>{name_of(c)}</b><br>{text['outside']}" for c in outside],
            name="outside",
            **common,
        )
    )
    for state, colour in (("missing", MISSING_COLOUR), ("absent", ABSENT_COLOUR)):
        subset = frame[frame["state"] == state]
        if subset.empty:
            continue
        figure.add_trace(
            go.Choropleth(
                locations=subset["adcode"],
                z=[0] * len(subset),
                colorscale=[[0, colour], [1, colour]],
                customdata=subset["hover"],
                name=state,
                **common,
            )
        )
    shown = frame[has_value]
    if not shown.empty:
        colour_args: dict = {"colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)]}
        z = shown["value"].astype(float)
        colorbar = {"title": {"text": unit if value_type != "year" else ""}, "thickness": 14, "len": 0.6}
        if value_type == "year":
            span = float(z.max() - z.min()) if len(z) else 0.0
            colorbar |= {"tickformat": "d", "dtick": 1 if span <= 12 else 5}
        elif value_type == "count" and len(z) and z.min() >= 0:
            # A count's scale starts at 0: otherwise the smallest reported count (15 blacklists)
            # is drawn palest and reads as "none".
            colour_args["zmin"] = 0.0
        if binning == "binned" and bins is not None:
            index = assign_bins(shown["value"], bins).astype(float)
            n = len(bins.labels)
            z = index
            colour_args = {"colorscale": _discrete_scale(n), "zmin": -0.5, "zmax": n - 0.5}
            colorbar |= {"tickvals": list(range(n)), "ticktext": bins.labels}
        figure.add_trace(
            go.Choropleth(
                locations=shown["adcode"],
                z=z,
                customdata=shown["hover"],
                name="value",
                **(common | {"showscale": True}),
                colorbar=colorbar,
                **colour_args,
            )
        )
    if (frame["state"] == "missing").any():
        _legend_swatch(figure, missing_label or text["missing"], MISSING_COLOUR)
    if (frame["state"] == "absent").any():
        _legend_swatch(figure, absent_label or "", ABSENT_COLOUR)
    _legend_swatch(figure, text["outside"], OUTSIDE_COLOUR)
    base = 13 * font_scale
    figure.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=[73, 136],
        lataxis_range=[17.5, 54],
        bgcolor="rgba(0,0,0,0)",
    )
    figure.update_layout(
        # The map sets every style it uses; Plotly's default template would add ~3.7 KB
        # to each figure sent on every control change.
        template="none",
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base}}, "x": 0.01, "xanchor": "left",
               "font": {"size": base * 1.45}},
        height=int(height * font_scale),
        margin={"l": 10, "r": 10, "t": 80 * font_scale, "b": 130 * font_scale},
        font={"family": FONT, "size": base},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0.01, "font": {"size": base * 0.9}},
        paper_bgcolor="white",
        annotations=[
            {"text": footer, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0, "y": -0.08,
             "xanchor": "left", "yanchor": "top", "align": "left", "font": {"size": base * 0.8, "color": "#444"}}
        ],
    )
    return figure


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
