"""Where the ETL reads and writes by default, and the names of its fixed files."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = ROOT / "data" / "raw"
DEFAULT_OUT = ROOT / "data" / "processed"
# Streamlit serves this folder at /app/static/; the browser's province GeoJSON lives here.
DEFAULT_STATIC = ROOT / "static"
REGISTRY = "registry.toml"
MANIFEST = "manifest.json"
GEOJSON = "provinces.geojson"


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def registry_path(raw: Path) -> Path:
    """``registry.toml`` beside the raw folder (or, failing that, inside it)."""
    return raw.parent / REGISTRY if (raw.parent / REGISTRY).exists() or not (raw / REGISTRY).exists() else raw / REGISTRY
