"""Page chrome shared by every page: language, presentation mode, figure display."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from functools import partial, wraps
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import data
from dashboard.figures.export import FORMATS, relocated, static_image, steady_selection
from dashboard.figures.maps import map_fit, plot_config
from dashboard.figures.style import FIGURE_PX
from dashboard.text import FRAME_WORDS, words
from dashboard.text import LANGUAGE_CODES as SECTION_LANGUAGES
from dashboard.text.sections import PAGE_SECTIONS, SECTION_WORDS

LANGUAGES = {"en": "English", "zh": "中文"}
PRESENT_FONT_SCALE = 1.35
EXPORT_LABEL = {"en": "Export for slides", "zh": "导出（幻灯片）"}
CSV_LABEL = {"en": "Rows shown (CSV)", "zh": "所示数据（CSV）"}


def settings() -> tuple[str, bool]:
    """Language and presentation mode, both bound to the URL (``?lang=zh&present=true``)."""
    lang = st.session_state.get("lang", "en")
    present = bool(st.session_state.get("present", False))
    return (lang if lang in LANGUAGES else "en"), present


def page_language() -> str:
    """The language before the sidebar's switch is drawn: its state, else the URL's ``lang``."""
    lang = st.session_state.get("lang") or st.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def page_title(url_path: str) -> str:
    """A navigation title in the current language."""
    return frame_words()[f"page_{url_path}"]


def frame_words() -> dict[str, str]:
    """The frame's labels (sidebar, presentation mode, link) in the page language."""
    return words(FRAME_WORDS, page_language())


def _exit_presentation() -> None:
    st.session_state["present"] = False


# Figures are laid out for at least FIGURE_PX (dashboard.figures.style). On a narrower screen
# a figure keeps that width and scrolls sideways inside its own frame, so no text is cut and
# the page itself never scrolls sideways. Streamlit sizes a chart to its full-screen frame.
RESPONSIVE_CSS = f"""<style>
@media (max-width: {FIGURE_PX + 100}px) {{
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {{ overflow-x: auto; }}
  [data-testid="stFullScreenFrame"]:has([data-testid="stPlotlyChart"]) {{ min-width: {FIGURE_PX}px; }}
}}
</style>"""


# A map is drawn as wide as its column: its height is what that width needs (the map keeps
# its shape), but never less than the figure's own height (what a phone and an export show)
# and never more than the window less the page header, so the whole figure stays on screen.
# cqw is the width of the map's own container; Streamlit passes the height it measures to Plotly.
WINDOW_ROOM = "7rem"


def fit_css(key: str, fit: dict) -> str:
    """A style element sizing the map figure inside ``st.container(key=key)`` (see ``maps.map_fit``)."""
    wide = f"calc((100cqw - {fit['side_px']}px) / {fit['aspect']} + {fit['fixed_px']}px)"
    return (f"<style>.st-key-{key} {{ container-type: inline-size; }} "
            f".st-key-{key} [data-testid=\"stPlotlyChart\"] {{ height: max({fit['height']}px, "
            f"min({wide}, calc(100vh - {WINDOW_ROOM}))) !important; }}</style>")


def responsive_css() -> None:
    """Page-level CSS for phone widths (style only: it takes no room on the page)."""
    st.html(RESPONSIVE_CSS)


def sidebar_settings() -> None:
    """Draw the language switch and presentation toggle (called once, from app.py).

    In presentation mode the sidebar is hidden, so the page gets a button that leaves it.
    """
    responsive_css()
    st.session_state.pop(LINK_BOX, None)  # a place reserved by a run that did not finish
    with st.sidebar:
        url_widget(st.radio, FRAME_WORDS["en"]["language"], list(LANGUAGES), key="lang", default="en",
                   format_func=LANGUAGES.get, horizontal=True)
        w = frame_words()
        url_toggle(w["present"], key="present", help=w["present_help"])
    if st.session_state.get("present"):
        st.markdown(
            "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']"
            "{display:none} .block-container{padding-top:1rem;max-width:100%}</style>",
            unsafe_allow_html=True,
        )
        st.button(w["exit_present"], key="exit_present", icon=":material/close_fullscreen:", type="tertiary",
                  on_click=_exit_presentation)


def view_link(url_path: str) -> str:
    """The address of the current view: the page's URL plus every control's id in the URL.

    ``st.context.url`` is the page's address without its query (``None`` outside a browser,
    e.g. under AppTest, where the link is relative).
    """
    base = st.context.url or f"/{url_path}"
    query = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
    return f"{base}?{query}" if query else base


LINK_BOX = "_link_box"  # the sidebar's place for the link, reserved by a section's fragment in this run
LINK_PATH = "_link_path"


def link_to_view(url_path: str) -> None:
    """The link to the current view at the foot of the sidebar, in a code box with a copy button.

    Called after the page has run, so the URL holds every control the page wrote. Not in
    presentation mode, whose sidebar is hidden. A section drawn as a fragment has reserved
    the place (``section_fragment``), so that it can redraw the link when it reruns alone.
    """
    st.session_state[LINK_PATH] = url_path
    box = st.session_state.pop(LINK_BOX, None)
    if box is None:
        with st.sidebar:
            box = st.empty()
    draw_link(box)


def draw_link(box) -> None:
    """The link's caption and code box, drawn in ``box`` (an ``st.empty``)."""
    if settings()[1]:
        return
    w = frame_words()
    with box.container():
        st.caption(w["link"], help=w["link_help"])
        st.code(view_link(st.session_state.get(LINK_PATH, "")), language=None, wrap_lines=True)


def font_scale() -> float:
    """Figure font multiplier: larger in presentation mode."""
    return PRESENT_FONT_SCALE if settings()[1] else 1.0


RECORD_KEY = "_export_figures"  # set to a list in the session to record every figure shown (python -m export)


Rows = pd.DataFrame | Callable[[], pd.DataFrame]


def rows_of(table: Rows) -> pd.DataFrame:
    """The rows behind a figure, computed now if they were passed as a function."""
    return table() if callable(table) else table


def table_csv(table: Rows) -> bytes:
    """The rows behind a figure as UTF-8 CSV (with a byte-order mark, so spreadsheet programs read Chinese)."""
    return rows_of(table).to_csv(index=False).encode("utf-8-sig")


def compact_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table for ``st.dataframe``, its repetitive text columns as categoricals.

    Streamlit sends a table as Arrow; a categorical column goes as a dictionary, each
    distinct text once, so a citation repeated on every row of its source is not resent 100
    times (the Cities table of points: 67 KB → 18 KB). Order and missing cells are unchanged, and
    so are values, but an empty text is shown as "—" (Streamlit draws an empty category as "None").
    """
    repetitive = [column for column in frame.columns
                  if (frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype))
                  and frame[column].nunique() <= len(frame) / 2]
    return frame.assign(**{column: frame[column].replace("", "—").astype("category") for column in repetitive})


Drawing = go.Figure | Callable[[], go.Figure]


def slide_image(figure: Drawing, fmt: str) -> bytes:
    """``figure`` as a PNG, SVG or PDF for a slide, its maps' outlines inlined (nothing is fetched).

    ``figure`` may be a function making it, for a figure only the export needs.
    """
    figure = figure() if callable(figure) else figure
    return static_image(relocated(figure, data.static_geojson), fmt, topojson=data.TOPOJSON_DIR)


def show_figure(figure: go.Figure, filename: str, *, table: Rows, key: str | None = None,
                on_select: str = "ignore"):
    """Show a Plotly figure, and under it the slide exports: PNG, SVG, PDF and the rows shown (CSV).

    The images and the CSV are made only when a button is clicked, so showing a figure costs
    nothing extra. ``table`` is exactly the rows the figure draws (as of its year, with its
    per-capita setting and provinces), with source ids and confidence where the data have them;
    pass a function returning them (e.g. ``functools.partial``) when they cost time to build:
    it runs only when the CSV is asked for.
    When the session holds a list under ``RECORD_KEY``, every figure shown is appended to it
    as ``(filename, figure, table)``: the static-site export bakes those.
    """
    shown = figure if getattr(figure, "_shared", False) else steady_selection(figure)  # data.figure: ready
    recorded = st.session_state.get(RECORD_KEY)
    if isinstance(recorded, list):
        recorded.append((filename, shown, rows_of(table)))
    fit = map_fit(shown, font_scale())
    with st.container(key=f"fit-{key or filename}") if fit else nullcontext():
        if fit:
            st.html(fit_css(f"fit-{key or filename}", fit))
        event = st.plotly_chart(
            shown,
            config=plot_config(filename),
            key=key,
            on_select=on_select,
            selection_mode="points",
            theme=None,  # keep the figure's own colours so the screenshot matches the PNG export
            height="stretch" if fit else "content",  # a map's height comes from fit_css
        )
    export_menu(figure, filename, table=table, key=key)
    return event


def export_menu(figure: Drawing, filename: str, *, table: Rows, key: str | None = None,
                label: str | None = None) -> None:
    """The *Export for slides* menu: PNG, SVG and PDF of ``figure`` and its rows as CSV.

    Each file is made only when its button is clicked. ``label`` names a menu for a figure
    that is exported but not shown (e.g. Compare's two maps as one image), which may be
    passed as a function making it, so that it is built only on a click.
    """
    lang = settings()[0]
    with st.popover(label or EXPORT_LABEL[lang]):
        for fmt, mime in FORMATS.items():
            st.download_button(fmt.upper(), data=partial(slide_image, figure, fmt),
                               file_name=f"{filename}.{fmt}",
                               mime=mime, key=f"{key or filename}-{fmt}", on_click="ignore")
        st.download_button(CSV_LABEL[lang], data=partial(table_csv, table), file_name=f"{filename}.csv",
                           mime="text/csv", key=f"{key or filename}-csv", on_click="ignore")


# ------------------------------------------------------------------ the one URL mechanism
#
# Every control a page offers keeps its value in the URL as a stable id (``?mode=ranking``,
# ``?provinces=320000,330000``, ``?shared=true``): a link made in one language opens the
# same view in the other. The URL seeds a control on a run where it has no state yet (ids
# or the labels shown are accepted; anything else falls back to the default); every run
# writes the id back, leaving the parameter out while it equals the default. The value is
# also remembered per page, so leaving a page and coming back keeps its controls.

MAX_TEXT_PARAM = 200  # characters of a text parameter that are kept


def _remembered() -> dict:
    return st.session_state.setdefault("_controls", {})


SHARED_KEYS = {"lang", "present"}  # the same on every page


def _scope(key: str) -> str:
    return key if key in SHARED_KEYS else f"{st.session_state.get('_page', '')}:{key}"


def _seed(key: str, from_url, valid) -> None:
    """Give the widget ``key`` its state: URL first, then its value when the page was left."""
    if key in st.session_state and valid(st.session_state[key]):
        return
    wanted = st.query_params.get_all(key)
    value = from_url(wanted) if wanted else None
    if value is None:
        value = _remembered().get(_scope(key))
        value = value if value is not None and valid(value) else None
    if value is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value


def _keep(key: str, value, default, to_url) -> None:
    _remembered()[_scope(key)] = value
    if value == default or value is None or value == []:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = to_url(value)


def _match(wanted: str, options: list, format_func, aliases=None):
    for option in options:
        names = {str(option), str(format_func(option)), *(aliases(option) if aliases else ())}
        if wanted in names:
            return option
    return None


def url_widget(widget, label: str, options: list, *, key: str, default, format_func=str, aliases=None, **kwargs):
    """A choice widget (``st.selectbox``, ``st.radio``, ``st.select_slider``) kept in the URL.

    ``key`` is both the widget key and the URL parameter; ``options``' ``str`` is the id
    written; ``default`` is chosen when the URL names nothing valid (``None`` for an empty
    selectbox); ``aliases(option)`` gives further names accepted from the URL (e.g. the
    title in the other language). Returns the chosen option.
    """
    _seed(key, lambda wanted: _match(wanted[-1], options, format_func, aliases), lambda value: value in options)
    if key not in st.session_state:
        st.session_state[key] = default
    if default is None and widget is st.selectbox:
        kwargs["index"] = None  # an empty default keeps the selectbox clearable
    value = widget(label, options, key=key, format_func=format_func, **kwargs)
    _keep(key, value, default, str)
    return value


def url_multiselect(label: str, options: list, *, key: str, default: list, format_func=str, **kwargs) -> list:
    """``st.multiselect`` kept in the URL as comma-separated ids (``?provinces=320000,330000``)."""

    def from_url(wanted: list[str]):
        chosen = [_match(part.strip(), options, format_func) for item in wanted for part in item.split(",")]
        chosen = list(dict.fromkeys(c for c in chosen if c is not None))
        return chosen or None

    _seed(key, from_url, lambda value: isinstance(value, list) and all(v in options for v in value))
    if key not in st.session_state:
        st.session_state[key] = [d for d in default if d in options]
    value = st.multiselect(label, options, key=key, format_func=format_func, **kwargs)
    _keep(key, value, [d for d in default if d in options], lambda v: ",".join(map(str, v)))
    return value


def url_toggle(label: str, *, key: str, default: bool = False, **kwargs) -> bool:
    """``st.toggle`` kept in the URL as ``true``/``false``."""
    words = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
    _seed(key, lambda wanted: words.get(wanted[-1].lower()), lambda value: isinstance(value, bool))
    if key not in st.session_state:
        st.session_state[key] = default
    value = bool(st.toggle(label, key=key, **kwargs))
    _keep(key, value, default, lambda v: "true" if v else "false")
    return value


def url_text(label: str, *, key: str, **kwargs) -> str:
    """``st.text_input`` kept in the URL (at most ``MAX_TEXT_PARAM`` characters).

    The value is user input: escape it (``text.escape_markdown``) wherever it is shown.
    """
    _seed(key, lambda wanted: wanted[-1][:MAX_TEXT_PARAM], lambda value: isinstance(value, str))
    if key not in st.session_state:
        st.session_state[key] = ""
    value = st.text_input(label, key=key, max_chars=MAX_TEXT_PARAM, **kwargs)
    _keep(key, value, "", str)
    return value


# Sections: a long page shows one at a time, so only its figures are computed and sent; the
# section's id is in the URL like any control (``?section=diffusion``).


def url_section(page: str, *, claims: dict[str, str] | None = None, key: str = "section") -> str:
    """The section picker of ``page`` (a key of ``PAGE_SECTIONS``); returns the chosen section id.

    ``claims`` maps a URL parameter to the section whose control it is: a link that names
    that parameter but no section (made before the page had sections) opens that section.
    Labels in either language are accepted from the URL; the id is what is written.
    """
    sections = PAGE_SECTIONS[page]
    if key not in st.session_state and key not in st.query_params:
        claimed = next((claims[name] for name in st.query_params if name in (claims or {})), None)
        if claimed in sections:
            st.session_state[key] = claimed
    labels = words(SECTION_WORDS, settings()[0])
    return url_widget(st.segmented_control, labels["picker"], sections, key=key, default=sections[0],
                      format_func=lambda section: labels[f"{page}_{section}"],
                      aliases=lambda section: [SECTION_WORDS[code][f"{page}_{section}"] for code in SECTION_LANGUAGES],
                      required=True, label_visibility="collapsed")


def section_fragment(body: Callable[[], None]) -> Callable[[], None]:
    """``body`` (a section of a page) as a fragment: a change of its own controls reruns and resends it alone.

    Such a rerun writes the controls to the URL but does not run the rest of the page, so the
    section keeps a place in the sidebar for the link to the view (Streamlit lets a fragment
    write there only where it wrote in the full run): ``link_to_view`` fills it after a full
    run, the fragment itself after a rerun of its own.
    """

    @st.fragment
    @wraps(body)
    def section() -> None:
        body()
        with st.sidebar:
            st.session_state[LINK_BOX] = st.empty()
        if get_script_run_ctx().fragment_ids_this_run:  # this fragment alone is running
            draw_link(st.session_state.pop(LINK_BOX))

    return section
