"""Figures of the national series, list totals and province fragments: one panel per unit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.indicators import source_line
from dashboard.domain.national import (
    FIGURES,
    figure_points,
    fragment_panels,
    last_established,
    list_totals_table,
    national_points,
    sources_and_confidence,
)
from dashboard.figures.style import (
    EDGE_PX,
    FIGURE_PX,
    FONT,
    FOOTER_COLOUR,
    OKABE_ITO,
    count_axis,
    legend_rows,
    wrap_px,
)
from dashboard.text import data_term, escape_html, wrap
from dashboard.text.timeline import TIMELINE_WORDS

SERIES_COLOURS = {"spc_defaulter_list": "#0072B2", "spc_defaulters_added": "#D55E00", "spc_credit_repairs": "#009E73",
                  "spc_complied_under_pressure": "#CC79A7", "flight_bans": "#0072B2", "train_bans": "#E69F00"}
EXACT = "exact from source"


def _words(lang: str) -> dict[str, str]:
    return TIMELINE_WORDS["zh" if lang == "zh" else "en"]


def _frame(figure: go.Figure, *, title: str, subtitle: str, footer: str, height: int, font_scale: float,
           label_px: float = 0) -> None:
    """Title, subtitle and a wrapped footer inside the figure, with room for each.

    ``label_px``: width of the row labels left of the plot, where the footer starts.
    """
    base = 13 * font_scale
    # Wrapped for the narrowest full-width figure (a phone scrolls it inside its own frame).
    room = FIGURE_PX - 2 * EDGE_PX
    footer = wrap_px(footer, room - label_px, base * 0.8)
    subtitle = wrap_px(subtitle, room, base * 0.95)
    # The legend sits above the first panel and grows upwards: each row past the first needs room.
    legend = [trace.name for trace in figure.data if trace.showlegend and trace.name]
    legend_px = (legend_rows(legend, base * 0.9) - 1) * base * 0.9 * 1.6 if legend else 0
    top = (100 + 16 * (subtitle.count("<br>") + 1)) * font_scale + legend_px
    bottom = (50 + 14 * (footer.count("<br>") + 1)) * font_scale
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base * 0.95}}, "x": 0.01,
               "xanchor": "left", "yref": "container", "y": 0.995, "yanchor": "top", "font": {"size": base * 1.4}},
        height=int(height * font_scale + top + bottom), margin={"l": 10, "r": 20, "t": top, "b": bottom},
        font={"family": FONT, "size": base}, paper_bgcolor="white", plot_bgcolor="white",
        hoverlabel={"align": "left"},
        # Above the first panel's title, clear of it.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1 + 26 / height, "x": 0.0,
                "font": {"size": base * 0.9}},
    )
    figure.add_annotation(text=footer, showarrow=False, xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left",
                          yanchor="top", yshift=-36 * font_scale, align="left",
                          font={"size": base * 0.8, "color": FOOTER_COLOUR})
    figure.update_xaxes(automargin=True, gridcolor="#eeeeee")
    figure.update_yaxes(automargin=True, gridcolor="#eeeeee", rangemode="tozero")


def _footer(frame: pd.DataFrame, dataset: str, sources: dict[str, dict], lang: str, extra: str = "") -> str:
    ids, confidence = sources_and_confidence(frame)
    counts = ", ".join(f"{data_term(label, lang)} ({n})" for label, n in confidence.items()) or "—"
    line = _words(lang)["footer"].format(dataset=dataset, n_sources=len(ids), confidence=counts)
    return "<br>".join(part for part in (extra, line, source_line(ids, sources, lang=lang)) if part)


def _as_of(text: object, lang: str) -> str:
    """A row's date as published, with its '(year)' marker (a whole year's flow) in ``lang``."""
    return escape_html(str(text).replace("(year)", _words(lang)["as_of_year"]))


def _hover(rows: pd.DataFrame, lang: str) -> list[str]:
    w = _words(lang)
    return [w["hover"].format(series=w.get(f"series_{r.series}", r.series), as_of=_as_of(r.as_of, lang),
                              value_text=escape_html(r.value_text), unit=escape_html(data_term(r.unit, lang)),
                              source=r.source_id, confidence=data_term(r.confidence, lang))
            + (f"<br><i>{wrap(escape_html(r.note), 60)}</i>" if r.note else "")
            for r in rows.itertuples()]


def series_figure(points: pd.DataFrame, figure_key: str, sources: dict[str, dict], *, year: int | None = None,
                  lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One figure of :data:`dashboard.domain.national.FIGURES`: a panel per unit group, shared dates.

    Points are markers only: two sources counting in different units are never joined by a
    line. Filled markers are exact from source, open ones secondary or lower confidence.
    """
    w = _words(lang)
    groups = [g for g in FIGURES[figure_key] if (points["group"] == g).any()]
    titles = [f"{w[f'group_{g}']} · {w['reports'].format(n=int((points['group'] == g).sum()))}" for g in groups]
    figure = make_subplots(rows=max(len(groups), 1), cols=1, shared_xaxes=True, vertical_spacing=0.1,
                           subplot_titles=titles or [""])
    shown: set[str] = set()
    for row, group in enumerate(groups, start=1):
        panel = points[points["group"] == group]
        for series, rows in panel.groupby("series", sort=False):
            colour = SERIES_COLOURS.get(series, OKABE_ITO[-1])
            exact = rows["confidence"] == EXACT
            figure.add_trace(go.Scatter(
                x=rows["x"], y=rows["value"], mode="markers", name=w.get(f"series_{series}", series),
                legendgroup=series, showlegend=series not in shown, hovertext=_hover(rows, lang), hoverinfo="text",
                marker={"size": 10 * font_scale, "color": colour, "line": {"width": 2, "color": colour},
                        "symbol": ["circle" if e else "circle-open" for e in exact]},
            ), row=row, col=1)
            shown.add(series)
        figure.update_yaxes(**count_axis(lang, float(panel["value"].max())), row=row, col=1)
    if year is not None:
        figure.add_vline(x=pd.Timestamp(year, 12, 31).timestamp() * 1000, line={"color": "#555", "dash": "dash",
                                                                                  "width": 1.5})
    for annotation in figure.layout.annotations:
        annotation.update(font={"size": 12 * font_scale}, x=0.0, xanchor="left")
    # Room at both ends, so the first date's tick never meets the zero of the panel's y axis.
    padding = pd.Timedelta(days=150)
    figure.update_xaxes(range=[points["x"].min() - padding, points["x"].max() + padding])
    gap = last_established(points, "list_entries") if figure_key == "list" else ""
    first, last = points["x"].min().year, points["x"].max().year
    _frame(figure, title=w[f"{figure_key}_title"].format(first=first, last=last), subtitle=w["series_subtitle"],
           footer=_footer(points, "national_series", sources, lang,
                          w["no_list_after"].format(as_of=gap) if gap else ""),
           height=150 + 150 * len(groups), font_scale=font_scale)
    return figure


def totals_figure(lists: pd.DataFrame, coverage: pd.DataFrame, sources: dict[str, dict], *, lang: str = "en",
                  font_scale: float = 1.0) -> go.Figure:
    """Distinct black- and redlists, provincial and national level side by side, each on its own axis."""
    w = _words(lang)
    levels = [lv for lv in ("provincial", "national") if (lists["level"] == lv).any()]
    figure = make_subplots(rows=1, cols=max(len(levels), 1), horizontal_spacing=0.12,
                           subplot_titles=[w[f"totals_{lv}"] for lv in levels] or [""])
    for col, level in enumerate(levels, start=1):
        rows = lists[lists["level"] == level]
        figure.add_trace(go.Bar(
            x=[w.get(f"list_{t}", t) for t in rows["list_type"]], y=rows["value"].astype(float),
            text=[f"{int(v):,}" for v in rows["value"]], textposition="outside", showlegend=False,
            marker={"color": ["#222222" if t == "blacklists" else "#D55E00" for t in rows["list_type"]]},
            hovertext=[f"<b>{escape_html(data_term(r.scope, lang))}</b><br>{int(r.value):,} {escape_html(data_term(r.unit, lang))}<br>"
                       f"{_as_of(r.as_of, lang)}<br>{r.source_id} ({data_term(r.confidence, lang)})"
                       for r in rows.itertuples()],
            hoverinfo="text",
        ), row=1, col=col)
        figure.update_yaxes(title={"text": w["totals_axis"]}, range=[0, float(rows["value"].max()) * 1.2],
                            row=1, col=col)
    notes = "<br>".join(escape_html(w["coverage_note"].format(value=r.value, unit=data_term(r.unit, lang), note=r.note))
                        for r in coverage.itertuples())
    _frame(figure, title=w["totals_title"], subtitle=w["totals_subtitle"],
           footer=_footer(pd.concat([lists, coverage]), "list_totals", sources, lang, notes), height=320,
           font_scale=font_scale)
    return figure


def fragments_figure(panels: list[tuple[str, str, pd.DataFrame]], unvalued: pd.DataFrame,
                     sources: dict[str, dict], *, lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One horizontal bar panel per measure and unit: fragments never share an axis."""
    w = _words(lang)
    name_column = "province_zh" if lang == "zh" else "province_en"
    titles = [f"{wrap(escape_html(data_term(m, lang)), 70)} [{escape_html(data_term(u, lang))}]" for m, u, _ in panels]
    figure = make_subplots(rows=max(len(panels), 1), cols=1, vertical_spacing=0.5 / max(len(panels), 1),
                           subplot_titles=titles or [""])
    for row, (_, unit, rows) in enumerate(panels, start=1):
        figure.add_trace(go.Bar(
            y=[f"{n} ({y})" for n, y in zip(rows[name_column], rows["year"], strict=True)],
            x=rows["value"].astype(float), orientation="h", text=rows["value_text"], textposition="auto",
            showlegend=False, marker={"color": ["#0072B2" if c == EXACT else "#a6a6a6" for c in rows["confidence"]]},
            hovertext=[f"<b>{escape_html(getattr(r, name_column))}</b>, {_as_of(r.as_of, lang)}: "
                       f"{escape_html(r.value_text)} [{escape_html(data_term(unit, lang))}]<br>"
                       f"{r.source_id} ({data_term(r.confidence, lang)})<br><i>{wrap(escape_html(r.note), 60)}</i>"
                       for r in rows.itertuples()], hoverinfo="text",
        ), row=row, col=1)
        if lang == "zh":  # Plotly's own ticks elsewhere: "~s" would write 0.5 per 10,000 as "500m"
            figure.update_xaxes(**count_axis(lang, float(rows["value"].max())), row=row, col=1)
    for annotation in figure.layout.annotations:
        annotation.update(font={"size": 11 * font_scale}, x=0.0, xanchor="left")
    frames = [rows for _, _, rows in panels] + [unvalued]
    _frame(figure, title=w["fragments_title"], subtitle=w["fragments_subtitle"].format(unvalued=len(unvalued)),
           footer=_footer(pd.concat(frames), "blacklisting_fragments", sources, lang),
           height=40 + 110 * len(panels), font_scale=font_scale, label_px=160)
    return figure


def national_figures(series: pd.DataFrame | None, totals: pd.DataFrame | None, fragments: pd.DataFrame | None,
                     sources: dict[str, dict], year: int | None, lang: str, font_scale: float) -> dict[str, tuple]:
    """Every national figure the tables allow, by key, as ``(figure, rows it draws)``.

    One call for the page to pass through ``data.once``: the subplot figures cost about a
    second to build, so they are built once per data version, year, language and scale.
    """
    built: dict = {}
    if series is not None:
        points = national_points(series)
        for key in FIGURES:
            drawn = figure_points(points, key)
            if len(drawn):
                built[f"national_{key}"] = (series_figure(drawn, key, sources, year=year, lang=lang,
                                                          font_scale=font_scale), drawn)
    if totals is not None:
        lists, coverage = list_totals_table(totals)
        built["list_totals"] = (totals_figure(lists, coverage, sources, lang=lang, font_scale=font_scale), totals)
    if fragments is not None:
        panels, unvalued = fragment_panels(fragments)
        built["fragments"] = (fragments_figure(panels, unvalued, sources, lang=lang, font_scale=font_scale), fragments)
    return built
