"""The province × instrument matrix figure of the Fragmentation page, with its dendrogram."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.fragmentation import province_names
from dashboard.domain.indicators import source_line
from dashboard.domain.instruments import (
    Instrument,
    _group_runs,
    cell_text,
    dendrogram_lines,
    regions,
    scale_column,
)
from dashboard.figures.fragmentation import _layout
from dashboard.figures.style import (
    DENDROGRAM_COLOUR,
    EM_PER_COLUMN,
    LINE_EM,
    MISSING_COLOUR,
    SEQUENTIAL,
)
from dashboard.text import (
    NONE_ESTABLISHED_TEXT,
    NOT_KNOWN_TEXT,
    NOT_REPORTED_TEXT,
    REGION_ZH,
    SORT_PHRASES,
    as_text,
    display_width,
    format_value,
    wrap,
)

HEADER_ANGLE = 60  # degrees above the horizontal
HEADER_COLUMNS = 34  # wrap width of a column header: two lines for the longest


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
                  lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Heatmap of provinces × instruments, each column scaled 0–1 for colour.

    Cells show the real values; hover adds unit, note and source. Missing cells are a
    separate grey trace labelled ``n/r`` (or ``none est.``) and are not on the colour scale.
    With a dendrogram (similarity sort), it is drawn to the right of the rows.
    """
    names = province_names(provinces, lang)
    region = regions(provinces)
    cells = _cells(columns, order, names, region)
    figure, position = _matrix_canvas(dendro)
    base = 13 * font_scale
    _value_cells(figure, columns, order, cells, base, position)
    _missing_cells(figure, len(columns), order, cells, base, position)
    labels = [names[c] for c in order]
    figure.update_yaxes(tickvals=list(range(len(order))), ticktext=labels, autorange="reversed", showgrid=False,
                        zeroline=False, **position)
    # Headers stand at 60°: level, thirteen of them cannot share the width of a slide or a phone.
    headers = [wrap(c.label, HEADER_COLUMNS) for c in columns]
    figure.update_xaxes(tickvals=list(range(len(columns))), ticktext=headers, side="top", showgrid=False,
                        zeroline=False, tickangle=-HEADER_ANGLE, tickfont={"size": base * 0.72}, **position)
    shapes, annotations = _region_bands(order, region, len(columns), base) if sort == "region" else ([], [])
    if dendro is not None:
        _dendrogram(figure, dendro)
    subtitle = (f"Rows: the {len(order)} mainland provinces, {SORT_PHRASES.get(sort, sort)}. "
                "Colour: each column scaled 0–1 (own regulation: earliest = darkest); cells show real values.")
    _layout(figure, title="Which instruments each province uses", subtitle=subtitle,
            footer=_matrix_footer(columns, len(order), sources),
            plot_px=24 * len(order) * font_scale, font_scale=font_scale, below=8,
            left=10 + max(display_width(name) for name in labels) * EM_PER_COLUMN * base * 0.9,
            right=150 if sort == "region" else 90, above=_header_px(headers, base * 0.72) / font_scale)
    figure.update_layout(shapes=shapes, showlegend=False,
                         annotations=list(figure.layout.annotations) + annotations)
    return figure


def _cells(columns: list[Instrument], order: list[str], names: dict[str, str],
           region: pd.Series) -> dict[str, list[list]]:
    """Per row and column: the value's text and hover, and the grey missing cell's z, text and hover."""
    values = pd.DataFrame({c.key: c.values.reindex(order) for c in columns}, index=order)
    cells: dict[str, list[list]] = {k: [] for k in ("text", "hover", "missing_z", "missing_text", "missing_hover")}
    for code in order:
        row: dict[str, list] = {k: [] for k in cells}
        for c in columns:
            value = values.at[code, c.key]
            note = as_text(c.notes.get(code, ""))
            source = as_text(c.sources.get(code, ""))
            head = f"<b>{names[code]}</b> · {region.get(code, '')}<br>{c.title or c.label}<br>"
            source_tail = f"<br>Source: {source.replace(';', ', ')}" if source else ""
            if pd.isna(value):
                reason = note or ("no adopted regulation established"
                                  if c.missing_text == NONE_ESTABLISHED_TEXT else "not reported by source")
                cell = ("", "", 1.0, c.missing_text, f"{head}no value: {reason}{source_tail}")
            else:
                tail = (f"<br><i>{note}</i>" if note else "") + source_tail
                cell = (cell_text(value, c.value_type),
                        head + format_value(float(value), c.value_type, c.qualifier, c.unit) + tail, None, "", "")
            for key, part in zip(cells, cell, strict=True):
                row[key].append(part)
        for key in cells:
            cells[key].append(row[key])
    return cells


def _matrix_canvas(dendro: dict | None) -> tuple[go.Figure, dict]:
    """A plain figure, or two panels sharing rows when a dendrogram goes on the right."""
    if dendro is None:
        return go.Figure(), {}
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.85, 0.15], horizontal_spacing=0.005)
    return figure, {"row": 1, "col": 1}


def _value_cells(figure: go.Figure, columns: list[Instrument], order: list[str], cells: dict, base: float,
                 position: dict) -> None:
    """The cells with a value, coloured by their column's 0–1 scale, with a lowest/highest colour bar."""
    scaled = pd.DataFrame({c.key: scale_column(c.values, c.invert).reindex(order) for c in columns}, index=order)
    figure.add_trace(
        go.Heatmap(
            x=list(range(len(columns))), y=list(range(len(order))), z=scaled.to_numpy(dtype=float), zmin=0, zmax=1,
            text=cells["text"], texttemplate="%{text}", textfont={"size": base * 0.78},
            customdata=cells["hover"], hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
            colorbar={"thickness": 12, "len": 0.5, "tickvals": [0, 1],
                      "ticktext": ["lowest in<br>column", "highest in<br>column"], "tickfont": {"size": base * 0.8},
                      "xref": "container", "x": 1.0, "xanchor": "right", "y": 0.5},
            xgap=2, ygap=2, name="values", hoverongaps=False,
        ),
        **position,
    )


def _missing_cells(figure: go.Figure, n_cols: int, order: list[str], cells: dict, base: float,
                   position: dict) -> None:
    """The cells without a value: grey, labelled with why, and off the colour scale."""
    figure.add_trace(
        go.Heatmap(
            x=list(range(n_cols)), y=list(range(len(order))), z=cells["missing_z"], zmin=0, zmax=1,
            text=cells["missing_text"], texttemplate="%{text}", textfont={"size": base * 0.72, "color": "#333333"},
            customdata=cells["missing_hover"], hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]], showscale=False,
            xgap=2, ygap=2, name="missing", hoverongaps=False,
        ),
        **position,
    )


def _region_bands(order: list[str], region: pd.Series, n_cols: int, base: float) -> tuple[list[dict], list[dict]]:
    """A rule between NBS regions and each region's name beside its rows."""
    shapes, annotations = [], []
    for label, first, last in _group_runs(order, region):
        if first > 0:
            shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": -0.5, "x1": n_cols - 0.5,
                           "y0": first - 0.5, "y1": first - 0.5, "line": {"color": "#000000", "width": 2}})
        annotations.append({"text": f"<b>{label}</b><br>{REGION_ZH.get(label, '')}", "x": n_cols - 0.45,
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


def _matrix_footer(columns: list[Instrument], n_rows: int, sources: dict[str, dict]) -> str:
    """What grey and 0 mean, which columns have few provinces, and the sources."""
    coverage = "; ".join(
        f"{wrap(c.label, 200)}: {int(c.values.notna().sum())} of {n_rows}" for c in columns
        if c.values.notna().sum() < n_rows)
    all_ids = list(dict.fromkeys(s for c in columns for s in c.member_sources))
    return (
        f"Grey = missing, not zero, and not on the colour scale: {NOT_REPORTED_TEXT} = not reported by source; "
        f"{NONE_ESTABLISHED_TEXT} = no adopted regulation established; {NOT_KNOWN_TEXT} = batch member list "
        "incomplete. A 0 is a recorded absence (for lists that are not exhaustive: none known).<br>"
        f"Values with few provinces: {coverage or 'none'}.<br>"
        f"Counts of demonstration areas and city scores are lower bounds. {source_line(all_ids, sources)}"
    )
