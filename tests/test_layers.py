"""The app package's layer order, read from the source with ``ast`` (nothing is imported).

``dashboard/__init__.py`` states the layers. A module may import its own layer or a lower
one, never a higher one; only ``dashboard/data.py`` reads files or calls ``st.cache_data``;
Streamlit stays in ``data`` and ``ui``, Plotly in ``figures`` and ``ui``, scipy in
``domain/clustering.py`` and ``domain/statistics.py``; page files import the package, never
each other; no module is longer than 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dashboard"
PAGES = ROOT / "app_pages"
MAX_MODULE_LINES = 400
# Lower numbers sit lower; text and style are the floor.
LAYERS = {"text": 0, "figures.style": 0, "domain": 1, "figures": 2, "data": 3, "ui": 4}
FILE_READS = {"read_text", "read_bytes", "read_parquet", "read_csv", "open", "load", "loads_file"}
ALLOWED_THIRD_PARTY = {
    "streamlit": {"data", "ui"},
    "plotly": {"figures", "ui"},
    "scipy": {"domain.clustering", "domain.statistics"},
}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def layer_of(name: str) -> int:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return LAYERS[prefix]
    raise AssertionError(f"dashboard.{name} belongs to no layer: add it to LAYERS")


def imports(path: Path) -> list[str]:
    """Every module ``path`` imports, at any depth (function-level imports included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            if node.module == "dashboard" or node.module.startswith("dashboard."):
                found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def allowed_in(owner: str, name: str) -> bool:
    return any(owner == place or owner.startswith(place + ".") for place in ALLOWED_THIRD_PARTY[name])


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_only_go_down(path):
    own = module_name(path)
    for imported in imports(path):
        if imported.startswith("dashboard."):
            target = imported.removeprefix("dashboard.")
            if (PACKAGE / target.replace(".", "/")).with_suffix(".py").exists() or (
                PACKAGE / target.replace(".", "/")
            ).is_dir():
                assert layer_of(target) <= layer_of(own), f"dashboard.{own} imports higher dashboard.{target}"
        top = imported.split(".")[0]
        if top in ALLOWED_THIRD_PARTY:
            assert allowed_in(own, top), f"dashboard.{own} imports {top}"
        assert top not in {"components", "app_pages"}, f"dashboard.{own} imports {imported}"


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_only_the_data_module_reads_files_or_caches(path):
    if module_name(path) == "data":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr not in {"cache_data", "cache_resource"}, f"{path.name} caches"
            assert node.attr not in FILE_READS - {"load"}, f"{path.name} reads a file ({node.attr})"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "open", f"{path.name} opens a file"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.py")), ids=lambda p: p.name)
def test_pages_import_the_package_not_each_other(path):
    for imported in imports(path):
        assert not imported.startswith(("app_pages", "components")), f"{path.name} imports {imported}"
