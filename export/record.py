"""Run every page of the app through ``AppTest`` and collect the figures ``show_figure`` shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import data
from dashboard.text import MODES
from dashboard.text.sections import PAGE_SECTIONS
from dashboard.ui import RECORD_KEY

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh")
PAGES = ["overview", "explorer", "compare", "cities", "regulations", "timeline", "fragmentation", "sources"]


@dataclass(frozen=True)
class View:
    """One page with its URL parameters: what a reader opens by a link."""

    page: str
    params: dict[str, str] = field(default_factory=dict)

    def query(self, lang: str) -> str:
        """The view's URL query in ``lang`` (``?lang=zh&mode=ranking``)."""
        params = ({"lang": lang} if lang != "en" else {}) | self.params
        return "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""


@dataclass(frozen=True)
class Baked:
    """One figure as a page showed it: where, in which language, and the rows it draws."""

    view: View
    lang: str
    filename: str
    figure: go.Figure
    table: pd.DataFrame


def views(every_indicator: bool = True) -> list[View]:
    """Every page at its defaults, each section of a long page, each Compare mode, and (optionally)
    each indicator on the map."""
    found = [View(page) for page in PAGES if page != "compare"]
    for page, sections in PAGE_SECTIONS.items():  # a long page shows one section at a time
        at = found.index(View(page)) + 1
        found[at:at] = [View(page, {"section": section}) for section in sections[1:]]
    found += [View("compare", {"mode": mode}) for mode in MODES]
    if every_indicator:
        default = View("explorer")
        names = data.catalogue().province_level()
        found[found.index(default) + 1:found.index(default) + 1] = [View("explorer", {"indicator": n}) for n in names]
    return found


def run_view(view: View, lang: str, timeout: float = 180):
    """Run ``app.py`` on the view's page with recording on; returns the ``AppTest``."""
    from streamlit.testing.v1 import AppTest  # imported here: only the export and tests need it

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    app.switch_page(f"app_pages/{view.page}.py")
    app.session_state["lang"] = lang
    app.session_state[RECORD_KEY] = []
    for key, value in view.params.items():
        app.query_params[key] = value
    return app.run()


def record(view: View, lang: str) -> list[Baked]:
    """The figures one view shows in ``lang``, in page order.

    Raises
    ------
    RuntimeError
        If the page raised an exception: a site must not be baked from a broken page.
    """
    app = run_view(view, lang)
    if app.exception:
        raise RuntimeError(f"{view.page}{view.query(lang)}: {app.exception[0].message}")
    return [Baked(view, lang, name, figure, table) for name, figure, table in app.session_state[RECORD_KEY]]


def record_all(chosen: list[View] | None = None, languages: tuple[str, ...] = LANGUAGES,
               progress=print) -> list[Baked]:
    """Every figure of every view in every language, once per (language, file name)."""
    baked: dict[tuple[str, str], Baked] = {}
    for lang in languages:
        for view in chosen if chosen is not None else views():
            for item in record(view, lang):
                baked.setdefault((lang, item.filename), item)
            progress(f"recorded {view.page}{view.query(lang)}")
    return list(baked.values())
