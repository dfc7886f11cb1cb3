"""The committed data/processed is current with data/raw and data/registry.toml.

If this fails, someone changed a raw file, the registry or the ETL without rebuilding:
run ``python -m etl`` and commit data/processed (and static/provinces.geojson).
"""

from __future__ import annotations

from etl.build import build
from etl.issues import ValidationFailed
from tests.conftest import REPO_PROCESSED, REPO_RAW, quiet


def test_processed_data_is_up_to_date():
    try:
        report = build(REPO_RAW, REPO_PROCESSED, check=True, progress=quiet)
    except ValidationFailed as failure:
        raise AssertionError(
            f"data/raw has {len(failure.issues)} problem(s); fix them, then run `python -m etl`:\n{failure}"
        ) from None
    assert report.built == [], (
        f"data/processed is stale for: {', '.join(report.built)}. "
        "Run `python -m etl` and commit data/processed."
    )


def test_data_dictionary_is_current():
    from etl.dictionary import END, README, START, render

    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, "data/README.md has no generated data dictionary"
    current = START + text.split(START, 1)[1].split(END, 1)[0] + END
    assert current == render(), "data/README.md's dictionary is stale: run `python -m etl.dictionary` and commit it."
