"""The frame every Fragmentation figure shares (title, legend, footer) and its words."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.style import frame_figure, legend_rows
from dashboard.text.fragmentation import FRAGMENTATION_WORDS
from dashboard.text.fragmentation_figures import FRAGMENTATION_FIGURE_WORDS


def _layout(figure: go.Figure, *, title: str, subtitle: str, footer: str, plot_px: float,
            font_scale: float, below: float, left: float = 10, right: float = 20, above: float = 0,
            legend: list[str] | None = None) -> None:
    """The shared frame (style.frame_figure), with a horizontal legend under the tick labels.

    ``below`` is the room (unscaled pixels) under the plot for tick labels and axis titles;
    the legend, when ``legend`` names its items, goes under that and the footer under it.
    """
    base = 13 * font_scale
    rows = legend_rows(legend, base * 0.9) if legend else 0
    legend_px = rows * base * 0.9 * 1.6 / font_scale
    frame_figure(figure, title=title, subtitle=subtitle, footer=footer, plot_px=plot_px, font_scale=font_scale,
                 left=left, right=right, above=above, below=below + legend_px + (8 if legend else 0))
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    if legend:
        figure.update_layout(legend={"orientation": "h", "yanchor": "top", "x": 0.0,
                                     "y": -below * font_scale / plot_px, "font": {"size": base * 0.9}})


def _words(lang: str) -> dict[str, str]:
    return FRAGMENTATION_WORDS["zh" if lang == "zh" else "en"]


def _figure_words(lang: str) -> dict[str, str]:
    return FRAGMENTATION_FIGURE_WORDS["zh" if lang == "zh" else "en"]
