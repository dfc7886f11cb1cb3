"""Cities page: demonstration areas and city credit-score systems as points on the province map.

Pure functions from tables to tables and figures; nothing here imports Streamlit. The base
layer is :func:`components.maps.province_map` with every mainland province in the neutral
``absent`` state, so the points share its geo settings, static GeoJSON and out-of-scope shade."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st


def load_geojson(path: Path) -> dict:
    """Read the static province GeoJSON (only used to zoom to one province)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
REBUILD_COMMAND = "python -m etl"


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
