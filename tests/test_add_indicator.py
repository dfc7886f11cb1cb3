"""Adding a province-level indicator, a topic or a normaliser needs no Python change.

In a temporary copy of the raw data, the test adds one CSV and one registry entry (with a
topic no code knows, named in the registry's [topics]), rebuilds with the ETL (only the new dataset and what depends on it),
points the app at the copy and finds the indicator on the map explorer, Compare and the
Sources page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import data
from etl.__main__ import main
from etl.build import build
from tests.conftest import quiet, run_app_page

NAME = "test_added_indicator"
TITLE = "Test indicator added without code"
TOPIC = "added_topic"
ENTRY = f'''

[datasets.{NAME}]
kind = "province_indicator"
title = "{TITLE}"
title_zh = "无需代码新增的测试指标"
description = "Added by tests/test_add_indicator.py in a temporary copy."
description_zh = "由 tests/test_add_indicator.py 在临时副本中添加。"
file = "{NAME}.csv"
unit = "test units"
topic = "{TOPIC}"
value_type = "count"
normalise = []
missing_reason = "not reported by source"
origin = "Test."
origin_zh = "测试。"
licence = "mit"
sources = ["alexandrescu_fragmented_reality"]

[topics.{TOPIC}]
label = "Added topic"
label_zh = "新增主题"
'''
ROWS = [("Beijing", 7), ("Shanghai", 3)]
# The provenance a maintainer writes beside the file; --stamp fills in the checksum.
SIDECAR = f'''file = "{NAME}.csv"
what = "Test values added without code."
origin_urls = ["https://example.org/test-source"]
accessed = ["unknown"]
licence = "mit"
transcribed = "Typed by tests/test_add_indicator.py."
transcribed_zh = "由 tests/test_add_indicator.py 输入。"
sha256 = "{'0' * 64}"
stamped = "2026-01-01"
'''


def add_dataset(raw: Path, name: str, entry: str, rows: list[tuple[str, float]]) -> None:
    """What a maintainer does: a registry entry, a CSV, its sidecar, then --stamp."""
    with (raw.parent / "registry.toml").open("a", encoding="utf-8") as registry:
        registry.write(entry)
    lines = ["province,value,year,source_id,confidence,missing_reason,note"]
    lines += [f"{province},{value},2020,alexandrescu_fragmented_reality,secondary,," for province, value in rows]
    (raw / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (raw / f"{name}.meta.toml").write_text(SIDECAR.replace(f"{NAME}.csv", f"{name}.csv"), encoding="utf-8")
    assert main(["--raw", str(raw), "--stamp", name]) == 0


@pytest.fixture
def processed_with_new_indicator(raw_copy: Path, out_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    add_dataset(raw_copy, NAME, ENTRY, ROWS)
    build(raw_copy, out_copy, progress=quiet)
    monkeypatch.setattr(data, "PROCESSED", out_copy)
    return out_copy


def test_a_new_indicator_and_topic_appear_on_the_pages(processed_with_new_indicator):
    assert NAME in json.loads((processed_with_new_indicator / "manifest.json").read_text())["outputs"]

    explorer = run_app_page("explorer", indicator=NAME)
    assert not explorer.exception
    assert explorer.selectbox(key="indicator").value == NAME
    assert TITLE in explorer.selectbox(key="indicator").options
    title = json.loads(explorer.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert TITLE in title.replace("<br>", " ")
    assert any(f"{len(ROWS)} of" in caption.value for caption in explorer.caption)

    compare = run_app_page("compare", mode="ranking", rank=NAME)
    assert not compare.exception
    assert compare.selectbox(key="rank").value == NAME

    sources = run_app_page("sources", dataset=NAME)
    assert not sources.exception
    assert any("Added topic" in caption.value for caption in sources.caption)


AREA = "test_area"
# A normaliser no code knows, over a normalising dataset in thousand km² (unit_scale 1000).
NORMALISER = f'''

[normalisers.per_area]
dataset = "{AREA}"
per = 1000
unit = "per 1,000 km² (test)"
label = "Per area (test)"
label_zh = "按面积（测试）"
suffix = ", per area (test)"
suffix_zh = "（按面积，测试）"

[datasets.{AREA}]
kind = "province_indicator"
title = "Test area"
description = "Added by tests/test_add_indicator.py in a temporary copy."
description_zh = "由 tests/test_add_indicator.py 在临时副本中添加。"
file = "{AREA}.csv"
unit = "thousand km²"
unit_scale = 1000
base_unit = "km²"
topic = "normaliser"
value_type = "amount"
licence = "mit"
sources = ["alexandrescu_fragmented_reality"]
'''
AREAS = [("Beijing", 2), ("Shanghai", 6)]


def test_a_new_normaliser_is_offered_and_applied_on_the_map(raw_copy, out_copy, monkeypatch):
    add_dataset(raw_copy, AREA, NORMALISER, AREAS)
    add_dataset(raw_copy, NAME, ENTRY.replace("normalise = []", 'normalise = ["per_area"]'), ROWS)
    build(raw_copy, out_copy, progress=quiet)
    monkeypatch.setattr(data, "PROCESSED", out_copy)

    explorer = run_app_page("explorer", indicator=NAME, per="per_area", view="map")  # two values: sparse
    assert not explorer.exception
    radio = explorer.radio(key="per")
    assert radio.value == "per_area" and "Per area (test)" in radio.options
    figure = json.loads(explorer.get("plotly_chart")[0].proto.spec)
    assert ", per area (test)" in figure["layout"]["title"]["text"].replace("<br>", " ")
    # 7 / (2 thousand km² = 2,000 km²) * 1,000 = 3.5 and 3 / 6,000 * 1,000 = 0.5 per 1,000 km².
    # The hover is assembled in the browser: the numbers travel in customdata, the unit in the template.
    layer = next(trace for trace in figure["data"] if trace.get("name") == "value")
    assert sorted(row[1] for row in layer["customdata"]) == pytest.approx([0.5, 3.5])
    assert ":,.2f} test units per 1,000 km² (test)" in layer["hovertemplate"]
