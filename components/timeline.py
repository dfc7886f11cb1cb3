"""Timeline page logic: pure functions from the processed tables to figures and sentences.

Three tables share one time axis: ``national_documents``, ``regulations_provincial`` and,
when present, ``seed_timeline``. Partial dates (``2021`` or ``2021-10``) are placed at the
start of their period and drawn with an open marker; the hover says so. Nothing here reads
files or calls Streamlit.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data import as_text
from components.fragmentation import cumulative_adoption
from components.indicators import IndicatorView, indicator_view, source_line, split_source_ids
from components.maps import BORDER_COLOUR, FONT, LABELS, province_map

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. The lanes
# are also apart in space, so colour is never the only cue.
LANE_COLOURS = {"national": "#0072B2", "provincial": "#D55E00", "events": "#009E73"}
LANE_LABELS = {
    "national": ("National documents", "国家层面文件"),
    "provincial": ("Provincial regulations", "省级法规"),
    "events": ("Milestones (seed timeline)", "大事记"),
}
LANE_DATASETS = {"national": "national_documents", "provincial": "regulations_provincial", "events": "seed_timeline"}
CURVE_COLOUR = "#0072B2"
MARKER_COLOUR = "#444444"
ASSUMED_PLOT_PX = 760  # plot width used to estimate how much axis room a text label needs

PRECISION_TEXT = {
    "day": "",
    "month": "month only; placed at the start of the month",
    "year": "year only; placed at the start of the year",
    "decade": "decade only; placed at the start of the decade",
}


@dataclass(frozen=True)
class PartialDate:
    """A partial ISO date placed at the start of its period."""

    start: pd.Timestamp
    precision: str  # day, month, year or decade
    text: str  # the date as the source gives it


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"(\d{3}0)s\b")


def parse_partial_date(text: object) -> PartialDate | None:
    """``2021-10-29``, ``2021-10``, ``2021`` or a decade such as ``The 1990s``; else None."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    value = str(text).strip()
    if match := _DAY.match(value):
        year, month, day = (int(g) for g in match.groups())
        return PartialDate(pd.Timestamp(year, month, day), "day", value)
    if match := _MONTH.match(value):
        return PartialDate(pd.Timestamp(int(match[1]), int(match[2]), 1), "month", value)
    if match := _YEAR.match(value):
        return PartialDate(pd.Timestamp(int(match[1]), 1, 1), "year", value)
    if match := _DECADE.search(value):
        return PartialDate(pd.Timestamp(int(match[1]), 1, 1), "decade", value)
    return None


def bilingual(en: str, zh: str, lang: str = "en", sep: str = " · ") -> str:
    """English and Chinese side by side; Chinese first when ``lang == "zh"``."""
    parts = [zh, en] if lang == "zh" else [en, zh]
    return sep.join(p for p in parts if p)




def _wrap(text: str, width: int = 80) -> str:
    return "<br>".join(textwrap.wrap(text, width)) if text else ""


def wrap_footer(text: str, width: int = 135) -> str:
    """Wrap each ``<br>``-separated line of a figure footer so it fits inside the image."""
    return "<br>".join(_wrap(line, width) or line for line in text.split("<br>"))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source(source_id: str, confidence: str, note: str = "") -> str:
    covers = f" ({note})" if note else ""
    return f"Source: {source_id} · confidence: {confidence}{covers}"


EVENT_COLUMNS = ["lane", "x", "precision", "date_text", "label", "hover", "title_en", "title_zh",
                 "detail", "source_id", "confidence"]


def national_events(documents: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per national document that has a date (or at least a year)."""
    rows = []
    for doc in documents.to_dict("records"):
        date = parse_partial_date(doc.get("date")) or parse_partial_date(as_text(doc.get("year")))
        if date is None:
            continue
        title_en, title_zh = as_text(doc.get("title_en")), as_text(doc.get("title_zh"))
        doc_no = as_text(doc.get("doc_no"))
        when = date.text + (f" ({PRECISION_TEXT[date.precision]})" if PRECISION_TEXT[date.precision] else "")
        hover = [
            f"<b>{_wrap(title_zh, 40)}</b>" if lang == "zh" else f"<b>{_wrap(title_en)}</b>",
            _wrap(title_en) if lang == "zh" else _wrap(title_zh, 40),
            f"Document no.: {doc_no or 'none verified'}",
            f"Issued by: {_wrap(as_text(doc.get('issuer')))}",
            f"Date: {when}",
            _wrap(as_text(doc.get("date_note"))),
            _source(as_text(doc.get("source_id")), as_text(doc.get("confidence"))),
        ]
        rows.append({
            "lane": "national", "x": date.start, "precision": date.precision, "date_text": date.text,
            "label": _short(title_zh, 10) if lang == "zh" else _short(title_en, 24),
            "hover": "<br>".join(h for h in hover if h), "title_en": title_en, "title_zh": title_zh,
            "detail": " · ".join(p for p in (doc_no, as_text(doc.get("issuer"))) if p),
            "source_id": as_text(doc.get("source_id")), "confidence": as_text(doc.get("confidence")),
        })
    return _events_frame(rows)


def regulation_events(regulations: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per provincial regulation with an adoption date or, failing that, a year.

    A regulation dated only by a publication (or adoption) year sits at 1 January of that
    year and its hover says which kind of year it is. Rows without any date (drafts, none
    found) are left out; :func:`unplaced_regulations` names them.
    """
    rows = []
    for reg in regulations.to_dict("records"):
        date = parse_partial_date(reg.get("adopted"))
        basis = as_text(reg.get("year_basis"))
        year = as_text(reg.get("year"))
        dated_by = ""
        if date is None and year:
            date = parse_partial_date(year)
            dated_by = (f"Dated only by publication year {year}; adoption date not established"
                        if basis == "publication" else f"Dated only by {basis or 'adoption'} year {year}")
        if date is None:
            continue
        province = bilingual(as_text(reg.get("province_en")), as_text(reg.get("province_zh")), lang, " ")
        title_en, title_zh = as_text(reg.get("title_en")), as_text(reg.get("title_zh"))
        adopted = as_text(reg.get("adopted")) or "not established"
        if as_text(reg.get("adopted")) and date.precision != "day":
            adopted += f" ({PRECISION_TEXT[date.precision]})"
        effective = as_text(reg.get("effective")) or "not established"
        hover = [
            f"<b>{province}</b>",
            bilingual(title_en, title_zh, lang, "<br>"),
            f"Adopted by: {_wrap(as_text(reg.get('body'))) or 'not established'}",
            f"Adopted: {adopted} · effective: {effective}",
            dated_by,
            _source(as_text(reg.get("source_id")), as_text(reg.get("confidence")), as_text(reg.get("confidence_note"))),
            f"<i>{_wrap(as_text(reg.get('note')))}</i>" if as_text(reg.get("note")) else "",
        ]
        rows.append({
            "lane": "provincial", "x": date.start, "precision": date.precision,
            "date_text": as_text(reg.get("adopted")) or f"{year} ({basis} year)",
            "label": as_text(reg.get("province_zh")) if lang == "zh" else as_text(reg.get("province_en")),
            "hover": "<br>".join(h for h in hover if h), "title_en": title_en, "title_zh": title_zh,
            "detail": as_text(reg.get("body")), "source_id": as_text(reg.get("source_id")),
            "confidence": as_text(reg.get("confidence")),
        })
    return _events_frame(rows)


def seed_events(seed: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per milestone of the seed timeline (years or decades, so all partial)."""
    rows = []
    for event in seed.to_dict("records"):
        date = parse_partial_date(as_text(event.get("year"))) or parse_partial_date(event.get("year_label"))
        if date is None:
            continue
        text = as_text(event.get("event"))
        when = as_text(event.get("year_label")) or date.text
        hover = [
            f"<b>{_wrap(text)}</b>",
            f"When: {when} ({PRECISION_TEXT[date.precision]})",
            _source(as_text(event.get("source_id")), as_text(event.get("confidence"))),
            f"<i>{_wrap(as_text(event.get('note')))}</i>" if as_text(event.get("note")) else "",
        ]
        rows.append({
            "lane": "events", "x": date.start, "precision": date.precision, "date_text": when,
            "label": _short(text, 24), "hover": "<br>".join(h for h in hover if h), "title_en": text,
            "title_zh": "", "detail": "", "source_id": as_text(event.get("source_id")),
            "confidence": as_text(event.get("confidence")),
        })
    return _events_frame(rows)


def _events_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["x"] = pd.to_datetime(frame["x"])
    return frame.sort_values("x", kind="stable").reset_index(drop=True)


def unplaced_regulations(regulations: pd.DataFrame, lang: str = "en") -> dict[str, list[str]]:
    """Provinces without an adopted regulation, by status, e.g. ``{"draft only": ["Beijing"]}``."""
    groups: dict[str, list[str]] = {}
    rows = regulations[regulations["status"].fillna("") != "adopted"]
    for reg in rows.to_dict("records"):
        name = as_text(reg.get("province_zh")) if lang == "zh" else as_text(reg.get("province_en"))
        groups.setdefault(as_text(reg.get("status")) or "status not given", []).append(name)
    return groups


def unplaced_sentence(groups: dict[str, list[str]], regulations: pd.DataFrame | None = None) -> str:
    """E.g. 'draft only: Beijing; none found (absence of evidence only): Anhui, Fujian'."""
    parts = []
    for status, names in groups.items():
        qualifier = ""
        if regulations is not None and "confidence_note" in regulations:
            notes = regulations.loc[regulations["status"] == status, "confidence_note"].dropna().unique()
            if len(notes) == 1 and status.split(" ")[0] not in str(notes[0]):
                qualifier = f" ({notes[0]})"
        parts.append(f"{status}{qualifier}: {', '.join(names)}")
    return "; ".join(parts)


def publication_year_provinces(regulations: pd.DataFrame, lang: str = "en") -> list[str]:
    """Provinces whose regulation is placed by publication year, not adoption date."""
    rows = regulations[(regulations["year_basis"].fillna("") == "publication")
                       & (regulations["status"] == "adopted")]
    return rows["province_zh" if lang == "zh" else "province_en"].fillna("").tolist()


def stack_rows(starts: list[float], ends: list[float], gap: float = 0.0) -> list[int]:
    """Greedy interval packing: the lowest row whose previous item ends before this one starts.

    Items are taken in the order given (sort them by start first).
    """
    row_ends: list[float] = []
    rows = []
    for start, end in zip(starts, ends, strict=True):
        for index, last in enumerate(row_ends):
            if last + gap < start:
                row_ends[index] = end
                rows.append(index)
                break
        else:
            row_ends.append(end)
            rows.append(len(row_ends) - 1)
    return rows


def year_ticks(first: int, last: int, max_ticks: int = 20) -> list[int]:
    """Year tick positions: every year, or every 2, 5 or 10 years on long axes (round years)."""
    for step in (1, 2, 5, 10):
        if (last - first) / step <= max_ticks:
            break
    start = first - first % step
    return [y for y in range(start, last + 1, step) if y >= first - step]


def label_px(text: str, size: float) -> float:
    """Rough rendered width of a label: CJK glyphs are about square, Latin ones about 0.58 wide."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return wide * size + (len(text) - wide) * size * 0.6


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
    footer = wrap_footer(footer, int(135 / font_scale))
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


def confidence_summary(events: pd.DataFrame) -> str:
    """E.g. 'exact from source (16), secondary (20)'."""
    counts = events["confidence"].replace("", pd.NA).dropna().value_counts()
    return ", ".join(f"{label} ({int(n)})" for label, n in counts.items()) or "—"


def adoption_years(indicators: pd.DataFrame, name: str = "regulation_adoption_year") -> pd.Series:
    """Adoption year per province (adcode index); missing where none is established."""
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    return pd.Series(rows["value"].astype("Float64").to_numpy(), index=rows["adcode"].to_numpy(), name=name)


def year_options(years: pd.Series) -> list[int]:
    """Every calendar year from the first to the last known adoption year."""
    known = years.dropna()
    if known.empty:
        return []
    return list(range(int(known.min()), int(known.max()) + 1))


def adopted_by(years: pd.Series, year: int) -> int:
    """Provinces whose adoption year is ``year`` or earlier."""
    known = years.dropna().astype(float)
    return int((known <= year).sum())


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
    footer = wrap_footer(footer, int(135 / font_scale))
    options = year_options(years)
    figure = go.Figure()
    if options:
        curve = cumulative_adoption(years, options[0], options[-1])
        known = years.dropna().astype(int)
        hover = []
        for row in curve.itertuples():
            new = [str(names.get(code, code)) for code in known[known == row.year].index]
            hover.append(f"<b>End of {row.year}: {row.adopted} of {total} provinces</b><br>"
                         + (f"New in {row.year}: {_wrap(', '.join(new), 60)}" if new else f"None new in {row.year}"))
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
    subtitle = wrap_footer(f"{other}<br>{subtitle}", int(115 / font_scale))
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
    footer = wrap_footer(
        f"{source_line(source_ids, sources)} (full list: Sources & data page, dataset {meta['name']})"
        f"<br>Confidence: {', '.join(confidences) or '—'}. {view.coverage} {extra_footer}".rstrip(),
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
