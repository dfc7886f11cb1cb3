"""Shared fixtures for the ETL tests.

Other people edit ``data/raw`` and ``data/registry.toml`` while tests run, so the session
takes one snapshot of them at the start. Every ETL test works on copies of that snapshot
and of one output folder built from it, so the tests agree with each other and never touch
the repository's files.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from etl.build import Report, build

ROOT = Path(__file__).resolve().parent.parent
REPO_RAW = ROOT / "data" / "raw"
REPO_REGISTRY = ROOT / "data" / "registry.toml"
REPO_PROCESSED = ROOT / "data" / "processed"


def quiet(_message: str) -> None:
    """Progress callback that prints nothing."""


def hash_tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (hidden files included), by relative path."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_inputs(source_data: Path, target: Path) -> Path:
    """Copy ``source_data/raw`` and ``source_data/registry.toml`` to ``target/data``.

    Returns the new raw folder; the registry sits beside it, as the ETL expects.
    """
    data = target / "data"
    shutil.copytree(source_data / "raw", data / "raw")
    shutil.copy2(source_data / "registry.toml", data / "registry.toml")
    return data / "raw"


@pytest.fixture(scope="session")
def raw_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's raw files, taken when the session starts."""
    target = tmp_path_factory.mktemp("snapshot")
    shutil.copytree(REPO_RAW, target / "data" / "raw")
    shutil.copy2(REPO_REGISTRY, target / "data" / "registry.toml")
    return target / "data" / "raw"


@pytest.fixture(scope="session")
def first_build(
    raw_snapshot: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Report]:
    """An output folder built once from the snapshot into an empty folder, and the report."""
    out = tmp_path_factory.mktemp("built") / "processed"
    report = build(raw_snapshot, out, progress=quiet)
    return out, report


@pytest.fixture(scope="session")
def built_out(first_build: tuple[Path, Report]) -> Path:
    """The output folder of ``first_build``. Read it; copy it (``out_copy``) before changing it."""
    return first_build[0]


@pytest.fixture
def raw_copy(raw_snapshot: Path, tmp_path: Path) -> Path:
    """A private copy of the raw files (``tmp/data/raw`` + ``tmp/data/registry.toml``)."""
    return copy_inputs(raw_snapshot.parent, tmp_path)


@pytest.fixture
def out_copy(built_out: Path, tmp_path: Path) -> Path:
    """A private copy of the built output folder, up to date with ``raw_copy``."""
    target = tmp_path / "processed"
    shutil.copytree(built_out, target)
    return target


@pytest.fixture(scope="session")
def provinces_table() -> pd.DataFrame:
    """``provinces.csv`` of the repository as strings."""
    return pd.read_csv(REPO_RAW / "provinces.csv", dtype=str, keep_default_na=False)


def run_app_page(page: str, state: dict | None = None, **params):
    """Run ``app.py`` on ``app_pages/<page>.py`` through AppTest and return it.

    ``params`` go into the URL. Language and presentation mode belong to app.py's
    sidebar, which AppTest's page switch does not render, so they are set through
    ``state`` (session state) instead.
    """
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.switch_page(f"app_pages/{page}.py")
    for key, value in (state or {}).items():
        app.session_state[key] = value
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()
