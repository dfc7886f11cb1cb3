"""Page chrome shared by every page: language, presentation mode, figure display."""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from components.maps import plot_config

LANGUAGES = {"en": "English", "zh": "中文"}
APP = Path(__file__).resolve().parent.parent / "app.py"
_APP_THREADS: set[int] = set()


@contextmanager
def app_run() -> Iterator[None]:
    """Mark the current script run as going through app.py's st.navigation."""
    ident = threading.get_ident()
    _APP_THREADS.add(ident)
    try:
        yield
    finally:
        _APP_THREADS.discard(ident)


def require_app() -> None:
    """Route a page that Streamlit started on its own through app.py.

    On a freshly started server, the first request for a deep link (``/timeline``) is
    served by Streamlit's legacy ``pages/`` discovery, which runs the page file without
    app.py: no shared settings, no navigation. Running app.py here routes the same URL
    through ``st.navigation`` (which also switches the legacy mode off for good).
    """
    if threading.get_ident() in _APP_THREADS:
        return
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()
PRESENT_FONT_SCALE = 1.35


def settings() -> tuple[str, bool]:
    """Language and presentation mode, both bound to the URL (``?lang=zh&present=true``)."""
    lang = st.session_state.get("lang", "en")
    present = bool(st.session_state.get("present", False))
    return (lang if lang in LANGUAGES else "en"), present


def sidebar_settings() -> None:
    """Draw the language switch and presentation toggle (called once, from app.py)."""
    accept_id_in_url("lang", list(LANGUAGES))
    with st.sidebar:
        st.radio("Language / 语言", list(LANGUAGES), format_func=LANGUAGES.get, key="lang",
                 bind="query-params", horizontal=True)
        st.toggle("Presentation mode", key="present", bind="query-params",
                  help="Hides the sidebar and controls and enlarges fonts, for screenshots and slides.")
    if st.session_state.get("present"):
        st.markdown(
            "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']"
            "{display:none} .block-container{padding-top:1rem;max-width:100%}</style>",
            unsafe_allow_html=True,
        )


def font_scale() -> float:
    """Figure font multiplier: larger in presentation mode."""
    return PRESENT_FONT_SCALE if settings()[1] else 1.0


def show_figure(figure: go.Figure, filename: str, *, key: str | None = None, on_select: str = "ignore"):
    """Show a Plotly figure with the shared export config (2x PNG named ``filename``)."""
    return st.plotly_chart(
        figure,
        config=plot_config(filename),
        key=key,
        on_select=on_select,
        selection_mode="points",
        theme=None,  # keep the figure's own colours so the screenshot matches the PNG export
    )


def accept_id_in_url(key: str, options: list) -> None:
    """Let a URL name an option by its id as well as by its displayed label.

    A bound widget writes its formatted label to the URL (readable, but it changes with
    the language). Links that use the stable id (``?indicator=population_2020``,
    ``?province=440000``) are honoured here by setting the widget's state before it is
    drawn; anything else is left to Streamlit, which ignores invalid values.
    """
    wanted = st.query_params.get(key)
    if wanted is None:
        return
    for option in options:
        if str(option) == wanted:
            st.session_state[key] = option
            return
