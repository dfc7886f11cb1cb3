"""Colours, fonts and static URLs shared by the figures, and the one frame every figure's
title, subtitle and footer are wrapped and placed in."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.text import chinese_count, display_width, wrap

# Okabe-Ito: distinguishable under the common forms of colour-vision deficiency.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000"]
BATCH_STYLE = {  # batch number: (colour, marker symbol)
    1: ("#D55E00", "circle"),
    2: ("#CC79A7", "triangle-down"),
    3: ("#0072B2", "diamond"),
    4: ("#009E73", "triangle-up"),
    5: ("#E69F00", "hexagon"),
}
SCORE_STYLE = ("#000000", "star")
CAMERA_STYLE = ("#777777", "square-open")
HIGHLIGHT_COLOUR = "#fde0c5"
MISSING_TEXT_COLOUR = "#666666"
WARNING_COLOUR = "#b2182b"
GEO_SETTINGS = {
    "visible": False,
    "projection_type": "mercator",
    "lonaxis_range": [73, 136],
    "lataxis_range": [17.5, 54],
    "bgcolor": "rgba(0,0,0,0)",
}
# Served by Streamlit's static file serving (the ETL writes static/provinces.geojson), so the
# 100+ KB of geometry reaches the browser once, not with every rerun.
GEOJSON_URL = "/app/static/provinces.geojson"
TOPOJSON_URL = "/app/static/topojson/"
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
REGION_COLOURS = {"East": "#0072B2", "Central": "#E69F00", "West": "#009E73", "Northeast": "#CC79A7"}
OTHER_REGION_COLOUR = "#000000"
RELIABLE_COLOUR = "#0072B2"
UNRELIABLE_COLOUR = "#a6a6a6"
LINE_COLOUR = "#0072B2"
DENDROGRAM_COLOUR = "#555555"
FOOTER_COLOUR = "#444444"
# ColorBrewer YlGnBu: sequential and colour-blind safe; its pale end stays distinct
# from the greys used for missing and out-of-scope units.
SEQUENTIAL = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
MISSING_COLOUR = "#bdbdbd"
ABSENT_COLOUR = "#ffffff"
OUTSIDE_COLOUR = "#ece6da"
BORDER_COLOUR = "#555555"
# A Latin font first: with the CJK font first, Latin punctuation takes its full-width CJK
# glyphs ("People’ s"). Chinese characters fall through to the CJK fonts.
FONT = ("Arial, 'Liberation Sans', Helvetica, 'Noto Sans CJK SC', 'Source Han Sans SC', "
        "'PingFang SC', 'Microsoft YaHei', sans-serif")
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. The lanes
# are also apart in space, so colour is never the only cue.
LANE_COLOURS = {"national": "#0072B2", "provincial": "#D55E00", "events": "#009E73"}
CURVE_COLOUR = "#0072B2"
MARKER_COLOUR = "#444444"

# The narrowest width a full-width figure is drawn at: 940 px in a 1400 px window with the
# sidebar open; on a phone the figure keeps this width and scrolls sideways inside its own
# frame (dashboard.ui), so text wrapped to it fits everywhere.
FIGURE_PX = 720
EM_PER_COLUMN = 0.56  # one wrap column (a Latin letter, half a CJK glyph) in ems, with room to spare
LINE_EM = 1.3  # Plotly's spacing of the lines of one text, in ems
EDGE_PX = 10  # white space kept between any text and the figure's edge


def wrap_px(text: str, px: float, font_px: float) -> str:
    """``text`` wrapped at ``<br>`` so that no line is wider than ``px`` at ``font_px``."""
    return wrap(text, max(int(px / (EM_PER_COLUMN * font_px)), 8))


def lines(text: str) -> int:
    """How many lines a ``<br>``-separated figure text takes (0 for no text)."""
    return text.count("<br>") + 1 if text else 0


def text_px(text: str, font_px: float) -> float:
    """Height of a figure text of several lines."""
    return lines(text) * font_px * LINE_EM


def legend_rows(names: list[str], font_px: float, width_px: float = FIGURE_PX) -> int:
    """Rows a horizontal legend of ``names`` takes in a figure ``width_px`` wide."""
    rows, used = 1, 0.0
    for name in names:
        item = 46 + display_width(name) * EM_PER_COLUMN * font_px  # swatch, gap and text
        if used and used + item > width_px - 2 * EDGE_PX:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def frame_figure(figure: go.Figure, *, title: str, subtitle: str, footer: str, plot_px: float,
                 font_scale: float = 1.0, left: float = EDGE_PX, right: float = 20, above: float = 0,
                 below: float = 0, width_px: float = FIGURE_PX) -> None:
    """Title, subtitle and footer wrapped to the figure's width, with margins sized to fit them.

    ``plot_px`` is the height of the plotting area; ``above`` and ``below`` are room (in
    unscaled pixels) kept between it and the subtitle or footer for headers, tick labels, axis
    titles or a legend; ``left`` and ``right`` are the side margins. The footer starts at the
    figure's left edge whatever ``left`` is. The figure's height is the sum of all of them.
    """
    base = 13 * font_scale
    room = width_px - 2 * EDGE_PX
    title = wrap_px(title, room, base * 1.45)
    subtitle = wrap_px(subtitle, room, base * 0.95)
    footer = wrap_px(footer, room, base * 0.8)
    top = EDGE_PX * lines(title) + text_px(title, base * 1.45) + text_px(subtitle, base * 0.95) + 8 + above * font_scale
    bottom = below * font_scale + text_px(footer, base * 0.8) + EDGE_PX
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base * 0.95}},
               "x": 0.0, "xanchor": "left", "yref": "container", "y": 1.0, "yanchor": "top",
               "pad": {"t": EDGE_PX * lines(title), "l": EDGE_PX}, "font": {"size": base * 1.45}},
        height=int(plot_px + top + bottom),
        margin={"l": left, "r": right, "t": top, "b": bottom},
        font={"family": FONT, "size": base},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    figure.add_annotation(
        text=footer, showarrow=False, xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left", yanchor="top",
        xshift=EDGE_PX - left, yshift=-below * font_scale, align="left",
        font={"size": base * 0.8, "color": FOOTER_COLOUR}, name="footer",
    )


def nice_ticks(top: float, steps: int = 4) -> list[float]:
    """Round tick values from 0 past ``top`` in about ``steps`` steps of 1, 2, 2.5 or 5 × 10ⁿ."""
    if not top or top <= 0 or math.isnan(top):
        return [0.0]
    raw = top / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step) + 1)]


def count_axis(lang: str, top: float) -> dict:
    """A count axis's tick settings: SI suffixes (15M) in English, 万 and 亿 (1500万) in Chinese."""
    if lang != "zh":
        return {"tickformat": "~s"}
    ticks = nice_ticks(top)
    return {"tickvals": ticks, "ticktext": [chinese_count(t) for t in ticks]}
