"""A ranking of the provinces that have a value: the view of an indicator too sparse for a map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import FONT, FOOTER_COLOUR, SEQUENTIAL
from dashboard.text import wrap
from dashboard.text.explorer import EXPLORER_WORDS

TEXT_COLUMNS = 110  # footer columns at the footer's font size in a 700-px figure


def ranking_figure(shown: pd.DataFrame, unreported: list[str], *, title: str, subtitle: str, footer: str,
                   unit: str, value_type: str = "count", lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Horizontal bars of the provinces with a value, largest on top; the others named under it.

    Parameters
    ----------
    shown : pandas.DataFrame
        ``name``, ``value``, ``qualifier``, ``source`` of the provinces with a value, in order
        (:func:`dashboard.domain.maps.ranking`).
    unreported : list of str
        Names of the in-scope provinces without a value: listed in the figure, never drawn as 0.
    title, subtitle, footer : str
        Drawn inside the figure (the footer: sources, confidence, coverage).
    unit, value_type : str
        The values' unit and type; years are not ranked as amounts (no bar from 0).
    lang : str
        ``en`` or ``zh``.
    font_scale : float
        Multiplier of every font (presentation mode).
    """
    words = EXPLORER_WORDS[lang]
    listed = words["unreported"].format(n=len(unreported), names=", ".join(unreported)) if unreported else ""
    footer_text = wrap(f"{listed}<br>{footer}" if listed else footer, int(TEXT_COLUMNS / font_scale))
    rows = len(shown)
    qualifier = shown["qualifier"].where(shown["qualifier"] == "", shown["qualifier"] + " ")
    figure = go.Figure(go.Bar(
        x=shown["value"].astype(float), y=shown["name"], orientation="h", marker_color=SEQUENTIAL[-2],
        customdata=qualifier, hovertemplate=f"<b>%{{y}}</b><br>%{{customdata}}%{{x:,}} {unit}<extra></extra>",
        text=[f"{q}{v:,.0f}" if float(v).is_integer() else f"{q}{v:,.2f}" for q, v in zip(qualifier, shown["value"],
                                                                                            strict=True)],
        textposition="outside", cliponaxis=False,
    ))
    _layout(figure, title=title, subtitle=subtitle, footer=footer_text, rows=rows, value_type=value_type,
            font_scale=font_scale)
    return figure


def _layout(figure: go.Figure, *, title: str, subtitle: str, footer: str, rows: int, value_type: str,
            font_scale: float) -> None:
    """Title and subtitle above the bars, the footer below them, sized by their lines."""
    base = 13 * font_scale
    title, subtitle = wrap(title, int(60 / font_scale)), wrap(subtitle, int(90 / font_scale))
    footer_lines = footer.count("<br>") + 1
    bottom = 44 * font_scale + footer_lines * base * 0.8 * 1.45
    plot = max(rows, 3) * 30 * font_scale
    top = 30 * font_scale + (title.count("<br>") + 1) * base * 1.45 * 1.3 \
        + (subtitle.count("<br>") + 1) * base * 1.4 + 30 * font_scale
    figure.update_layout(
        template="none", height=int(plot + top + bottom), font={"family": FONT, "size": base},
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0.01, "xanchor": "left",
               "font": {"size": base * 1.45}},
        margin={"l": 10, "r": 60, "t": top, "b": bottom}, paper_bgcolor="white", plot_bgcolor="white",
        # The unit is in the subtitle; an axis title here would collide with the footer.
        xaxis={"rangemode": "tozero" if value_type != "year" else "normal", "gridcolor": "#e5e5e5"},
        yaxis={"autorange": "reversed", "automargin": True},
        annotations=[{"text": footer, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0,
                      "xanchor": "left", "y": -(30 * font_scale) / plot, "yanchor": "top", "align": "left",
                      "font": {"size": base * 0.8, "color": FOOTER_COLOUR}}],
    )
