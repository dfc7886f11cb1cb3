"""The only module that reads files or caches. Pages never read ``data/raw``.

Every read is cached on the file's identity on disk: its path, size and modification time
(and, for Parquet tables, the manifest's fingerprint). A rebuilt, truncated or deleted file
therefore has a new key and is read again (or reported with :class:`DataFileError`) on the
next run, without restarting the server; an unchanged file is read once. Tables the pages
derive from the processed data (:func:`once`) and figures (:func:`figure`) are computed once
per data version the same way.

Why a store of shared values (:class:`Shared`) and not ``st.cache_data``: ``st.cache_data``
unpickles its value on every hit, which cost more than the work it saved (a Plotly figure
takes 8-22 ms to unpickle, because unpickling validates it again; a processed table 1-5 ms),
and even ``st.cache_resource`` inspects the function's signature and hashes every argument
on each call (about 0.3 ms; the Sources page makes a hundred such calls per rerun). Values
are shared between sessions instead, so a result must never be changed in place: tables are
handed out as shallow copies (pandas' copy-on-write keeps the cached one intact), derived
results and figures as they are.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.figures.export import steady_selection

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
REBUILD_COMMAND = "python -m etl"


class Shared:
    """A bounded store of values shared by every session of the server process.

    A hit is one dict lookup; a miss builds the value once even when several sessions ask
    at the same moment (one lock per key); the oldest entries leave first. Failures are
    not stored, so a broken file is reported again on the next run.
    """

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The value stored under ``key``, built with ``build()`` if there is none."""
        try:
            return self._values[key]
        except KeyError:
            pass
        with self._lock:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            if key in self._values:
                return self._values[key]
            value = build()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
                self._building.pop(key, None)
        return value


_JSON = Shared(16)
_TABLES = Shared(64)
_RESULTS = Shared(256)


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


def _read_json(path: str, size: int, mtime_ns: int) -> dict:
    return _JSON.get((path, size, mtime_ns), lambda: _parse_json(path))


def _parse_json(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(Path(path), "the file does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataFileError(Path(path), f"it is not valid JSON ({error})") from None


def read_json(path: Path) -> dict:
    """A JSON file (the manifest, ``boundaries.json``, the static GeoJSON), cached on its identity.

    The dict is shared between sessions: read it, never change it.
    """
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


def _read_parquet(path: str, size: int, mtime_ns: int, fingerprint: str) -> pd.DataFrame:
    return _TABLES.get((path, size, mtime_ns, fingerprint), lambda: plain_strings(pd.read_parquet(path)))


def plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python-backed strings: same values and missing markers as the Arrow-backed
    ones Parquet gives, but filters and ``take`` on these small tables run about 1.5x faster."""
    text = {column: pd.StringDtype("python") for column, dtype in frame.dtypes.items()
            if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"}
    return frame.astype(text) if text else frame


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
        return _read_parquet(*identity(path), fingerprint).copy(deep=False)
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
    outputs = manifest(folder).get("outputs", {})
    parts = []
    for name in names:
        try:
            on_disk = identity(folder / f"{name}.parquet")[1:]
        except DataFileError:
            on_disk = "-"
        parts.append(f"{name}:{outputs.get(name, {}).get('fingerprint', '')}:{on_disk}")
    return "|".join(parts)


def _shared(qualname: str, data_version: str, key: str, func: Callable, args: tuple, kwargs: dict) -> Any:
    return _RESULTS.get((qualname, data_version, key), lambda: func(*args, **kwargs))


def once(func: Callable, *args, tables: list[str], key: str = "", folder: Path | None = None) -> Any:
    """``func(*args)`` computed once per version of the processed ``tables`` (and ``key``).

    For the derived tables the pages compute from processed data (e.g. the Fragmentation
    page's instruments and findings): a rerun with unchanged data reuses the result. ``key``
    must name every argument that is not determined by ``tables`` (a language, a choice).
    The result is shared between sessions: never change it in place.
    """
    folder = PROCESSED if folder is None else folder
    return _ready(_shared(f"{func.__module__}.{func.__qualname__}", version(tables, folder), key, func, args, {}))


PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> bool:
    """A value a reader can choose: a scalar, or a flat list, tuple or set of scalars."""
    if type(value) in (list, tuple, set, frozenset):  # exactly these: a subclass may carry data
        return all(isinstance(item, PLAIN) for item in value)
    return isinstance(value, PLAIN)


def parameter_key(args: tuple, params: dict) -> str:
    """The cache key of a call: every plain argument by value, any other (data) by its position.

    Data arguments (tables, dicts of sources, derived objects) are keyed by the data version
    instead, so they must be determined by the ``tables`` named with them.
    """
    parts = [repr(value) if _plain(value) else f"<{type(value).__name__}>" for value in args]
    parts += [f"{name}={value!r}" if _plain(value) else f"{name}=<{type(value).__name__}>"
              for name, value in sorted(params.items())]
    return ",".join(parts)


def cached(builder: Callable, *args, tables: list[str], key: str = "", then: tuple = (), folder: Path | None = None,
           **params) -> Any:
    """``builder(*args, **params)`` built once per data version and parameter values.

    For figures (and the ``(figure, extra)`` pairs some builders return; :func:`figure` is
    the same function) and for derived tables with keyword arguments: the key is the
    version of ``tables`` plus the value of every plain argument (a language, a year, a font
    scale, a list of chosen ids; see :func:`parameter_key`). Every other argument must be
    derived from ``tables`` alone: a table filtered by a reader's choice would be served
    from the wrong entry. The figure is shared between sessions, never copied or unpickled:
    a caller must not change it; :func:`ui.show_figure` knows such figures by ``_shared``.
    ``key`` names a choice that reaches the builder only inside a data argument. ``then`` is
    a tuple of ``(step, *plain_args)``: each ``step(result, *plain_args)`` changes the figure
    in place before it is shared (e.g. a page's layout adjustments), and is part of the key.
    """
    folder = PROCESSED if folder is None else folder
    steps = tuple((step, *step_args) for step, *step_args in then)
    key = f"{key}|{parameter_key(args, params)}|" + ";".join(
        f"{step.__qualname__}({parameter_key(tuple(step_args), {})})" for step, *step_args in steps)

    def build() -> Any:
        result = builder(*args, **params)
        for step, *step_args in steps:
            step(result, *step_args)
        return result

    return _ready(_shared(f"{builder.__module__}.{builder.__qualname__}", version(tables, folder), key, build, (), {}))


def _ready(built: Any) -> Any:
    """A shared result whose figures (itself, or in a tuple) are frozen for sharing."""
    for item in built if isinstance(built, tuple) else (built,):
        if hasattr(item, "update_traces"):
            with _LOCK:  # sessions that got it from the cache wait until it is ready to share
                if not getattr(item, "_shared", False):
                    _freeze(steady_selection(item))  # what show_figure does to a figure, once, before sharing
    return built


def _freeze(figure: Any) -> None:
    """Mark a shared figure and let its ``to_dict`` (which st.plotly_chart calls on every rerun,
    a deep copy of 1-6 ms per figure) hand out one dict made now; the top level and the layout
    are copied so a caller that sets a key there cannot change the shared figure."""
    frozen = figure.to_dict()

    def to_dict() -> dict:
        return {**frozen, "layout": dict(frozen.get("layout", {}))}

    figure.to_dict = to_dict
    figure._shared = True


_LOCK = threading.Lock()
figure = cached


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
    """The dataset catalogue (shared between sessions: its lookups are built once per data version)."""
    folder = PROCESSED if folder is None else folder
    return once(Catalogue, load("catalogue", folder), tables=["catalogue"], folder=folder)


def normalisers(folder: Path | None = None) -> dict[str, dict]:
    """The normalisers declared in the registry, by id: dataset, per, unit_scale, factor, unit, labels (shared)."""
    folder = PROCESSED if folder is None else folder
    return once(_records_by, load("normalisers", folder), "id", "", tables=["normalisers"], key="normalisers",
                folder=folder)


def sources_by_id(folder: Path | None = None) -> dict[str, dict]:
    """Every source as a dict, by ``source_id`` (shared between sessions: never change it)."""
    folder = PROCESSED if folder is None else folder
    return once(_records_by, load("sources", folder), "source_id", None, tables=["sources"], key="sources",
                folder=folder)


def _records_by(frame: pd.DataFrame, column: str, missing: Any) -> dict[str, dict]:
    """Every row as a dict (``missing`` where a value is), by ``column``; shared: never change it."""
    return {row[column]: row for row in frame.astype(object).where(frame.notna(), missing).to_dict("records")}


def basics(folder: Path | None = None) -> tuple[Catalogue, pd.DataFrame, pd.DataFrame, dict[str, dict]]:
    """What most pages start from: the catalogue, indicators, provinces and sources by id."""
    folder = PROCESSED if folder is None else folder
    return catalogue(folder), load("indicators", folder), load("provinces", folder), sources_by_id(folder)
