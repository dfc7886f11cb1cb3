"""The dashboard's code, in layers that import only downward (``tests/test_layers.py``).

0. ``text`` (words, numbers, escaping) and ``figures.style`` (colours, fonts, static URLs): no project imports.
1. ``domain/``: pandas only; tables, statistics and the sentences about them.
2. ``figures/``: Plotly figures from domain results, their texts and the style.
3. ``data``: the only module that reads files or calls ``st.cache_data``.
4. ``ui``: Streamlit widgets shared by the pages (URL state, figure display, sidebar).

Page files in ``app_pages/`` sit on top and hold widgets and calls only."""
