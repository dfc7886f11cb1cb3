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
    FIGURE_PX,
    LINE_EM,
    MISSING_COLOUR,
    SEQUENTIAL,
    lines,
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
HEADER_COLUMNS = 34  # wrap width of a column header, widened where a header would take more than two lines
CELL_PAD_PX = 5  # white space kept around a cell's text
BAR_PX = 160  # length of the horizontal colour bar
DENDROGRAM_SHARE = 0.15  # of the plot's width, for the similarity tree
BAR_ROOM = 34  # room under the matrix for the colour bar (unscaled px)
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


def _header(label: str) -> str:
    """A column header wrapped to two lines at most: at 60° a third line would meet its neighbour's."""
    columns = HEADER_COLUMNS
    while len(wrap(label, columns).split("<br>")) > 2:
        columns += 2
    return wrap(label, columns)


def _column_px(columns: list[Instrument], order: list[str], w: dict[str, str], base: float) -> list[float]:
    """Width each column needs in a 720-px figure: its widest cell text, and no less than two header
    lines tilted at 60° need, so that texts fit their cells and neighbouring headers stay apart."""
    header_px = 2 * base * 0.72 * LINE_EM / math.sin(math.radians(HEADER_ANGLE)) + 4
    widths = []
    for column in columns:
        values = column.values.reindex(order)
        texts = [(cell_text(v, column.value_type), 0.78) for v in values.dropna()]
        if values.isna().any():
            texts.append((missing_cell(column, w), 0.72))
        widths.append(max([header_px] + [display_width(t) * EM_PER_COLUMN * base * size + 2 * CELL_PAD_PX
                                         for t, size in texts]))
    return widths


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
    # Each column as wide as its widest text needs: one wide number no longer sets every column's width.
    widths = _column_px(columns, order, w, base)
    edges = [sum(widths[:i]) for i in range(len(widths) + 1)]
    centres = [(a + b) / 2 for a, b in zip(edges, edges[1:], strict=False)]
    for i, column in enumerate(columns):
        _column_traces(figure, (centres[i], widths[i]), column, order, heads, w, lang, base, position)
    labels = [names[c] for c in order]
    figure.update_yaxes(tickvals=list(range(len(order))), ticktext=labels, autorange="reversed", showgrid=False,
                        zeroline=False, **position)
    # Headers stand at 60°: level, thirteen of them cannot share the width of a slide or a phone.
    headers = [_header(column_labels(c, w, lang)[0]) for c in columns]
    figure.update_xaxes(tickvals=centres, ticktext=headers, side="top", showgrid=False,
                        zeroline=False, tickangle=-HEADER_ANGLE, tickfont={"size": base * 0.72},
                        range=[0, edges[-1]], **position)
    shapes, annotations = (_region_bands(order, region, edges[-1], base, lang) if sort == "region"
                           else ([], []))
    if dendro is not None:
        _dendrogram(figure, dendro)
    subtitle = w["subtitle"].format(n=len(order), sort=w.get(f"sort_{sort}", sort))
    left = 10 + max(display_width(name) for name in labels) * EM_PER_COLUMN * base * 0.9
    plot_px = 24 * len(order) * font_scale
    _layout(figure, title=w["title"], subtitle=subtitle,
            footer=_matrix_footer(columns, len(order), sources, lang, w),
            plot_px=plot_px, font_scale=font_scale, below=8 + BAR_ROOM, left=left,
            right=_right_px(headers[-1], widths, left, base, dendro is not None, annotations) / font_scale,
            above=_header_px(headers, base * 0.72) / font_scale)
    figure.update_layout(shapes=shapes, showlegend=False,
                         annotations=list(figure.layout.annotations) + annotations
                         + _colour_bar(figure, w, base, plot_px))
    return figure


def _right_px(last_header: str, widths: list[float], left: float, base: float, tree: bool,
              bands: list[dict]) -> float:
    """Right margin of a 720-px figure: room for the region names, and for the last tilted header
    where it overhangs the last column (over the similarity tree, when there is one)."""
    long_px = max(display_width(p) for p in last_header.split("<br>")) * EM_PER_COLUMN * base * 0.72
    deep_px = lines(last_header) * base * 0.72 * LINE_EM
    radians = math.radians(HEADER_ANGLE)
    names_px = max((display_width(re.sub(r"<[^>]+>", "", part)) * EM_PER_COLUMN * base * 0.85
                    for band in bands for part in band["text"].split("<br>")), default=0)
    right = 20.0
    for _ in range(3):  # the margin narrows the columns, which lengthens the overhang: settle it
        plot_px = FIGURE_PX - left - right
        scale = plot_px * (1 - DENDROGRAM_SHARE if tree else 1) / sum(widths)
        overhang = long_px * math.cos(radians) + deep_px * math.sin(radians) / 2 - widths[-1] * scale / 2
        right = max(20.0, names_px + 10, overhang + 4 - (plot_px * DENDROGRAM_SHARE if tree else 0))
    return right


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


def _column_traces(figure: go.Figure, place: tuple[float, float], column: Instrument, order: list[str], heads: list[str],
                   w: dict[str, str], lang: str, base: float, position: dict) -> None:
    """One column (``place``: its centre and width): its cells with a value on the shared colour
    scale, its missing cells grey."""
    text, data, gap_text, gap_data = _column_cells(column, order, heads, w, lang)
    title = "<br>" + column_labels(column, w, lang)[1] + "<br>"
    qualifier = w["at_least"] if column.qualifier == "at least" else data_term(column.qualifier, lang)
    unit = data_term(column.unit, lang) if column.value_type != "year" else ""
    value = (f"{qualifier} " if qualifier else "", f" {unit}" if unit else "")
    scaled = scale_column(column.values, column.invert).reindex(order).round(4).tolist()
    common = {"x0": place[0], "dx": place[1], "y0": 0, "dy": 1, "xgap": 2, "ygap": 2, "hoverongaps": False, "showlegend": False,
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


def _colour_bar(figure: go.Figure, w: dict[str, str], base: float, plot_px: float) -> list[dict]:
    """The one colour scale every column's values share, as a short bar under the matrix between
    its words for lowest and highest (the bar at the right took width the columns need); grey
    for missing. Returns the two words as annotations."""
    y = -BAR_ROOM / 2 * base / 13 / plot_px
    figure.update_layout(
        coloraxis={"cmin": 0, "cmax": 1,
                   "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                   "colorbar": {"orientation": "h", "thickness": 12, "lenmode": "pixels", "len": BAR_PX,
                                "showticklabels": False, "ticks": "", "xref": "paper", "x": 0.0, "xanchor": "left",
                                "yref": "paper", "y": y, "yanchor": "middle", "xpad": 0, "ypad": 0,
                                "outlinewidth": 0}},
        coloraxis2={"cmin": 0, "cmax": 1, "colorscale": [[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                    "showscale": False})
    font = {"size": base * 0.8}
    return [{"text": w["lowest"].replace("<br>", " "), "xref": "paper", "yref": "paper", "x": 0.0, "y": y,
             "xanchor": "right", "yanchor": "middle", "xshift": -4, "showarrow": False, "font": font, "name": "lowest"},
            {"text": w["highest"].replace("<br>", " "), "xref": "paper", "yref": "paper", "x": 0.0, "y": y,
             "xanchor": "left", "yanchor": "middle", "xshift": BAR_PX + 4, "showarrow": False, "font": font, "name": "highest"}]


def _matrix_canvas(dendro: dict | None) -> tuple[go.Figure, dict]:
    """A plain figure, or two panels sharing rows when a dendrogram goes on the right."""
    if dendro is None:
        return go.Figure(), {}
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[1 - DENDROGRAM_SHARE, DENDROGRAM_SHARE],
                           horizontal_spacing=0.005)
    return figure, {"row": 1, "col": 1}


def _region_bands(order: list[str], region: pd.Series, right: float, base: float,
                  lang: str = "en") -> tuple[list[dict], list[dict]]:
    """A rule between NBS regions and each region's name beside its rows."""
    shapes, annotations = [], []
    for label, first, last in _group_runs(order, region):
        if first > 0:
            shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": 0, "x1": right,
                           "y0": first - 0.5, "y1": first - 0.5, "line": {"color": "#000000", "width": 2}})
        name = f"<b>{REGION_ZH.get(label, label)}</b>" if lang == "zh" else f"<b>{label}</b><br>{REGION_ZH.get(label, '')}"
        # Against the axis's domain: an annotation placed in data units beyond the range is not drawn.
        annotations.append({"text": name, "x": 1.0, "xshift": 4,
                            "y": (first + last) / 2, "xref": "x domain", "yref": "y", "showarrow": False,
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
