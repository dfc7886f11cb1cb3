"""Entry point: ``streamlit run app.py``. The frame: page config, navigation, the shared sidebar.

Page files live in ``app_pages/``, a folder name Streamlit does not auto-discover, so every
URL (deep links on a fresh server included) goes through ``st.navigation`` here.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data import DataFileError
from dashboard.ui import frame_words, link_to_view, page_title, sidebar_settings

st.set_page_config(page_title=frame_words()["app_title"], page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title=page_title("overview"), icon="🧭", url_path="overview"),
    st.Page("app_pages/explorer.py", title=page_title("explorer"), icon="🗺️", url_path="explorer"),
    st.Page("app_pages/compare.py", title=page_title("compare"), icon="⚖️", url_path="compare"),
    st.Page("app_pages/cities.py", title=page_title("cities"), icon="📍", url_path="cities"),
    st.Page("app_pages/regulations.py", title=page_title("regulations"), icon="📜", url_path="regulations"),
    st.Page("app_pages/timeline.py", title=page_title("timeline"), icon="📅", url_path="timeline"),
    st.Page("app_pages/fragmentation.py", title=page_title("fragmentation"), icon="🧩", url_path="fragmentation"),
    st.Page("app_pages/sources.py", title=page_title("sources"), icon="📚", url_path="sources"),
]


def _alias(target: st.Page, url_path: str, default: bool = False) -> st.Page:
    """A hidden page at ``/url_path`` that opens ``target`` with the same query (old links keep working)."""

    def redirect() -> None:
        st.switch_page(target, query_params={key: st.query_params.get_all(key) for key in st.query_params})

    redirect.__name__ = f"alias_{url_path}"  # one page identity per alias
    return st.Page(redirect, title=target.title, url_path=url_path, visibility="hidden", default=default)


# Hidden pages that open another page with the same query: / opens the Overview (a default
# page has no path of its own, so if the Overview were the default, /overview would show
# "Page not found"), and /map, where links made before the Overview became the first screen
# point, opens the map explorer.
ALIASES = [_alias(PAGES[0], "home", default=True), _alias(PAGES[1], "map")]

navigation = st.navigation([*PAGES, *ALIASES])
st.session_state["_page"] = navigation.url_path  # scopes the remembered controls (dashboard.ui)
sidebar_settings()
try:
    navigation.run()
except DataFileError as error:
    st.error(str(error))
link_to_view(navigation.url_path)
