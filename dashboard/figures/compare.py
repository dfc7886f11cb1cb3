"""Compare page figures: profile bars, ranking, scatter and batch small multiples."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.batches import BatchCoverage
from dashboard.domain.compare import (
    batch_counts,
    correlation_text,
    latest_rows,
    missing_sentence,
    province_names,
    ranking,
    scatter_pairs,
)
from dashboard.domain.indicators import IndicatorView
from dashboard.domain.statistics import Correlation, correlation
from dashboard.figures.style import (
    BORDER_COLOUR,
    FONT,
    GEO_SETTINGS,
    GEOJSON_URL,
    MISSING_TEXT_COLOUR,
    OKABE_ITO,
    OUTSIDE_COLOUR,
    SEQUENTIAL,
    WARNING_COLOUR,
)
from dashboard.text import COMPARE_WORDS, data_term, format_value, title_of, words, wrap


def _base_layout(figure: go.Figure, *, title: str, subtitle: str, footer: str, plot_px: float,
                 font_scale: float, footer_gap: float, extra_top: float = 0) -> None:
    """Title, subtitle and footer inside the figure, with margins sized to their line counts.

    ``plot_px`` is the height of the plotting area and ``footer_gap`` the distance from its
    bottom to the footer (room for axis labels or a legend), both before ``font_scale``.
    """
    base = 13 * font_scale
    top = 24 + 27 * (title.count("<br>") + 1) + 17 * (subtitle.count("<br>") + 1) + 16 + extra_top
    bottom = footer_gap + 12 * (footer.count("<br>") + 1) + 20
    height = (plot_px + top + bottom) * font_scale
    figure.update_layout(
        # Anchored to the top of the figure, so a multi-line subtitle grows downwards into the
        # top margin sized for it, never into the plot or subplot titles.
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base}}, "x": 0.01,
               "xanchor": "left", "font": {"size": base * 1.45}, "yref": "container",
               # Plotly anchors a multi-line title by its first line: step down one line height per extra line.
               "y": 1 - (12 + 24 * title.count("<br>")) * font_scale / height,
               "yanchor": "top"},
        height=int(height),
        margin={"l": 10, "r": 20, "t": top * font_scale, "b": bottom * font_scale},
        font={"family": FONT, "size": base},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    figure.add_annotation(text=footer, showarrow=False, xref="paper", yref="paper", x=0.0, y=-footer_gap / plot_px,
                          xanchor="left", yanchor="top", align="left",
                          font={"size": base * 0.8, "color": "#444"})


def _source_hover(source: object, confidence: object, w: dict[str, str], lang: str) -> str:
    """'Source: id (confidence: label)' in the page language."""
    return f"{w['source']}: {source} ({w['confidence']}: {data_term(confidence, lang)})"


def text_lines(text: str) -> int:
    """Lines a figure text takes (its ``<br>`` breaks plus one)."""
    return text.count("<br>") + 1


def compact_map_layout(figure: go.Figure, font_scale: float = 1.0, lines: tuple[int, int] = (1, 1)) -> go.Figure:
    """Fit a :func:`dashboard.figures.maps.province_map` figure into half the page width.

    The colour bar title turns sideways (it otherwise eats the map's width) and the top and
    bottom margins grow with the number of title, subtitle and footer lines. ``lines`` is at
    least how many (title, subtitle) lines to leave room for: give two maps side by side the
    same, so that their maps start at the same height whatever their titles' lengths.
    """
    for trace in figure.data:
        if trace.type == "choropleth" and trace.name == "value":
            trace.colorbar.title.side = "right"
            trace.colorbar.thickness = 12
    title = figure.layout.title.text or ""
    subtitle = figure.layout.title.subtitle.text or ""
    footer = figure.layout.annotations[0].text if figure.layout.annotations else ""
    top = 30 + 27 * max(text_lines(title), lines[0]) + 17 * max(text_lines(subtitle), lines[1])
    bottom = 50 + 14 * text_lines(footer)
    plot = (figure.layout.height or 560) - (figure.layout.margin.t or 80) - (figure.layout.margin.b or 110)
    height = plot + (top + bottom) * font_scale
    # Titles hang from the top edge, so two maps' titles line up as well as their maps.
    figure.update_layout(margin={"t": top * font_scale, "b": bottom * font_scale}, height=height,
                         # Plotly anchors a multi-line title by its first line: one line height down per extra line.
                         title={"yref": "container", "yanchor": "top", "y": 1.0,
                                "pad": {"t": (12 + 24 * (text_lines(title) - 1)) * font_scale}})
    if figure.layout.annotations:
        figure.layout.annotations[0].update(y=0.0, yshift=-40 * font_scale)
    return figure


def apply_colour_range(figure: go.Figure, zmin: float, zmax: float) -> go.Figure:
    """Fix the colour range of a :func:`dashboard.figures.maps.province_map` figure's value layer."""
    for trace in figure.data:
        if trace.type == "choropleth" and trace.name == "value":
            trace.update(zmin=zmin, zmax=zmax, zauto=False)
    return figure


def _panel_axis(values: pd.Series, value_type: str) -> dict:
    """The y axis of one profile panel: from 0 for amounts, around the years for years."""
    known = values.dropna().astype(float)
    axis = {"title_text": "", "rangemode": "tozero", "gridcolor": "#eeeeee", "zerolinecolor": "#999999",
            "automargin": True}
    if known.empty:
        # Nothing to measure: no axis numbers, only the 'no value' labels.
        return axis | {"showticklabels": False, "showgrid": False, "range": [0, 1]}
    if value_type == "year":
        return {"tickformat": "d", "gridcolor": "#eeeeee", "automargin": True,
                "range": [known.min() - 1.5, known.max() + 1.5]}
    top = float(known.max())
    return axis | {"range": [0, (top if top > 0 else 1.0) * 1.25]}


def _value_cell(subset: pd.DataFrame, code: str, value_type: str, unit: str, w: dict[str, str],
                lang: str) -> tuple[str, str]:
    """The text on a profile bar and its hover, for a province with a value."""
    qualifier = subset.loc[code, "qualifier"]
    qualifier = data_term(qualifier if isinstance(qualifier, str) else "", lang)
    value = float(subset.loc[code, "value"])
    hover = (f"{format_value(value, value_type, qualifier, unit)}<br>"
             + _source_hover(subset.loc[code, "source_id"], subset.loc[code, "confidence"], w, lang))
    return format_value(value, value_type, qualifier, ""), hover


def _add_panel(figure: go.Figure, subset: pd.DataFrame, adcodes: list[str], value_type: str, unit: str,
               panel: dict, row: int, col: int) -> None:
    """One indicator's panel: a bar (a dot for years) per province with a value, 'no value' for the rest."""
    short, full, w, lang, font_scale = panel["short"], panel["full"], panel["w"], panel["lang"], panel["font_scale"]
    missing_x, missing_hover = [], []
    for code in adcodes:
        value = subset.loc[code, "value"] if code in subset.index else None
        if value is None or pd.isna(value):
            reason = subset.loc[code, "missing_reason"] if code in subset.index else w["no_row"]
            reason = data_term(reason, lang) if isinstance(reason, str) and reason else w["not_reported"]
            missing_x.append(short[code])
            missing_hover.append(f"<b>{full[code]}</b><br>{w['no_value']}: {reason}")
            continue
        text, hover = _value_cell(subset, code, value_type, unit, w, lang)
        common = {"x": [short[code]], "y": [float(value)], "name": full[code], "showlegend": False,
                  "marker_color": panel["colours"][code], "text": [text],
                  "hovertext": [f"<b>{full[code]}</b><br>{hover}"], "hoverinfo": "text", "cliponaxis": False}
        if value_type == "year":
            figure.add_trace(go.Scatter(mode="markers+text", textposition="top center",
                                        marker_size=12 * font_scale, **common), row=row, col=col)
        else:
            figure.add_trace(go.Bar(textposition="outside", **common), row=row, col=col)
    if missing_x:
        known = subset["value"].dropna().astype(float)
        baseline = float(known.min()) if value_type == "year" and len(known) else 0.0
        figure.add_trace(go.Scatter(
            x=missing_x, y=[baseline] * len(missing_x), mode="text", text=[w["no_value"]] * len(missing_x),
            textposition="top center", textfont={"color": MISSING_TEXT_COLOUR, "size": 11 * font_scale},
            hovertext=missing_hover, hoverinfo="text", showlegend=False, cliponaxis=False,
        ), row=row, col=col)


def profile_bars(indicators: pd.DataFrame, catalogue: pd.DataFrame, names: list[str], adcodes: list[str],
                 provinces: pd.DataFrame, *, title: str, footer: str, lang: str = "en", font_scale: float = 1.0,
                 columns: int = 3) -> go.Figure:
    """One small bar chart per indicator, each with its own y axis and unit.

    Provinces keep one colour across panels. A missing value gets no bar but a grey
    'no value' label at the baseline; year indicators are drawn as dots, not bars from 0.
    """
    meta = catalogue.set_index("name")
    names = [n for n in names if n in meta.index]
    short = province_names(provinces, lang, short=True)
    full = province_names(provinces, lang)
    rows_data = latest_rows(indicators, names, adcodes)
    w = words(COMPARE_WORDS, lang)
    n_rows = max(1, -(-len(names) // columns))
    titles = [f"{wrap(title_of(meta.loc[n].to_dict(), lang), 46)}<br><sup>{data_term(meta.loc[n, 'unit'], lang)}</sup>"
              for n in names]
    figure = make_subplots(rows=n_rows, cols=columns, subplot_titles=titles, vertical_spacing=0.42 / n_rows,
                           horizontal_spacing=0.09)
    colours = {code: OKABE_ITO[i % len(OKABE_ITO)] for i, code in enumerate(adcodes)}
    x_labels = [short[c] for c in adcodes]
    panel = {"short": short, "full": full, "colours": colours, "w": w, "lang": lang, "font_scale": font_scale}
    for index, name in enumerate(names):
        row, col = index // columns + 1, index % columns + 1
        subset = rows_data[rows_data["indicator"] == name].set_index("adcode")
        value_type = str(meta.loc[name, "value_type"] or "count")
        unit = data_term(str(meta.loc[name, "unit"]), lang)
        _add_panel(figure, subset, adcodes, value_type, unit, panel, row, col)
        figure.update_xaxes(categoryorder="array", categoryarray=x_labels, row=row, col=col)
        figure.update_yaxes(row=row, col=col, **_panel_axis(subset["value"], value_type))
    figure.update_annotations(font_size=12 * font_scale)
    plot_px = 290 * n_rows
    _base_layout(figure, title=title,
                 subtitle=wrap(w["profile_subtitle"], 150),
                 footer=footer, plot_px=plot_px, font_scale=font_scale, footer_gap=40, extra_top=40)
    figure.update_layout(bargap=0.35, showlegend=False, margin_l=50 * font_scale)
    return figure


def ranking_figure(view: IndicatorView, provinces: pd.DataFrame, *, title: str, subtitle: str, footer: str,
                   lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Horizontal bars (dots for years), one per province with a value; missing ones listed below."""
    result = ranking(view)
    full = province_names(provinces, lang)
    ranked = result.ranked
    w = words(COMPARE_WORDS, lang)
    unit = data_term(view.unit, lang)
    labels = [f"{r} · {full[c]}" for r, c in zip(ranked["rank"], ranked["adcode"], strict=True)]
    texts = [format_value(v, view.value_type, data_term(q, lang), "")
             for v, q in zip(ranked["value"], ranked["qualifier"], strict=True)]
    hovers = [
        f"<b>{full[c]}</b><br>{format_value(v, view.value_type, data_term(q, lang), unit)}<br>"
        f"{w['rank_of'].format(rank=r, n=len(ranked))}<br>{_source_hover(s, k, w, lang)}"
        for c, v, q, r, s, k in zip(ranked["adcode"], ranked["value"], ranked["qualifier"], ranked["rank"],
                                    ranked["source"], ranked["confidence"], strict=True)
    ]
    figure = go.Figure()
    if view.value_type == "year":
        figure.add_trace(go.Scatter(x=ranked["value"], y=labels, mode="markers+text", text=texts,
                                    textposition="middle right", marker={"size": 11 * font_scale, "color": SEQUENTIAL[5]},
                                    hovertext=hovers, hoverinfo="text", showlegend=False, cliponaxis=False))
        if len(ranked):
            figure.update_xaxes(range=[ranked["value"].min() - 1, ranked["value"].max() + 1.5], tickformat="d")
    else:
        figure.add_trace(go.Bar(x=ranked["value"], y=labels, orientation="h", text=texts, textposition="outside",
                                marker_color=SEQUENTIAL[5], hovertext=hovers, hoverinfo="text", showlegend=False,
                                cliponaxis=False))
        top = float(ranked["value"].max()) if len(ranked) else 1.0
        figure.update_xaxes(range=[0, (top if top > 0 else 1.0) * 1.18], rangemode="tozero")
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels, automargin=True)
    figure.update_xaxes(title_text=unit, gridcolor="#eeeeee", zerolinecolor="#999999")
    missing_text = missing_sentence(result.missing, provinces, lang)
    full_footer = wrap(missing_text, 150) + ("<br>" if missing_text else "") + footer
    _base_layout(figure, title=title, subtitle=subtitle, footer=full_footer, plot_px=max(24 * len(ranked), 140),
                 font_scale=font_scale, footer_gap=62)
    return figure


def _statistics_box(figure: go.Figure, text: str, headline: bool, font_scale: float) -> int:
    """Print the correlation in a box between the subtitle and the plot, so it never hides a
    point; a warning (no r) is larger and framed in the warning colour. Returns its height."""
    text = wrap(text, 120 if headline else 100)
    figure.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.0, y=1 + 10 / 460, xanchor="left",
        yanchor="bottom",
        align="left", bgcolor="rgba(255,255,255,0.9)", bordercolor=BORDER_COLOUR if headline else WARNING_COLOUR,
        borderwidth=1 if headline else 2, borderpad=6,
        font={"size": (14 if headline else 17) * font_scale, "color": "#222" if headline else WARNING_COLOUR},
    )
    return (22 if headline else 26) * (text.count("<br>") + 1) + 16


def scatter_figure(x: IndicatorView, y: IndicatorView, provinces: pd.DataFrame, *, x_title: str, y_title: str,
                   title: str, footer: str, lang: str = "en", font_scale: float = 1.0, log_x: bool = False,
                   log_y: bool = False) -> tuple[go.Figure, Correlation]:
    """Scatter of two province-level indicators with r, ρ and n printed inside the figure.

    The correlation comes from :func:`dashboard.domain.statistics.correlation` over the provinces
    where both values exist; with fewer than its minimum the figure says so in large type and
    shows no r.
    """
    pairs = scatter_pairs(x, y)
    result = correlation(pairs.set_index("adcode")["x"], pairs.set_index("adcode")["y"])
    full = province_names(provinces, lang)
    short = province_names(provinces, lang, short=True)
    w = words(COMPARE_WORDS, lang)
    x_unit, y_unit = data_term(x.unit, lang), data_term(y.unit, lang)
    hovers = [
        f"<b>{full[c]}</b><br>{y_title}: {format_value(vy, y.value_type, data_term(qy, lang), y_unit)}"
        f"<br>{x_title}: {format_value(vx, x.value_type, data_term(qx, lang), x_unit)}<br>{w['sources']}: {sy}; {sx}"
        for c, vx, vy, qx, qy, sx, sy in zip(pairs["adcode"], pairs["x"], pairs["y"], pairs["x_qualifier"],
                                            pairs["y_qualifier"], pairs["x_source"], pairs["y_source"], strict=True)
    ]
    figure = go.Figure(go.Scatter(
        x=pairs["x"], y=pairs["y"], mode="markers+text", text=[short[c] for c in pairs["adcode"]],
        textposition="top center", textfont={"size": 10 * font_scale, "color": "#444"},
        marker={"size": 10 * font_scale, "color": SEQUENTIAL[5], "line": {"color": "white", "width": 1}},
        hovertext=hovers, hoverinfo="text", showlegend=False, cliponaxis=False,
    ))
    text, headline = correlation_text(result, lang)
    n_x = int((x.values["state"] == "value").sum())
    n_y = int((y.values["state"] == "value").sum())
    subtitle = wrap(w["scatter_subtitle"].format(n_y=n_y, n_x=n_x, both=len(pairs)), 150)
    box_px = _statistics_box(figure, text, headline, font_scale)
    figure.update_xaxes(title_text=wrap(f"{x_title} ({x_unit})", 90), type="log" if log_x else "linear",
                        gridcolor="#eeeeee", zerolinecolor="#999999", automargin=True,
                        tickformat="d" if x.value_type == "year" else None)
    figure.update_yaxes(title_text=wrap(f"{y_title} ({y_unit})", 50), type="log" if log_y else "linear",
                        gridcolor="#eeeeee", zerolinecolor="#999999", automargin=True,
                        tickformat="d" if y.value_type == "year" else None)
    _base_layout(figure, title=title, subtitle=subtitle, footer=footer, plot_px=460, font_scale=font_scale,
                 footer_gap=85, extra_top=box_px + 10)
    figure.update_layout(margin_l=70 * font_scale)
    return figure, result


def _batch_title(in_batch: pd.DataFrame, batch: int, years: pd.Series, w: dict[str, str]) -> str:
    """'Batch 1 (2018): 12 areas in 6 provinces'."""
    year = w["batch_year"].format(year=int(years[batch])) if batch in years.index and not pd.isna(years[batch]) else ""
    return w["batch_title"].format(batch=batch, year=year, areas=int(in_batch["count"].sum()),
                                   provinces=int((in_batch["count"] > 0).sum()))


def batch_small_multiples(areas: pd.DataFrame, provinces: pd.DataFrame, coverage: BatchCoverage, *, title: str,
                          footer: str, lang: str = "en", geojson: str | dict = GEOJSON_URL,
                          font_scale: float = 1.0) -> go.Figure:
    """One small province map per fully listed batch, on one shared colour scale (same unit).

    Partially listed batches (e.g. a batch with only some members known) are not mapped, as
    their zeros would not be real; the subtitle names them.
    """
    batches = coverage.full
    counts = batch_counts(areas, provinces, batches)
    full = province_names(provinces, lang)
    w = words(COMPARE_WORDS, lang)
    n = max(len(batches), 1)
    most = int(counts["count"].max()) if len(counts) else 1
    years = areas.groupby("batch")["year"].min()
    subplot_titles = [_batch_title(counts[counts["batch"] == b], b, years, w) for b in batches]
    figure = make_subplots(rows=1, cols=n, specs=[[{"type": "geo"}] * n], subplot_titles=subplot_titles or [""],
                           horizontal_spacing=0.01)
    outside = provinces.loc[~provinces["in_scope"].astype(bool)]
    common = {"geojson": geojson, "featureidkey": "properties.adcode", "marker_line_color": BORDER_COLOUR,
              "marker_line_width": 0.4, "hovertemplate": "%{customdata}<extra></extra>"}
    for i, b in enumerate(batches):
        geo = "geo" if i == 0 else f"geo{i + 1}"
        figure.add_trace(go.Choropleth(
            locations=outside["adcode"], z=[0] * len(outside), colorscale=[[0, OUTSIDE_COLOUR], [1, OUTSIDE_COLOUR]],
            showscale=False, customdata=[f"<b>{full[c]}</b><br>{w['outside']}" for c in outside["adcode"]],
            geo=geo, name="outside", **common))
        in_batch = counts[counts["batch"] == b]
        figure.add_trace(go.Choropleth(
            locations=in_batch["adcode"], z=in_batch["count"], coloraxis="coloraxis", geo=geo, name=f"batch {b}",
            customdata=[f"<b>{full[c]}</b><br>{w['batch_hover'].format(batch=b, n=k)}"
                        + (w["batch_none"] if k == 0 else "")
                        for c, k in zip(in_batch["adcode"], in_batch["count"], strict=True)],
            **common))
    figure.update_geos(**GEO_SETTINGS)
    figure.update_layout(coloraxis={
        "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)], "cmin": 0, "cmax": max(most, 1),
        "colorbar": {"title": {"text": w["areas"]}, "thickness": 12, "len": 0.7, "dtick": 1 if most <= 8 else None,
                     "orientation": "h", "y": -0.05, "x": 0.5, "xanchor": "center", "yanchor": "top"}})
    # Swatch for the out-of-scope shade, as on every province map.
    figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", geo="geo",
                                   marker={"symbol": "square", "size": 12, "color": OUTSIDE_COLOUR,
                                           "line": {"color": BORDER_COLOUR, "width": 1}},
                                   name=w["outside"], hoverinfo="skip"))
    figure.update_annotations(font_size=13 * font_scale)
    subtitle = wrap(f"{coverage.sentence} {w['batches_subtitle']}", 120)
    _base_layout(figure, title=title, subtitle=subtitle, footer=footer, plot_px=300, font_scale=font_scale,
                 footer_gap=110, extra_top=30)
    figure.update_layout(legend={"orientation": "h", "x": 0.0, "y": -0.05, "yanchor": "top"})
    return figure
