"""Baseline for the navigation benchmark: a bare Streamlit page with one Plotly bar chart.

Served with the same command and .streamlit/config.toml as the dashboard, so the ratio
"map explorer / baseline" isolates what the dashboard adds on top of Streamlit + Plotly.
The numbers are synthetic on purpose: this page is never shown to a user.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Baseline")
figure = go.Figure(go.Bar(x=["a", "b", "c", "d", "e"], y=[3, 1, 4, 1, 5]))
figure.update_layout(title="One bar chart", height=400)
st.plotly_chart(figure, theme=None)
