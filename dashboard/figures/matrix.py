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
    n_rows, n_cols = len(order), len(columns)
    values = pd.DataFrame({c.key: c.values.reindex(order) for c in columns}, index=order)
    scaled = pd.DataFrame({c.key: scale_column(c.values, c.invert).reindex(order) for c in columns}, index=order)
    text, hover, missing_z, missing_text, missing_hover = [], [], [], [], []
    for code in order:
        row_text, row_hover, row_mz, row_mt, row_mh = [], [], [], [], []
        for c in columns:
            value = values.at[code, c.key]
            note = as_text(c.notes.get(code, ""))
            source = as_text(c.sources.get(code, ""))
            head = f"<b>{names[code]}</b> · {region.get(code, '')}<br>{c.title or c.label}<br>"
            tail = (f"<br><i>{note}</i>" if note else "") + (
                f"<br>Source: {source.replace(';', ', ')}" if source else "")
            if pd.isna(value):
                row_text.append("")
                row_hover.append("")
                row_mz.append(1.0)
                row_mt.append(c.missing_text)
                reason = note or ("no adopted regulation established"
                                  if c.missing_text == NONE_ESTABLISHED_TEXT else "not reported by source")
                source_tail = f"<br>Source: {source.replace(';', ', ')}" if source else ""
                row_mh.append(f"{head}no value: {reason}{source_tail}")
            else:
                row_text.append(cell_text(value, c.value_type))
                row_hover.append(head + format_value(float(value), c.value_type, c.qualifier, c.unit) + tail)
                row_mz.append(None)
                row_mt.append("")
                row_mh.append("")
        text.append(row_text)
        hover.append(row_hover)
        missing_z.append(row_mz)
        missing_text.append(row_mt)
        missing_hover.append(row_mh)

    if dendro is not None:
        figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.85, 0.15],
                               horizontal_spacing=0.005)
        position = {"row": 1, "col": 1}
    else:
        figure = go.Figure()
        position = {}
    base = 13 * font_scale
    x = list(range(n_cols))
    y = list(range(n_rows))
    z = scaled.to_numpy(dtype=float)
    figure.add_trace(
        go.Heatmap(
            x=x, y=y, z=z, zmin=0, zmax=1, text=text, texttemplate="%{text}",
            textfont={"size": base * 0.78},
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
            colorbar={"thickness": 12, "len": 0.5, "tickvals": [0, 1],
                      "ticktext": ["lowest in<br>column", "highest in<br>column"], "tickfont": {"size": base * 0.8},
                      "xref": "container", "x": 1.0, "xanchor": "right", "y": 0.5},
            xgap=2, ygap=2, name="values", hoverongaps=False,
        ),
        **position,
    )
    figure.add_trace(
        go.Heatmap(
            x=x, y=y, z=missing_z, zmin=0, zmax=1, text=missing_text, texttemplate="%{text}",
            textfont={"size": base * 0.72, "color": "#333333"},
            customdata=missing_hover, hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]], showscale=False,
            xgap=2, ygap=2, name="missing", hoverongaps=False,
        ),
        **position,
    )
    labels = [names[c] for c in order]
    figure.update_yaxes(tickvals=y, ticktext=labels, autorange="reversed", showgrid=False, zeroline=False,
                        **position)
    # Headers stand at 60°: level, thirteen of them cannot share the width of a slide or a phone.
    headers = [wrap(c.label, HEADER_COLUMNS) for c in columns]
    figure.update_xaxes(tickvals=x, ticktext=headers, side="top", showgrid=False, zeroline=False,
                        tickangle=-HEADER_ANGLE, tickfont={"size": base * 0.72}, **position)
    shapes, annotations = [], []
    if sort == "region":
        runs = _group_runs(order, region)
        for label, first, last in runs:
            if first > 0:
                shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": -0.5, "x1": n_cols - 0.5,
                               "y0": first - 0.5, "y1": first - 0.5, "line": {"color": "#000000", "width": 2}})
            annotations.append({"text": f"<b>{label}</b><br>{REGION_ZH.get(label, '')}", "x": n_cols - 0.45,
                                "y": (first + last) / 2, "xref": "x", "yref": "y", "showarrow": False,
                                "xanchor": "left", "align": "left", "font": {"size": base * 0.85}})
    if dendro is not None:
        xs, ys = dendrogram_lines(dendro)
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": DENDROGRAM_COLOUR, "width": 1.2},
                                    hoverinfo="skip", showlegend=False, name="dendrogram"), row=1, col=2)
        figure.update_xaxes(showgrid=False, zeroline=False, showticklabels=False, row=1, col=2)
        figure.update_yaxes(showgrid=False, row=1, col=2)
    coverage = "; ".join(
        f"{wrap(c.label, 200)}: {int(c.values.notna().sum())} of {n_rows}" for c in columns
        if c.values.notna().sum() < n_rows)
    all_ids = list(dict.fromkeys(s for c in columns for s in c.member_sources))
    footer = (
        f"Grey = missing, not zero, and not on the colour scale: {NOT_REPORTED_TEXT} = not reported by source; "
        f"{NONE_ESTABLISHED_TEXT} = no adopted regulation established; {NOT_KNOWN_TEXT} = batch member list "
        "incomplete. A 0 is a recorded absence (for lists that are not exhaustive: none known).<br>"
        f"Values with few provinces: {coverage or 'none'}.<br>"
        f"Counts of demonstration areas and city scores are lower bounds. {source_line(all_ids, sources)}"
    )
    subtitle = (f"Rows: the {n_rows} mainland provinces, {SORT_PHRASES.get(sort, sort)}. "
                "Colour: each column scaled 0–1 (own regulation: earliest = darkest); cells show real values.")
    _layout(figure, title="Which instruments each province uses", subtitle=subtitle, footer=footer,
            plot_px=24 * n_rows * font_scale, font_scale=font_scale, below=8,
            left=10 + max(display_width(name) for name in labels) * EM_PER_COLUMN * base * 0.9,
            right=150 if sort == "region" else 90, above=_header_px(headers, base * 0.72) / font_scale)
    figure.update_layout(shapes=shapes, showlegend=False,
                         annotations=list(figure.layout.annotations) + annotations)
    return figure
