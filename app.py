"""Entry point: ``streamlit run app.py``. Pages are registered explicitly with st.navigation."""

from __future__ import annotations

import streamlit as st

from components.data import DataFileError
from components.page import app_run, sidebar_settings

st.set_page_config(page_title="China's social credit systems, region by region", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("pages/map_explorer.py", title="Map explorer", icon="🗺️", url_path="map", default=True),
    st.Page("pages/compare.py", title="Compare", icon="⚖️", url_path="compare"),
    st.Page("pages/cities.py", title="Cities", icon="📍", url_path="cities"),
    st.Page("pages/timeline.py", title="Timeline", icon="📅", url_path="timeline"),
    st.Page("pages/fragmentation.py", title="Fragmentation", icon="🧩", url_path="fragmentation"),
    st.Page("pages/sources.py", title="Sources & data", icon="📚", url_path="sources"),
]

navigation = st.navigation(PAGES)
sidebar_settings()
with app_run():
    try:
        navigation.run()
    except DataFileError as error:
        st.error(str(error))
