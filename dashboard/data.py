"""The only module that reads files or calls ``st.cache_data``. Pages never read ``data/raw``.

Every read is cached on the file's identity on disk: its path, size and modification time
(and, for Parquet tables, the manifest's fingerprint). A rebuilt, truncated or deleted file
therefore has a new key and is read again (or reported with :class:`DataFileError`) on the
next run, without restarting the server; an unchanged file is read once. Tables the pages
derive from the processed data (:func:`once`) are computed once per data version the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

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


def identity(path: Path) -> tuple[str, int, int]:
    """``(path, size, mtime_ns)``: changes whenever the file is rewritten, truncated or replaced."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    return str(path), stat.st_size, stat.st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=16)
def _read_json(path: str, size: int, mtime_ns: int) -> dict:
    del size, mtime_ns  # part of the cache key only
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(Path(path), "the file does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataFileError(Path(path), f"it is not valid JSON ({error})") from None


def read_json(path: Path) -> dict:
    """A JSON file (the manifest, ``boundaries.json``, the static GeoJSON), cached on its identity."""
    return _read_json(*identity(path))


def load_geojson(path: Path) -> dict:
    """Read the static province GeoJSON (only used to zoom to one province)."""
    return read_json(Path(path))


STATIC = ROOT / "static"


def image_export_inputs() -> dict:
    """What a static image of a map needs instead of URLs: the GeoJSON and the base-map folder."""
    return {"geojson": load_geojson(STATIC / "provinces.geojson"), "topojson": STATIC / "topojson"}


def manifest(folder: Path | None = None) -> dict:
    """The ETL manifest: each output's file, fingerprint and row count."""
    folder = PROCESSED if folder is None else folder
    return read_json(folder / "manifest.json")


def _fingerprint(name: str, folder: Path) -> str:
    folder = PROCESSED if folder is None else folder
    entry = manifest(folder).get("outputs", {}).get(name)
    if entry is None:
        raise DataFileError(folder / f"{name}.parquet", "the manifest does not list it")
    return entry["fingerprint"]


@st.cache_data(show_spinner=False, max_entries=64)
def _read_parquet(path: str, size: int, mtime_ns: int, fingerprint: str) -> pd.DataFrame:
    del size, mtime_ns, fingerprint  # part of the cache key only
    return pd.read_parquet(path)


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Load the processed table ``name`` (e.g. ``"indicators"``).

    Raises
    ------
    DataFileError
        If the file is missing or unreadable.
    """
    folder = PROCESSED if folder is None else folder
    path = folder / f"{name}.parquet"
    fingerprint = _fingerprint(name, folder)
    try:
        return _read_parquet(*identity(path), fingerprint)
    except DataFileError:
        raise
    except FileNotFoundError:
        raise DataFileError(path, "the file does not exist") from None
    except Exception as error:  # pyarrow raises several types for damaged files
        raise DataFileError(path, f"it is not a readable Parquet file ({type(error).__name__})") from None


def optional(name: str, folder: Path | None = None) -> pd.DataFrame | None:
    """A processed table a page can do without: ``None`` when it is not built."""
    folder = PROCESSED if folder is None else folder
    try:
        return load(name, folder)
    except DataFileError:
        return None


def version(names: list[str], folder: Path | None = None) -> str:
    """One key for the current state of the tables ``names`` (fingerprints and file identities)."""
    folder = PROCESSED if folder is None else folder
    parts = []
    for name in names:
        path = folder / f"{name}.parquet"
        entry = manifest(folder).get("outputs", {}).get(name, {})
        on_disk = identity(path)[1:] if path.exists() else "-"
        parts.append(f"{name}:{entry.get('fingerprint', '')}:{on_disk}")
    return "|".join(parts)


@st.cache_data(show_spinner=False, max_entries=64)
def _once(qualname: str, data_version: str, key: str, _func: Callable, _args: tuple) -> Any:
    del qualname, data_version, key  # the cache key
    return _func(*_args)


def once(func: Callable, *args, tables: list[str], key: str = "", folder: Path | None = None) -> Any:
    """``func(*args)`` computed once per version of the processed ``tables`` (and ``key``).

    For the derived tables the pages compute from processed data (e.g. the Fragmentation
    page's instruments and findings): a rerun with unchanged data reuses the result.
    """
    folder = PROCESSED if folder is None else folder
    return _once(f"{func.__module__}.{func.__qualname__}", version(tables, folder), key, func, args)


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


def catalogue(folder: Path | None = None) -> Catalogue:
    """The dataset catalogue."""
    folder = PROCESSED if folder is None else folder
    return Catalogue(load("catalogue", folder))


def normalisers(folder: Path | None = None) -> dict[str, dict]:
    """The normalisers declared in the registry, by id: dataset, per, unit_scale, factor, unit, labels."""
    frame = load("normalisers", folder)
    return {row["id"]: row for row in frame.astype(object).where(frame.notna(), "").to_dict("records")}


def sources_by_id(folder: Path | None = None) -> dict[str, dict]:
    """Every source as a dict, by ``source_id``."""
    folder = PROCESSED if folder is None else folder
    frame = load("sources", folder)
    return {row["source_id"]: row for row in frame.astype(object).where(frame.notna(), None).to_dict("records")}


def basics(folder: Path | None = None) -> tuple[Catalogue, pd.DataFrame, pd.DataFrame, dict[str, dict]]:
    """What most pages start from: the catalogue, indicators, provinces and sources by id."""
    folder = PROCESSED if folder is None else folder
    return catalogue(folder), load("indicators", folder), load("provinces", folder), sources_by_id(folder)
