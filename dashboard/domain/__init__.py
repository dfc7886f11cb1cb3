"""Domain logic: pure functions of pandas tables. No Streamlit, no Plotly, no file reads."""
