"""Adding a province-level indicator and a topic needs no Python change.

In a temporary copy of the raw data, the test adds one CSV and one registry entry (with a
topic no code knows), rebuilds with the ETL (only the new dataset and what depends on it),
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
file = "{NAME}.csv"
unit = "test units"
topic = "{TOPIC}"
value_type = "count"
normalise = []
missing_reason = "not reported by source"
origin = "Test."
licence = "mit"
sources = ["alexandrescu_fragmented_reality"]
'''
ROWS = [("Beijing", 7), ("Shanghai", 3)]
# The provenance a maintainer writes beside the file; --stamp fills in the checksum.
SIDECAR = f'''file = "{NAME}.csv"
what = "Test values added without code."
origin_urls = ["https://example.org/test-source"]
accessed = ["unknown"]
licence = "mit"
transcribed = "Typed by tests/test_add_indicator.py."
sha256 = "{'0' * 64}"
stamped = "2026-01-01"
'''


@pytest.fixture
def processed_with_new_indicator(raw_copy: Path, out_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (raw_copy.parent / "registry.toml").open("a", encoding="utf-8").write(ENTRY)
    lines = ["province,value,year,source_id,confidence,missing_reason,note"]
    lines += [f"{province},{value},2020,alexandrescu_fragmented_reality,secondary,," for province, value in ROWS]
    (raw_copy / f"{NAME}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (raw_copy / f"{NAME}.meta.toml").write_text(SIDECAR, encoding="utf-8")
    assert main(["--raw", str(raw_copy), "--stamp", NAME]) == 0
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
