"""Timeline figures: the lanes of dated events and the cumulative adoption curve and map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.adoption import cumulative_adoption
from dashboard.domain.compare import coverage_text
from dashboard.domain.indicators import IndicatorView, indicator_view, source_line, split_source_ids
from dashboard.domain.timeline import adopted_by, label_px, stack_rows, year_options, year_ticks
from dashboard.figures.maps import province_map
from dashboard.figures.style import (
    BORDER_COLOUR,
    CURVE_COLOUR,
    EDGE_PX,
    EM_PER_COLUMN,
    FIGURE_PX,
    LANE_COLOURS,
    LINE_EM,
    MARKER_COLOUR,
    frame_figure,
    legend_rows,
    wrap_px,
)
from dashboard.text import (
    LANE_LABELS,
    bilingual,
    data_term,
    display_width,
    shorten,
    title_of,
    words,
    wrap,
)
from dashboard.text import MAP_LABELS as LABELS
from dashboard.text.timeline import TIMELINE_FIGURE_WORDS, TIMELINE_WORDS

ROW_PX = 32  # one sub-row of a lane: room for a two-line label
LABEL_COLUMNS = 28  # wrap width of a marker label; two lines at most
LEAD_DAYS = 200  # room on the time axis before the first marker
TAIL_DAYS = 200  # and after the last marker (or the end-of-year line)


def _marker_label(row: pd.Series, lang: str) -> str:
    """The marker's label; a title the event table cut short gets two lines of the full title."""
    full = (row["title_zh"] if lang == "zh" else "") or row["title_en"]
    if not str(row["label"]).endswith("…") or not full:
        return str(row["label"])
    two = wrap(str(full), LABEL_COLUMNS).split("<br>")
    return "<br>".join([two[0]] + [shorten(" ".join(two[1:]), LABEL_COLUMNS // (2 if lang == "zh" else 1))] * (len(two) > 1))


def _text_px(text: str, size: float) -> float:
    """Width of one line of a label: a Chinese character as two wrap columns, Latin text as Plotly draws it."""
    return max(label_px(text, size), display_width(text) * EM_PER_COLUMN * size)


def _place_labels(rows: pd.DataFrame, lo: pd.Timestamp, px_per_day: float, text_size: float,
                  end_of_year: pd.Timestamp | None, axis_end: float) -> tuple[list[int], list[str]]:
    """Sub-row and side of each label, so labels neither overlap nor cross the end-of-year line.

    A label that would run over the line, or past ``axis_end`` (days from ``lo``), from its
    left goes on the left of its marker. Returns the sub-rows and the text positions.
    """
    line = (end_of_year - lo).days if end_of_year is not None else None
    spans, sides = [], []
    for x, label in zip(rows["x"], rows["label"], strict=True):
        start = (x - lo).days
        width = (max(_text_px(part, text_size) for part in label.split("<br>")) + 16) / px_per_day
        left = (line is not None and start <= line < start + width) or start + width > axis_end
        spans.append((start - width, start) if left else (start, start + width))
        sides.append("middle left" if left else "middle right")
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    stacked = stack_rows([spans[i][0] for i in order], [spans[i][1] for i in order], gap=4 / px_per_day)
    sub = [0] * len(spans)
    for i, row in zip(order, stacked, strict=True):
        sub[i] = row
    return sub, sides


def _lane_name(lane: str, lang: str, sep: str) -> str:
    """A lane's name: English with its Chinese after ``sep``, or Chinese only."""
    en, zh = LANE_LABELS[lane]
    return zh if lang == "zh" else bilingual(en, zh, lang, sep)


def _lane_traces(figure: go.Figure, rows: pd.DataFrame, lane: str, y: list[float], sides: list[str],
                 lang: str, font_scale: float) -> None:
    """One lane's markers: filled for an exact day, open for a month, year or decade."""
    closed = (rows["precision"] == "day").to_numpy()
    name = f"{_lane_name(lane, lang, ' ')} ({len(rows)})"
    # Exact-day and partial-date markers are separate traces of one legend group; the legend
    # swatch is a trace of its own, a filled marker without text: a trace with text would show
    # its first (two-line) label's height in the legend row.
    figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=lane, hoverinfo="skip",
                                marker={"size": 11 * font_scale, "color": LANE_COLOURS[lane], "symbol": "circle"}))
    for exact in (True, False):
        mask = closed == exact
        if not mask.any():
            continue
        figure.add_trace(go.Scatter(
            x=rows["x"][mask], y=[v for v, m in zip(y, mask, strict=True) if m], mode="markers+text",
            text=rows["label"][mask], textposition=[s for s, m in zip(sides, mask, strict=True) if m],
            textfont={"size": 11 * font_scale, "color": "#222"},
            marker={"size": 11 * font_scale, "color": LANE_COLOURS[lane], "symbol": "circle" if exact else "circle-open",
                    "line": {"width": 2, "color": LANE_COLOURS[lane]}},
            hovertext=rows["hover"][mask], hoverinfo="text", name=name, legendgroup=lane,
            showlegend=False, cliponaxis=False,
        ))


def _end_of_year(figure: go.Figure, year: int, font_scale: float, lang: str = "en") -> None:
    """The dashed line at the end of the selected year, labelled at its foot."""
    end_of_year = pd.Timestamp(year, 12, 31)
    figure.add_shape(type="line", xref="x", x0=end_of_year, x1=end_of_year, yref="paper", y0=0, y1=1,
                     line={"color": "#555", "width": 1.5, "dash": "dash"})
    # Inside the plot, just above the axis: below it the label would sit on the year ticks.
    figure.add_annotation(text=words(TIMELINE_WORDS, lang)["end_of_year"].format(year=year), x=end_of_year, xref="x",
                          y=0, yref="paper", showarrow=False, xanchor="left", yanchor="bottom", xshift=3, yshift=2,
                          bgcolor="rgba(255,255,255,0.85)",
                          font={"size": 13 * font_scale * 0.8, "color": "#333"})


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

    Markers close in time are stacked into sub-rows so their text labels do not overlap, and
    no label runs over the end-of-year line. Filled markers have an exact day; open markers a
    month, year or decade only.
    """
    shown = events[events["lane"].isin(lanes)].copy()
    shown["label"] = [_marker_label(row, lang) for _, row in shown.iterrows()]
    lo, hi = (shown["x"].min(), shown["x"].max()) if len(shown) else (pd.Timestamp(2000, 1, 1),
                                                                     pd.Timestamp(2025, 1, 1))
    lane_names = [_lane_name(lane, lang, "<br>") for lane in lanes]
    left = 20 + max((display_width(part) for name in lane_names for part in name.split("<br>")), default=0) \
        * EM_PER_COLUMN * 13 * font_scale
    end_of_year = pd.Timestamp(year, 12, 31) if year is not None else None
    span = _axis_days(lo, hi, _right_of_line(shown, end_of_year, year, lang, font_scale), left)
    px_per_day = (FIGURE_PX - left - 20) / span
    figure = go.Figure()
    offset, ticks, separators = 0.0, [], []
    for lane, lane_name in zip(lanes, lane_names, strict=True):
        rows = shown[shown["lane"] == lane]
        if rows.empty:
            continue
        sub, sides = _place_labels(rows, lo, px_per_day, 11 * font_scale, end_of_year, span - LEAD_DAYS)
        _lane_traces(figure, rows, lane, [offset + r for r in sub], sides, lang, font_scale)
        ticks.append((offset + max(sub) / 2, lane_name))
        offset += max(sub) + 1.8
        separators.append(offset - 0.9)
    _open_marker_swatch(figure, lang)
    for separator in separators[:-1]:
        figure.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=separator, y1=separator,
                         line={"color": "#cccccc", "width": 1})
    if year is not None:
        _end_of_year(figure, year, font_scale, lang)
    _timeline_axes(figure, lo, hi, lo + pd.Timedelta(days=span - LEAD_DAYS), ticks, max(offset - 1.8, 0))
    _timeline_frame(figure, title=title, subtitle=subtitle, footer=footer, left=left, font_scale=font_scale,
                    plot_px=ROW_PX * font_scale * (max(offset - 1.8, 0) + 1.5))
    return figure


def _right_of_line(shown: pd.DataFrame, end_of_year: pd.Timestamp | None, year: int | None, lang: str,
                   font_scale: float) -> list[tuple[pd.Timestamp, float]]:
    """What must fit right of the end-of-year line: its own label, and the labels of markers after
    it (on the left they would cross the line), as (date, width in px)."""
    if end_of_year is None:
        return []
    text = words(TIMELINE_WORDS, lang)["end_of_year"].format(year=year)
    after = shown[shown["x"] > end_of_year]
    return [(end_of_year, _text_px(text, 13 * font_scale * 0.8) + 12)] + [
        (x, max(_text_px(part, 11 * font_scale) for part in label.split("<br>")) + 16)
        for x, label in zip(after["x"], after["label"], strict=True)]


def _axis_days(lo: pd.Timestamp, hi: pd.Timestamp, right: list[tuple[pd.Timestamp, float]], left: float) -> float:
    """Days the time axis spans, fixed so that labels are placed on the scale a 720-px figure draws
    them at (a wider figure only spreads them further apart).

    Other labels that would run past the axis's end go left of their markers, so after the last
    marker the axis keeps room only for what must stay on the ``right`` (date, px) of its date.
    """
    axis_px = FIGURE_PX - left - 20
    span = max((hi - lo).days, 365) + LEAD_DAYS + TAIL_DAYS
    for date, px in right:
        # px drawn at axis_px / span px a day after a date ``before`` days into the axis
        before = (date - lo).days + LEAD_DAYS
        span = max(span, before * axis_px / (axis_px - px))
    return span


def _timeline_frame(figure: go.Figure, *, title: str, subtitle: str, footer: str, left: float, font_scale: float,
                    plot_px: float) -> None:
    """The shared frame, with room above the plot for the legend's rows and the legend hung there."""
    legend = [trace.name for trace in figure.data if trace.showlegend is not False]
    base = 13 * font_scale
    # The legend starts at the plot's left edge, so its rows are as wide as the plot; Plotly
    # draws a row at least 16 px high, plus 8 px between rows (no extra gap between groups).
    row_px = max(base * 0.9 * LINE_EM, 16) + 8
    above = legend_rows(legend, base * 0.9, FIGURE_PX - left) * row_px / font_scale + 8
    frame_figure(figure, title=title, subtitle=subtitle, footer=footer, font_scale=font_scale, left=left,
                 plot_px=plot_px, above=above, below=40)
    # Hung under the subtitle: what the row estimate leaves over falls between legend and plot.
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": 1 + (above - 6) * font_scale / plot_px,
                                 "x": 0.0, "font": {"size": base * 0.9}, "tracegroupgap": 0},
                         hoverlabel={"align": "left"})


def _open_marker_swatch(figure: go.Figure, lang: str = "en") -> None:
    """A legend entry explaining open markers."""
    name = words(TIMELINE_FIGURE_WORDS, lang)["open_marker"]
    figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                marker={"size": 11, "symbol": "circle-open", "color": MARKER_COLOUR,
                                        "line": {"width": 2}}, hoverinfo="skip"))


def _timeline_axes(figure: go.Figure, lo: pd.Timestamp, hi: pd.Timestamp, x_max: pd.Timestamp,
                   ticks: list[tuple[float, str]], total_rows: float) -> None:
    """A date axis with a tick per year (or every few years), and one category tick per lane."""
    figure.update_layout(
        xaxis={"type": "date", "range": [lo - pd.Timedelta(days=LEAD_DAYS), x_max],
               "showgrid": True, "gridcolor": "#eeeeee", "tickformat": "%Y",
               "tickvals": [pd.Timestamp(y, 1, 1) for y in year_ticks(lo.year, hi.year + 1, max_ticks=12)],
               "linecolor": BORDER_COLOUR, "ticks": "outside"},
        yaxis={"automargin": True, "tickvals": [t[0] for t in ticks], "ticktext": [t[1] for t in ticks],
               "showgrid": False, "zeroline": False, "range": [total_rows + 0.7, -0.7]},
    )


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
    options = year_options(years)
    figure = go.Figure()
    title_en, title_zh = _curve_titles(years, total, options)
    if options:
        _adoption_curve(figure, years, names, total, options, font_scale, lang)
    _all_provinces_line(figure, total, font_scale, lang)
    if year is not None and options:
        _adopted_by_marker(figure, years, year, total, options, font_scale, lang)
    w = words(TIMELINE_FIGURE_WORDS, lang)
    # The title is in the page language; in English the Chinese title opens the subtitle (a
    # Chinese reader is not given an English line).
    title, subtitle = (title_zh, subtitle) if lang == "zh" else (title_en, f"{title_zh}<br>{subtitle}")
    frame_figure(figure, title=title, subtitle=subtitle, footer=footer, plot_px=300 * font_scale,
                 font_scale=font_scale, left=60 * font_scale, below=66)
    figure.update_layout(
        xaxis={"title": {"text": w["curve_x"]}, "dtick": 1, "tickformat": "d",
               "range": [options[0] - 0.6, options[-1] + 0.6] if options else None,
               "linecolor": BORDER_COLOUR, "ticks": "outside", "showgrid": False},
        yaxis={"title": {"text": w["curve_y"]}, "range": [0, total * 1.08], "gridcolor": "#eeeeee",
               "linecolor": BORDER_COLOUR, "zeroline": True, "zerolinecolor": BORDER_COLOUR},
        hoverlabel={"align": "left"},
    )
    return figure


def _curve_titles(years: pd.Series, total: int, options: list[int]) -> tuple[str, str]:
    """The English and Chinese titles: how many provinces had adopted one by the last year."""
    if not options:
        return (f"No adopted provincial regulation established (0 of {total} with a known year)",
                "尚无已确认通过的省级社会信用法规")
    n_last, y_last = adopted_by(years, options[-1]), options[-1]
    return (f"{n_last} of {total} mainland provinces had adopted their own social credit regulation by {y_last}",
            f"截至{y_last}年，{total}个内地省级行政区中有{n_last}个已通过本地社会信用法规")


def _adoption_curve(figure: go.Figure, years: pd.Series, names: pd.Series, total: int, options: list[int],
                    font_scale: float, lang: str = "en") -> None:
    """The step line, each step labelled with its count and hovered with the provinces new that year."""
    curve = cumulative_adoption(years, options[0], options[-1])
    known = years.dropna().astype(int)
    hover, w = [], words(TIMELINE_FIGURE_WORDS, lang)
    for row in curve.itertuples():
        new = [str(names.get(code, code)) for code in known[known == row.year].index]
        hover.append(w["curve_hover"].format(year=row.year, adopted=row.adopted, total=total) + "<br>"
                     + (w["curve_new"].format(year=row.year, names=wrap(("、" if lang == "zh" else ", ").join(new), 60))
                        if new else w["curve_none_new"].format(year=row.year)))
    figure.add_trace(
        go.Scatter(x=curve["year"], y=curve["adopted"], mode="lines+markers+text", line_shape="hv",
                   line={"color": CURVE_COLOUR, "width": 3}, marker={"size": 8, "color": CURVE_COLOUR},
                   text=curve["adopted"].astype(str), textposition="top left",
                   textfont={"size": 13 * font_scale * 0.9}, hovertext=hover, hoverinfo="text",
                   name="provinces with an adopted regulation", showlegend=False, cliponaxis=False)
    )


def _all_provinces_line(figure: go.Figure, total: int, font_scale: float, lang: str = "en") -> None:
    """A dotted ceiling at every mainland province."""
    figure.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=total, y1=total,
                     line={"color": "#999", "width": 1, "dash": "dot"})
    figure.add_annotation(text=words(TIMELINE_FIGURE_WORDS, lang)["curve_all"].format(total=total), xref="paper", x=0.0, y=total, yref="y",
                          showarrow=False, xanchor="left", yanchor="bottom",
                          font={"size": 13 * font_scale * 0.8, "color": "#666"})


def _adopted_by_marker(figure: go.Figure, years: pd.Series, year: int, total: int, options: list[int],
                       font_scale: float, lang: str = "en") -> None:
    """A dashed line at the selected year, labelled on the side with room."""
    figure.add_shape(type="line", xref="x", x0=year, x1=year, yref="paper", y0=0, y1=1,
                     line={"color": "#555", "width": 1.5, "dash": "dash"})
    late = year > (min(options) + max(options)) / 2
    text = words(TIMELINE_FIGURE_WORDS, lang)["curve_by"].format(year=year, n=adopted_by(years, year), total=total)
    figure.add_annotation(text=text, x=year, xref="x", y=0.04,
                          yref="paper", showarrow=False, xanchor="right" if late else "left",
                          xshift=-4 if late else 4, bgcolor="rgba(255,255,255,0.85)",
                          font={"size": 13 * font_scale * 0.85, "color": "#333"})


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
    # English names both titles; Chinese its own (the English one, where no Chinese exists).
    title = title_of(meta, lang) if lang == "zh" else bilingual(title_en, meta.get("title_zh") or "", lang)
    w = words(TIMELINE_FIGURE_WORDS, lang)
    if year is not None:
        title += w["map_as_of"].format(year=year)
    title = wrap_px(title, FIGURE_PX - 2 * EDGE_PX, 13 * 1.45 * font_scale)
    subtitle = w["map_subtitle"].format(n=by_then, total=total, year=year if year is not None else w["latest_year"])
    levels = ", ".join(data_term(c, lang) for c in confidences) or "—"
    footer = wrap(
        f"{w['confidence'].format(levels=levels)} {coverage_text(view, meta.get('missing_reason') or '', lang)} "
        f"{extra_footer}".rstrip()
        + f"<br>{source_line(source_ids, sources, lang=lang)}",
        int(150 / font_scale),
    )
    absent_label = w["absent"].format(year=year) if year is not None else None
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
    earliest_darkest(figure)
    missing_label = data_term(meta.get("missing_reason") or "", lang)
    if missing_label:
        generic = LABELS[lang]["missing"]
        figure.for_each_trace(
            lambda t: t.update(name=missing_label[:1].upper() + missing_label[1:]) if t.name == generic else None
        )
    return figure, view


def earliest_darkest(figure: go.Figure) -> go.Figure:
    """Shade adoption years darker = earlier, as on every page (early adopters stand out).

    The province map's sequential scale runs pale to dark with the value; for years it is
    reversed, so the earliest year is the darkest, as in the Fragmentation matrix.
    """
    return figure.update_traces(reversescale=True, selector={"name": "value", "type": "choropleth"})
