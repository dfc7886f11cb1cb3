"""Read the processed data the pages show. Pages never read ``data/raw``.

Loads are cached with ``st.cache_data`` keyed on the manifest's fingerprint of each file,
so a refreshed Parquet file is picked up without restarting the app, and an unchanged
one is read once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
REBUILD_COMMAND = "python -m etl"
# Served by Streamlit's static file serving (the ETL writes static/provinces.geojson), so the
# 100+ KB of geometry reaches the browser once, not with every rerun.
GEOJSON_URL = "/app/static/provinces.geojson"
TOPOJSON_URL = "/app/static/topojson/"


class DataFileError(RuntimeError):
    """A processed file is missing or unreadable; the message says how to rebuild it."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        super().__init__(
            f"Cannot read {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {reason}. "
            f"Rebuild the processed data with `{REBUILD_COMMAND}` from the project folder."
        )


def manifest(folder: Path = PROCESSED) -> dict:
    """The ETL manifest: each output's file, fingerprint and row count."""
    path = folder / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataFileError(path, f"it is not valid JSON ({error})") from None


def _fingerprint(name: str, folder: Path) -> str:
    entry = manifest(folder).get("outputs", {}).get(name)
    if entry is None:
        raise DataFileError(folder / f"{name}.parquet", "the manifest does not list it")
    return entry["fingerprint"]


@st.cache_data(show_spinner=False, max_entries=64)
def _read_parquet(path: str, fingerprint: str) -> pd.DataFrame:
    # fingerprint is part of the cache key only: a rebuilt file has a new one.
    del fingerprint
    return pd.read_parquet(path)


def load(name: str, folder: Path = PROCESSED) -> pd.DataFrame:
    """Load the processed table ``name`` (e.g. ``"indicators"``).

    Raises
    ------
    DataFileError
        If the file is missing or unreadable.
    """
    path = folder / f"{name}.parquet"
    fingerprint = _fingerprint(name, folder)
    try:
        return _read_parquet(str(path), fingerprint)
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    except Exception as error:  # pyarrow raises several types for damaged files
        raise DataFileError(path, f"it is not a readable Parquet file ({type(error).__name__})") from None


@dataclass
class Catalogue:
    """Dataset metadata from the registry, as built into ``catalogue.parquet``."""

    frame: pd.DataFrame

    @cached_property
    def _by_name(self) -> dict[str, dict]:
        # Looked up for every menu entry on every rerun: one dict, built once per load.
        records = self.frame.astype(object).where(self.frame.notna(), "").to_dict("records")
        return {record["name"]: record for record in records}

    def get(self, name: str) -> dict:
        """Metadata of one dataset as a plain dict (missing fields as '')."""
        return dict(self._by_name[name])

    def province_level(self, include_normalisers: bool = True) -> list[str]:
        """Names of the datasets that yield one value per province, in registry order."""
        mask = self.frame["province_level"].astype(bool)
        if not include_normalisers:
            mask &= self.frame["topic"] != "normaliser"
        return self.frame.loc[mask, "name"].tolist()


def catalogue(folder: Path = PROCESSED) -> Catalogue:
    """The dataset catalogue."""
    return Catalogue(load("catalogue", folder))


def sources_by_id(folder: Path = PROCESSED) -> dict[str, dict]:
    """Every source as a dict, by ``source_id``."""
    frame = load("sources", folder)
    return {row["source_id"]: row for row in frame.astype(object).where(frame.notna(), None).to_dict("records")}


def as_text(value: object) -> str:
    """A cell as display text: missing values (None, NaN, pd.NA) become ''."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # lists and arrays: not a single missing value
        pass
    return str(value)
