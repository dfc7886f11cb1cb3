"""Colours, fonts and static URLs shared by the figures. Constants only."""

from __future__ import annotations

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
FONT = "Noto Sans CJK SC, Noto Sans, Arial, sans-serif"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. The lanes
# are also apart in space, so colour is never the only cue.
LANE_COLOURS = {"national": "#0072B2", "provincial": "#D55E00", "events": "#009E73"}
CURVE_COLOUR = "#0072B2"
MARKER_COLOUR = "#444444"
ASSUMED_PLOT_PX = 760  # plot width used to estimate how much axis room a text label needs
