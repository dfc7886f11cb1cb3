"""Compare's two maps as one slide image: each half keeps its own map, colour bar, title and sources."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.maps import province_map
from dashboard.figures.pair import pair_figure

PROVINCES = pd.DataFrame({"adcode": ["110000", "120000", "810000"], "name_en": ["Beijing", "Tianjin", "Hong Kong"],
                          "name_zh": ["北京市", "天津市", "香港特别行政区"], "in_scope": [True, True, False]})


def a_map(title: str, footer: str, values: list[float]) -> object:
    frame = pd.DataFrame({"adcode": ["110000", "120000"], "value": values, "state": "value", "qualifier": "",
                          "source": "src", "confidence": "exact from source", "missing_reason": "", "note": ""})
    return province_map(frame, PROVINCES, title=title, subtitle="Unit: things.", footer=footer,
                        value_type="count", unit="things")


def test_each_half_keeps_its_map_title_and_sources():
    left, right = a_map("Left title", "Sources: left source", [1, 2]), a_map("Right title", "Sources: right", [5, 9])
    pair = pair_figure(left, right)
    geos = {trace.geo for trace in pair.data if trace.type == "choropleth"}
    assert geos == {"geo", "geo2"}
    texts = " ".join(a.text for a in pair.layout.annotations)
    assert all(part in texts for part in ("Left title", "Right title", "left source", "right"))
    assert pair.layout.geo.domain.x[1] <= pair.layout.geo2.domain.x[0]  # side by side, not on top


def test_the_shared_legend_is_drawn_once_and_the_shown_figures_are_untouched():
    left, right = a_map("L", "Sources: a", [1, 2]), a_map("R", "Sources: b", [3, 4])
    before = left.to_json()
    pair = pair_figure(left, right)
    right_half = [t for t in pair.data if t.geo == "geo2"]
    assert not any(t.showlegend for t in right_half)
    assert left.to_json() == before


def test_each_colour_bar_sits_in_its_own_half():
    pair = pair_figure(a_map("L", "Sources: a", [1, 2]), a_map("R", "Sources: b", [3, 4]))
    bars = {t.geo: t.colorbar.x for t in pair.data if t.type == "choropleth" and t.showscale is not False
            and t.colorbar.x is not None}
    assert bars["geo"] < 0.5 < bars["geo2"]
