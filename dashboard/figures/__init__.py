"""Plotly figures: pure functions from domain results, their texts and a style to figures."""
