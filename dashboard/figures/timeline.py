"""Timeline figures: the lanes of dated events and the cumulative adoption curve and map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.adoption import cumulative_adoption
from dashboard.domain.indicators import IndicatorView, indicator_view, source_line, split_source_ids
from dashboard.domain.timeline import adopted_by, label_px, stack_rows, year_options, year_ticks
from dashboard.figures.maps import province_map
from dashboard.figures.style import (
    ASSUMED_PLOT_PX,
    BORDER_COLOUR,
    CURVE_COLOUR,
    FONT,
    LANE_COLOURS,
    MARKER_COLOUR,
)
from dashboard.text import LANE_LABELS, bilingual, wrap
from dashboard.text import MAP_LABELS as LABELS


def timeline_figure(
    events: pd.DataFrame,
    lanes: list[str],
    *,
    title: str,
    subtitle: str,
    footer: str,
    year: int | None = None,
    lang: str = "en",
    font_scale: float = 1.0,
) -> go.Figure:
    """Markers on one date axis, one horizontal lane per table.

    Markers close in time are stacked into sub-rows so their text labels do not overlap.
    Filled markers have an exact day; open markers a month, year or decade only.
    """
    base = 13 * font_scale
    text_size = 11 * font_scale
    footer = wrap(footer, int(135 / font_scale))
    figure = go.Figure()
    shown = events[events["lane"].isin(lanes)]
    if shown.empty:
        lo, hi = pd.Timestamp(2000, 1, 1), pd.Timestamp(2025, 1, 1)
    else:
        lo, hi = shown["x"].min(), shown["x"].max()
    span_days = max((hi - lo).days, 365) * 1.25 + 365
    px_per_day = ASSUMED_PLOT_PX / span_days
    offset = 0.0
    ticks: list[tuple[float, str]] = []
    separators: list[float] = []
    x_max = hi
    for lane in lanes:
        rows = shown[shown["lane"] == lane]
        if rows.empty:
            continue
        starts = [(x - lo).days for x in rows["x"]]
        ends = [s + (label_px(label, text_size) + 16) / px_per_day for s, label in zip(starts, rows["label"], strict=True)]
        sub = stack_rows(starts, ends, gap=4 / px_per_day)
        x_max = max(x_max, lo + pd.Timedelta(days=max(ends)))
        y = [offset + r for r in sub]
        en, zh = LANE_LABELS[lane]
        closed = (rows["precision"] == "day").to_numpy()
        name = f"{bilingual(en, zh, lang, ' ')} ({len(rows)})"
        # Exact-day and partial-date markers are separate traces of one legend group, so
        # the legend swatch is always the filled marker.
        for exact in (True, False):
            mask = closed == exact
            if not mask.any():
                continue
            figure.add_trace(
                go.Scatter(
                    x=rows["x"][mask], y=[v for v, m in zip(y, mask, strict=True) if m], mode="markers+text",
                    text=rows["label"][mask], textposition="middle right",
                    textfont={"size": text_size, "color": "#222"},
                    marker={"size": 11 * font_scale, "color": LANE_COLOURS[lane],
                            "symbol": "circle" if exact else "circle-open",
                            "line": {"width": 2, "color": LANE_COLOURS[lane]}},
                    hovertext=rows["hover"][mask], hoverinfo="text", name=name, legendgroup=lane,
                    showlegend=exact or not closed.any(), cliponaxis=False,
                )
            )
        height_rows = max(sub) + 1
        ticks.append((offset + (height_rows - 1) / 2, bilingual(en, zh, lang, "<br>")))
        offset += height_rows + 0.8
        separators.append(offset - 0.9)
    # Legend swatch explaining open markers.
    figure.add_trace(
        go.Scatter(x=[None], y=[None], mode="markers", name="open marker: month, year or decade only",
                   marker={"size": 11, "symbol": "circle-open", "color": MARKER_COLOUR, "line": {"width": 2}},
                   hoverinfo="skip")
    )
    shapes = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": s, "y1": s,
         "line": {"color": "#cccccc", "width": 1}}
        for s in separators[:-1]
    ]
    annotations = [
        {"text": footer, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0, "y": 0,
         "yshift": -48 * font_scale, "xanchor": "left", "yanchor": "top", "align": "left",
         "font": {"size": base * 0.8, "color": "#444"}}
    ]
    if year is not None:
        end_of_year = pd.Timestamp(year, 12, 31)
        shapes.append({"type": "line", "xref": "x", "x0": end_of_year, "x1": end_of_year, "yref": "paper",
                       "y0": 0, "y1": 1, "line": {"color": "#555", "width": 1.5, "dash": "dash"}})
        annotations.append({"text": f"end of {year}", "x": end_of_year, "xref": "x", "y": 0, "yref": "paper",
                            "showarrow": False, "xanchor": "left", "yanchor": "bottom", "xshift": 3,
                            "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": base * 0.8, "color": "#333"}})
    total_rows = max(offset - 0.8, 1)
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base}}, "x": 0.01,
               "xanchor": "left", "font": {"size": base * 1.45}, "y": 0.99, "yref": "container",
               "yanchor": "top"},
        height=int((250 + 24 * total_rows) * font_scale) + 60,
        margin={"l": 20, "r": 20, "t": 132 * font_scale, "b": (50 + 14 * footer.count("<br>")) * font_scale + 40},
        font={"family": FONT, "size": base},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0.0, "font": {"size": base * 0.9}},
        xaxis={"type": "date", "range": [lo - pd.Timedelta(days=200), x_max + pd.Timedelta(days=60)],
               "showgrid": True, "gridcolor": "#eeeeee", "tickformat": "%Y",
               "tickvals": [pd.Timestamp(y, 1, 1) for y in year_ticks(lo.year, hi.year + 1)],
               "linecolor": BORDER_COLOUR, "ticks": "outside"},
        yaxis={"automargin": True, "tickvals": [t[0] for t in ticks], "ticktext": [t[1] for t in ticks],
               "showgrid": False, "zeroline": False, "range": [total_rows + 0.3, -0.7]},
        shapes=shapes,
        annotations=annotations,
        hoverlabel={"align": "left"},
    )
    return figure


def cumulative_figure(
    years: pd.Series,
    names: pd.Series,
    *,
    total: int,
    footer: str,
    subtitle: str,
    year: int | None = None,
    lang: str = "en",
    font_scale: float = 1.0,
) -> go.Figure:
    """Step line of provinces with their own adopted regulation, by year.

    ``years`` is the adoption year per province (adcode index), ``names`` the display name
    per adcode, ``total`` the number of mainland provinces (31).
    """
    base = 13 * font_scale
    footer = wrap(footer, int(135 / font_scale))
    options = year_options(years)
    figure = go.Figure()
    if options:
        curve = cumulative_adoption(years, options[0], options[-1])
        known = years.dropna().astype(int)
        hover = []
        for row in curve.itertuples():
            new = [str(names.get(code, code)) for code in known[known == row.year].index]
            hover.append(f"<b>End of {row.year}: {row.adopted} of {total} provinces</b><br>"
                         + (f"New in {row.year}: {wrap(', '.join(new), 60)}" if new else f"None new in {row.year}"))
        figure.add_trace(
            go.Scatter(x=curve["year"], y=curve["adopted"], mode="lines+markers+text", line_shape="hv",
                       line={"color": CURVE_COLOUR, "width": 3}, marker={"size": 8, "color": CURVE_COLOUR},
                       text=curve["adopted"].astype(str), textposition="top left",
                       textfont={"size": base * 0.9}, hovertext=hover, hoverinfo="text",
                       name="provinces with an adopted regulation", showlegend=False, cliponaxis=False)
        )
        last = curve.iloc[-1]
        n_last, y_last = int(last["adopted"]), int(last["year"])
        title_en = (f"{n_last} of {total} mainland provinces had adopted their own social credit "
                    f"regulation by {y_last}")
        title_zh = f"截至{y_last}年，{total}个内地省级行政区中有{n_last}个已通过本地社会信用法规"
        x_range = [options[0] - 0.6, options[-1] + 0.6]
    else:
        title_en = f"No adopted provincial regulation established (0 of {total} with a known year)"
        title_zh = "尚无已确认通过的省级社会信用法规"
        x_range = None
    # The title is in the page language; the other language opens the subtitle.
    title, other = (title_zh, title_en) if lang == "zh" else (title_en, title_zh)
    subtitle = wrap(f"{other}<br>{subtitle}", int(115 / font_scale))
    top = (98 + 17 * subtitle.count("<br>")) * font_scale
    bottom = (85 + 14 * footer.count("<br>")) * font_scale + 30
    shapes = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": total, "y1": total,
               "line": {"color": "#999", "width": 1, "dash": "dot"}}]
    annotations = [
        {"text": f"all {total} mainland provinces", "xref": "paper", "x": 0.0, "y": total, "yref": "y",
         "showarrow": False, "xanchor": "left", "yanchor": "bottom", "font": {"size": base * 0.8, "color": "#666"}},
        {"text": footer, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0, "y": 0,
         "yshift": -62 * font_scale, "xanchor": "left", "yanchor": "top", "align": "left",
         "font": {"size": base * 0.8, "color": "#444"}},
    ]
    if year is not None and options:
        count = adopted_by(years, year)
        shapes.append({"type": "line", "xref": "x", "x0": year, "x1": year, "yref": "paper", "y0": 0, "y1": 1,
                       "line": {"color": "#555", "width": 1.5, "dash": "dash"}})
        # Label on the side of the line with room: left of it in the later half of the axis.
        late = bool(options) and year > (min(options) + max(options)) / 2
        annotations.append({"text": f"by {year}: {count} of {total}", "x": year, "xref": "x", "y": 0.04,
                            "yref": "paper", "showarrow": False, "xanchor": "right" if late else "left",
                            "xshift": -4 if late else 4,
                            "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": base * 0.85, "color": "#333"}})
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base}}, "x": 0.01,
               "xanchor": "left", "font": {"size": base * 1.35}},
        height=int(300 * font_scale + top + bottom),
        margin={"l": 60, "r": 20, "t": top, "b": bottom},
        font={"family": FONT, "size": base},
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"title": {"text": "year of adoption (end of year)"}, "dtick": 1, "tickformat": "d",
               "range": x_range, "linecolor": BORDER_COLOUR, "ticks": "outside", "showgrid": False},
        yaxis={"title": {"text": "provinces (cumulative)"}, "range": [0, total * 1.08], "gridcolor": "#eeeeee",
               "linecolor": BORDER_COLOUR, "zeroline": True, "zerolinecolor": BORDER_COLOUR},
        shapes=shapes,
        annotations=annotations,
        hoverlabel={"align": "left"},
    )
    return figure


def adoption_map(
    indicators: pd.DataFrame,
    meta: dict,
    provinces: pd.DataFrame,
    sources: dict[str, dict],
    *,
    year: int | None,
    lang: str = "en",
    font_scale: float = 1.0,
    extra_footer: str = "",
) -> tuple[go.Figure, IndicatorView]:
    """Map of the adoption-year indicator as of the end of ``year``.

    Provinces that adopted later are drawn as ``absent`` ("No adopted regulation by YEAR");
    provinces with none established are missing, labelled with the dataset's reason.
    """
    view = indicator_view(indicators, meta, as_of=year)
    values = view.values
    total = len(values)
    by_then = int((values["state"] == "value").sum())
    source_ids = split_source_ids(values.loc[values["state"] != "missing", "source"])
    confidences = sorted(set(values.loc[values["state"] != "missing", "confidence"]) - {""})
    title_en = meta.get("title") or meta["name"]
    title = bilingual(title_en, meta.get("title_zh") or "", lang)
    if year is not None:
        title += f", as of end of {year}"
    subtitle = (f"Colour: year of adoption. {by_then} of {total} provinces had adopted one by "
                f"{year if year is not None else 'the latest year'}.")
    footer = wrap(
        f"Confidence: {', '.join(confidences) or '—'}. {view.coverage} {extra_footer}".rstrip()
        + f"<br>{source_line(source_ids, sources, lang=lang)}",
        int(150 / font_scale),
    )
    absent_label = f"No adopted regulation by {year}" if year is not None else None
    figure = province_map(
        values, provinces, title=title, subtitle=subtitle, footer=footer, value_type="year",
        unit=view.unit, absent_label=absent_label, lang=lang, font_scale=font_scale,
    )
    # One colour per year whatever the slider says: the scale spans every known year and
    # ticks fall on whole years only.
    known = values.loc[values["state"] != "missing", "value"].dropna().astype(float)
    if not known.empty:
        figure.update_traces(zmin=known.min(), zmax=known.max(), colorbar={"dtick": 1},
                             selector={"name": "value"})
    missing_label = meta.get("missing_reason") or ""
    if missing_label:
        generic = LABELS[lang]["missing"]
        figure.for_each_trace(
            lambda t: t.update(name=missing_label[:1].upper() + missing_label[1:]) if t.name == generic else None
        )
    return figure, view
