"""Page chrome shared by every page: language, presentation mode, figure display."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard.figures.maps import plot_config

LANGUAGES = {"en": "English", "zh": "中文"}
PRESENT_FONT_SCALE = 1.35


def settings() -> tuple[str, bool]:
    """Language and presentation mode, both bound to the URL (``?lang=zh&present=true``)."""
    lang = st.session_state.get("lang", "en")
    present = bool(st.session_state.get("present", False))
    return (lang if lang in LANGUAGES else "en"), present


def sidebar_settings() -> None:
    """Draw the language switch and presentation toggle (called once, from app.py)."""
    with st.sidebar:
        url_widget(st.radio, "Language / 语言", list(LANGUAGES), key="lang", default="en",
                   format_func=LANGUAGES.get, horizontal=True)
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


def url_widget(widget, label: str, options: list, *, key: str, default, format_func=str, **kwargs):
    """A choice widget whose value lives in the URL as a stable id.

    ``?indicator=population_2020&province=440000&lang=zh`` reopens the same view in
    any language. Streamlit's own binding stores the displayed label instead, which
    changes with the language, so these widgets keep the URL themselves: the URL
    seeds the widget on a session's first run (ids or labels are accepted; anything
    else falls back to ``default``) and every run writes the current id back,
    leaving the parameter out while it equals the default.

    Parameters
    ----------
    widget : callable
        ``st.selectbox``, ``st.radio`` or ``st.select_slider``.
    label : str
        The widget's label.
    options : list
        The choices; their ``str`` is the id written to the URL.
    key : str
        Widget key and URL parameter name.
    default : object
        The choice when the URL names none, or names one that does not exist.
    format_func : callable
        What the user sees for each option.
    **kwargs
        Passed on to the widget.

    Returns
    -------
    object
        The chosen option.
    """
    if key not in st.session_state or st.session_state[key] not in options:
        wanted = st.query_params.get(key)
        chosen = default
        for option in options:
            if wanted is not None and wanted in (str(option), format_func(option)):
                chosen = option
                break
        st.session_state[key] = chosen
    value = widget(label, options, key=key, format_func=format_func, **kwargs)
    if value == default or value is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    return value
