"""The first screen: what the dashboard shows, in one sentence, four numbers and one picture."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.domain import regulations as reg
from dashboard.figures.regulations import matrix_figure
from dashboard.text import OVERVIEW_WORDS, REGULATION_WORDS, name_pair
from dashboard.ui import font_scale, settings, show_figure

lang, present = settings()
scale = font_scale()
words = OVERVIEW_WORDS[lang]
provisions = data.load("regulation_provisions")
items = data.load("regulation_items").sort_values("position")
regulations = data.load("regulations_provincial")
provinces = data.load("provinces")
areas = data.load("demonstration_areas")
scores = data.load("city_scores")

n_in_scope = int(provinces["in_scope"].astype(bool).sum())
adopted = regulations[regulations["status"] == "adopted"]
coded = provisions[provisions["level"] == "province"]
family_items = items.loc[items["family"] == "provision", "item"]
shares = reg.prevalence(coded, items[items["family"] == "provision"])
n_scores = int(((scores["kind"] == "score") & scores["distinct_scheme"].astype(bool)).sum())

st.title(words["title"])
st.markdown(f"#### {words['thesis']}")

cards = st.columns(4)
headline = [
    (words["regulations_value"].format(n=len(adopted), total=n_in_scope),
     words["regulations_label"].format(first=adopted["adopted"].min()[:4], last=adopted["adopted"].max()[:4]),
     "app_pages/regulations.py", "regulations_provincial"),
    (words["shared_value"].format(all=int((shares["share"] == 1).sum()), n=len(shares)),
     words["shared_label"].format(few=int((shares["share"] < 0.5).sum())), "app_pages/regulations.py",
     "regulation_provisions"),
    (words["areas_value"].format(n=len(areas)), words["areas_label"].format(provinces=areas["adcode"].nunique()),
     "app_pages/cities.py", "demonstration_areas"),
    (words["scores_value"].format(n=n_scores), words["scores_label"], "app_pages/cities.py", "city_scores"),
]
for column, (value, label, page, dataset) in zip(cards, headline, strict=True):
    with column, st.container(border=True):
        st.markdown(f"### {value}")
        st.caption(label)
        st.page_link(page, label=words["open"])
        st.page_link("app_pages/sources.py", label=f"{words['source']}: {dataset}",
                     query_params={"dataset": dataset})

rows = reg.regulation_rows(regulations, provisions)
rows = rows[rows["level"] == "province"]
states = reg.matrix_states(provisions, items, rows, family="provision")
labels = dict(zip(items["item"], items["label_zh" if lang == "zh" else "label_en"], strict=True))
names = {r.adcode: name_pair(r.province_zh, r.province_en, lang) for r in regulations.itertuples()}
rwords = REGULATION_WORDS[lang]
show_figure(matrix_figure(states, names, labels, title=words["matrix_title"],
                          subtitle=rwords["coverage"].format(adopted=len(adopted), total=n_in_scope,
                                                             coded=coded["jurisdiction"].nunique()),
                          footer=rwords["footer"].format(n=coded["jurisdiction"].nunique()), words=rwords,
                          font_scale=scale),
            "overview-regulations-matrix", key="overview_matrix")
if not present:
    st.caption(words["how"])
