"""The one caching loader (dashboard.data) notices files that change under a running server.

Reads are cached on the file's identity on disk (path, size, mtime_ns, manifest
fingerprint): a rewritten, truncated or deleted file is read again or reported clearly,
and derived results (``data.once``) are recomputed once per data version.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data
from tests.conftest import REPO_PROCESSED


@pytest.fixture
def processed(tmp_path: Path) -> Path:
    folder = tmp_path / "processed"
    folder.mkdir()
    for name in ("manifest.json", "provinces.parquet", "sources.parquet"):
        shutil.copy2(REPO_PROCESSED / name, folder / name)
    return folder


def later(path: Path) -> None:
    """Move the file's mtime on, as a rebuild would (some file systems tick coarsely)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_a_rewritten_file_is_read_again_without_a_manifest_change(processed):
    path = processed / "provinces.parquet"
    full = data.load("provinces", processed)
    full.head(3).to_parquet(path)
    later(path)
    assert len(data.load("provinces", processed)) == 3
    assert len(full) > 3


def test_a_truncated_file_is_reported_not_served_from_cache(processed):
    path = processed / "provinces.parquet"
    assert len(data.load("provinces", processed)) > 0
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(data.DataFileError, match="not a readable Parquet file"):
        data.load("provinces", processed)


def test_a_deleted_file_is_reported_not_served_from_cache(processed):
    assert len(data.load("provinces", processed)) > 0
    (processed / "provinces.parquet").unlink()
    with pytest.raises(data.DataFileError, match="does not exist.*python -m etl"):
        data.load("provinces", processed)
    assert data.optional("provinces", processed) is None


def test_a_changed_or_broken_manifest_is_read_again(processed):
    manifest = processed / "manifest.json"
    assert "provinces" in data.manifest(processed)["outputs"]
    manifest.write_text('{"outputs": {}}', encoding="utf-8")
    later(manifest)
    with pytest.raises(data.DataFileError, match="manifest does not list it"):
        data.load("provinces", processed)
    manifest.write_text("{not json", encoding="utf-8")
    later(manifest)
    with pytest.raises(data.DataFileError, match="not valid JSON"):
        data.manifest(processed)


def count_rows(frame: pd.DataFrame, calls: list) -> int:
    calls.append(1)
    return len(frame)


def test_derived_results_are_computed_once_per_data_version(processed):
    calls: list = []
    frame = data.load("provinces", processed)
    first = data.once(count_rows, frame, calls, tables=["provinces"], key="test-once", folder=processed)
    again = data.once(count_rows, frame, calls, tables=["provinces"], key="test-once", folder=processed)
    assert first == again == len(frame)
    assert len(calls) == 1
    path = processed / "provinces.parquet"
    frame.head(2).to_parquet(path)
    later(path)
    assert data.once(count_rows, frame, calls, tables=["provinces"], key="test-once", folder=processed) == len(frame)
    assert len(calls) == 2
