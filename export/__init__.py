"""``python -m export DIR``: every page's figures baked into a static site.

Each figure becomes a standalone HTML page (plotly.js served from the site itself, no CDN),
a PNG and an SVG (Plotly's kaleido driving the installed Chromium) and the CSV of the rows it
draws; an index page in English and Chinese lists them with their titles, sources and
coverage. The pages are not written twice: every view is run through Streamlit's
``AppTest`` with ``dashboard.ui.show_figure`` recording what it shows (:mod:`export.record`),
and :mod:`export.site` writes what was recorded.
"""
