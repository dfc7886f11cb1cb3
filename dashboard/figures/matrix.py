"""The province × instrument matrix figure of the Fragmentation page, with its dendrogram."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.fragmentation import province_names
from dashboard.domain.indicators import source_line
from dashboard.domain.instruments import (
    Instrument,
    _group_runs,
    cell_text,
    column_labels,
    dendrogram_lines,
    matrix_words,
    missing_cell,
    regions,
    scale_column,
)
from dashboard.figures.fragmentation_frame import _layout
from dashboard.figures.style import (
    DENDROGRAM_COLOUR,
    EM_PER_COLUMN,
    LINE_EM,
    MISSING_COLOUR,
    SEQUENTIAL,
)
from dashboard.text import (
    NONE_ESTABLISHED_TEXT,
    REGION_ZH,
    as_text,
    data_term,
    display_width,
    format_value,
    region_name,
    wrap,
)

HEADER_ANGLE = 60  # degrees above the horizontal
HEADER_COLUMNS = 34  # wrap width of a column header: two lines for the longest
FEW = 3  # a hover field with at most this many values in a column gets a trace per value
# The notes dashboard.domain.instruments writes for demonstration batches, read back for Chinese.
NO_AREA = re.compile(r"no area of batch (?P<batch>\d+) in its published list")
KNOWN = re.compile(r"(?P<n>\d+) of (?P<total>\d+|an unknown number) members of batch (?P<batch>\d+) known")


def _header_px(headers: list[str], font_px: float) -> float:
    """Height the tilted column headers take above the cells."""
    radians = math.radians(HEADER_ANGLE)
    tallest = 0.0
    for header in headers:
        parts = header.split("<br>")
        long_px = max(display_width(p) for p in parts) * EM_PER_COLUMN * font_px
        deep_px = len(parts) * font_px * LINE_EM
        tallest = max(tallest, long_px * math.sin(radians) + deep_px * math.cos(radians))
    return tallest + 12


def matrix_figure(columns: list[Instrument], provinces: pd.DataFrame, order: list[str],
                  dendro: dict | None, sources: dict[str, dict], *, sort: str = "region",
                  lang: str = "en", font_scale: float = 1.0, catalogue: pd.DataFrame | None = None) -> go.Figure:
    """Heatmap of provinces × instruments, each column scaled 0–1 for colour.

    Cells show the real values; hover adds unit, note and source. Missing cells are a
    separate grey trace labelled ``n/r`` (or ``none est.``) and are not on the colour scale.
    With a dendrogram (similarity sort), it is drawn to the right of the rows. Each column is
    a pair of traces whose hover template holds what the column's cells share (title, unit,
    source), so that a cell sends only what is its own. ``catalogue`` (``name``, ``title_zh``)
    gives the Chinese titles of the catalogue's indicator columns.
    """
    w = matrix_words(lang, catalogue)
    names = province_names(provinces, lang)
    region = regions(provinces)
    heads = [f"{names[code]} · {region_name(region.get(code, ''), lang)}" for code in order]
    figure, position = _matrix_canvas(dendro)
    base = 13 * font_scale
    for i, column in enumerate(columns):
        _column_traces(figure, i, column, order, heads, w, lang, base, position)
    _colour_axes(figure, w, base)
    labels = [names[c] for c in order]
    figure.update_yaxes(tickvals=list(range(len(order))), ticktext=labels, autorange="reversed", showgrid=False,
                        zeroline=False, **position)
    # Headers stand at 60°: level, thirteen of them cannot share the width of a slide or a phone.
    headers = [wrap(column_labels(c, w, lang)[0], HEADER_COLUMNS) for c in columns]
    figure.update_xaxes(tickvals=list(range(len(columns))), ticktext=headers, side="top", showgrid=False,
                        zeroline=False, tickangle=-HEADER_ANGLE, tickfont={"size": base * 0.72},
                        range=[-0.5, len(columns) - 0.5], **position)
    shapes, annotations = (_region_bands(order, region, len(columns), base, lang) if sort == "region"
                           else ([], []))
    if dendro is not None:
        _dendrogram(figure, dendro)
    subtitle = w["subtitle"].format(n=len(order), sort=w.get(f"sort_{sort}", sort))
    _layout(figure, title=w["title"], subtitle=subtitle,
            footer=_matrix_footer(columns, len(order), sources, lang, w),
            plot_px=24 * len(order) * font_scale, font_scale=font_scale, below=8,
            left=10 + max(display_width(name) for name in labels) * EM_PER_COLUMN * base * 0.9,
            right=150 if sort == "region" else 90, above=_header_px(headers, base * 0.72) / font_scale)
    figure.update_layout(shapes=shapes, showlegend=False,
                         annotations=list(figure.layout.annotations) + annotations)
    return figure


def _note(note: str, w: dict[str, str], lang: str) -> str:
    """A cell's note in ``lang``: the batch notes the matrix makes, or a data term."""
    if lang != "zh" or not note:
        return note
    known = KNOWN.search(note)
    known_text = (w["note_known"].format(n=known["n"], total=known["total"].replace("an unknown number", "?"),
                                         batch=known["batch"]) if known else "")
    if (no_area := NO_AREA.fullmatch(note)):
        return w["note_no_area"].format(batch=no_area["batch"])
    if note.startswith("member list not established") and known:
        return w["note_not_established"].format(known=known_text)
    if known and note == known.group(0):
        return known_text
    return data_term(note, lang)


def _column_cells(column: Instrument, order: list[str], heads: list[str], w: dict[str, str],
                  lang: str) -> tuple[list, list, list, list]:
    """Per row: the value cell's text and hover fields, and the missing cell's text and hover fields
    (head, value or reason, note, source; ``None`` where the other trace has the cell)."""
    values = column.values.reindex(order).tolist()
    notes = [_note(as_text(column.notes.get(code, "")), w, lang) for code in order]
    cell_sources = [as_text(column.sources.get(code, "")).replace(";", ", ") for code in order]
    missing_text = missing_cell(column, w)
    reason = w["reason_none_established" if column.missing_text == NONE_ESTABLISHED_TEXT else "reason_not_reported"]
    text, data, gap_text, gap_data = [], [], [], []
    for value, note, source, head in zip(values, notes, cell_sources, heads, strict=True):
        tail = "<br>" + w["source"].format(sources=source) if source else ""
        if pd.isna(value):
            text.append("")
            data.append(None)
            gap_text.append(missing_text)
            gap_data.append([head, w["no_value"].format(reason=note or reason), "", tail])
        else:
            text.append(cell_text(value, column.value_type))
            data.append([head, format_value(float(value), column.value_type), f"<br><i>{note}</i>" if note else "",
                         tail])
            gap_text.append("")
            gap_data.append(None)
    return text, data, gap_text, gap_data


def _hover(rows: list[list[str] | None], parts: list[tuple[str, str]]) -> tuple[list, str]:
    """Per-cell hover data and the trace's template: a field every shown cell shares goes into the
    template once, a field that varies stays in the cells (``parts``: text before and after each field)."""
    shown = [r for r in rows if r is not None]
    template, keep = "", []
    for k, (before, after) in enumerate(parts):
        distinct = {r[k] for r in shown}
        if len(distinct) > 1:
            template += f"{before}%{{customdata[{len(keep)}]}}{after}"
            keep.append(k)
        elif distinct and (only := distinct.pop()):
            template += before + only + after
    return [[None if r is None else [r[k] for k in keep]] for r in rows], template + "<extra></extra>"


def _groups(rows: list[list[str] | None]) -> list[list[list[str] | None]]:
    """``rows`` split by the hover fields that take only a few values (at most ``FEW``), so that
    each part's trace holds them once in its template; a field that varies more stays in the cells."""
    shown = [r for r in rows if r is not None]
    few = [k for k in range(1, len(shown[0]) if shown else 0) if 1 < len({r[k] for r in shown}) <= FEW]
    keys = list(dict.fromkeys(tuple(r[k] for k in few) for r in shown))
    return [[r if r is not None and tuple(r[k] for k in few) == key else None for r in rows] for key in keys]


def _column_traces(figure: go.Figure, i: int, column: Instrument, order: list[str], heads: list[str],
                   w: dict[str, str], lang: str, base: float, position: dict) -> None:
    """One column: its cells with a value on the shared colour scale, its missing cells grey."""
    text, data, gap_text, gap_data = _column_cells(column, order, heads, w, lang)
    title = "<br>" + column_labels(column, w, lang)[1] + "<br>"
    qualifier = w["at_least"] if column.qualifier == "at least" else data_term(column.qualifier, lang)
    unit = data_term(column.unit, lang) if column.value_type != "year" else ""
    value = (f"{qualifier} " if qualifier else "", f" {unit}" if unit else "")
    scaled = scale_column(column.values, column.invert).reindex(order).round(4).tolist()
    common = {"x0": i, "y0": 0, "dy": 1, "xgap": 2, "ygap": 2, "hoverongaps": False, "showlegend": False,
              "texttemplate": "%{text}"}
    value_title = title
    if all(d is None or d[1] == t for d, t in zip(data, text, strict=True)):
        # The hover's value is the cell's own text: sent once, as the text.
        value_title, value = title + value[0] + "%{text}" + value[1], ("", "")
        data = [d if d is None else [d[0], "", *d[2:]] for d in data]
    for part in _groups(data):
        customdata, template = _hover(part, [("<b>", "</b>" + value_title), value, ("", ""), ("", "")])
        figure.add_trace(go.Heatmap(
            z=[[v if r is not None else None] for v, r in zip(scaled, part, strict=True)],
            text=[[t if r is not None else ""] for t, r in zip(text, part, strict=True)], customdata=customdata,
            coloraxis="coloraxis", textfont={"size": base * 0.78}, name="values", hovertemplate=template,
            **common), **position)
    for part in _groups(gap_data):
        customdata, template = _hover(part, [("<b>", "</b>" + title), ("", ""), ("", ""), ("", "")])
        figure.add_trace(go.Heatmap(
            z=[[1 if r is not None else None] for r in part],
            text=[[t if r is not None else ""] for t, r in zip(gap_text, part, strict=True)], customdata=customdata,
            coloraxis="coloraxis2", textfont={"size": base * 0.72, "color": "#333333"}, name="missing",
            hovertemplate=template, **common), **position)


def _colour_axes(figure: go.Figure, w: dict[str, str], base: float) -> None:
    """The one colour scale every column's values share, with a lowest/highest bar; grey for missing."""
    figure.update_layout(
        coloraxis={"cmin": 0, "cmax": 1,
                   "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                   "colorbar": {"thickness": 12, "len": 0.5, "tickvals": [0, 1],
                                "ticktext": [w["lowest"], w["highest"]], "tickfont": {"size": base * 0.8},
                                "xref": "container", "x": 1.0, "xanchor": "right", "y": 0.5}},
        coloraxis2={"cmin": 0, "cmax": 1, "colorscale": [[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                    "showscale": False})


def _matrix_canvas(dendro: dict | None) -> tuple[go.Figure, dict]:
    """A plain figure, or two panels sharing rows when a dendrogram goes on the right."""
    if dendro is None:
        return go.Figure(), {}
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.85, 0.15], horizontal_spacing=0.005)
    return figure, {"row": 1, "col": 1}


def _region_bands(order: list[str], region: pd.Series, n_cols: int, base: float,
                  lang: str = "en") -> tuple[list[dict], list[dict]]:
    """A rule between NBS regions and each region's name beside its rows."""
    shapes, annotations = [], []
    for label, first, last in _group_runs(order, region):
        if first > 0:
            shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": -0.5, "x1": n_cols - 0.5,
                           "y0": first - 0.5, "y1": first - 0.5, "line": {"color": "#000000", "width": 2}})
        name = f"<b>{REGION_ZH.get(label, label)}</b>" if lang == "zh" else f"<b>{label}</b><br>{REGION_ZH.get(label, '')}"
        annotations.append({"text": name, "x": n_cols - 0.45,
                            "y": (first + last) / 2, "xref": "x", "yref": "y", "showarrow": False,
                            "xanchor": "left", "align": "left", "font": {"size": base * 0.85}})
    return shapes, annotations


def _dendrogram(figure: go.Figure, dendro: dict) -> None:
    """The similarity tree in the right-hand panel, its leaves on the rows."""
    xs, ys = dendrogram_lines(dendro)
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": DENDROGRAM_COLOUR, "width": 1.2},
                                hoverinfo="skip", showlegend=False, name="dendrogram"), row=1, col=2)
    figure.update_xaxes(showgrid=False, zeroline=False, showticklabels=False, row=1, col=2)
    figure.update_yaxes(showgrid=False, row=1, col=2)


def _matrix_footer(columns: list[Instrument], n_rows: int, sources: dict[str, dict], lang: str,
                   w: dict[str, str]) -> str:
    """What grey and 0 mean, which columns have few provinces, and the sources (``w``: the figure's words)."""
    coverage = w["coverage_sep"].join(
        w["coverage_item"].format(label=wrap(column_labels(c, w, lang)[0], 200), n=int(c.values.notna().sum()), total=n_rows)
        for c in columns if c.values.notna().sum() < n_rows)
    all_ids = list(dict.fromkeys(s for c in columns for s in c.member_sources))
    return w["footer"].format(not_reported=w["cell_not_reported"], none_established=w["cell_none_established"],
                              not_known=w["cell_not_known"], coverage=coverage or w["coverage_none"],
                              sources=source_line(all_ids, sources, lang=lang))
