"""Regulations: what each province's own social credit law provides for, article by article."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.domain import regulations as reg
from dashboard.figures.regulations import (
    diffusion_figure,
    matrix_figure,
    prevalence_figure,
    provision_map,
    similarity_figure,
    size_figure,
)
from dashboard.text import REGULATION_WORDS, bilingual, escape_markdown, name_pair
from dashboard.ui import font_scale, settings, show_figure, url_widget

lang, present = settings()
scale = font_scale()
words = REGULATION_WORDS[lang]
provisions = data.load("regulation_provisions")
items = data.load("regulation_items").sort_values("position")
regulations = data.load("regulations_provincial")
municipal = data.load("regulations_municipal")
coders = data.load("regulation_coding_independent")
provinces = data.load("provinces")

label_column = "label_zh" if lang == "zh" else "label_en"
item_labels = dict(zip(items["item"], items[label_column], strict=True))
names = {row.adcode: name_pair(row.province_zh, row.province_en, lang) for row in regulations.itertuples()}
city_codes = provisions.loc[provisions["level"] == "city", ["jurisdiction", "source_id"]].drop_duplicates("jurisdiction")
city_names = municipal.set_index("source_id")
for row in city_codes.itertuples():
    names[row.jurisdiction] = name_pair(city_names.at[row.source_id, "city_zh"], city_names.at[row.source_id, "city_en"], lang)
adopted = pd.concat([
    regulations.set_index("adcode")["adopted"],
    municipal.set_index("source_id")["adopted"].rename(index=dict(zip(city_codes["source_id"], city_codes["jurisdiction"], strict=True))),
])
n_in_scope = int(provinces["in_scope"].astype(bool).sum())
n_adopted = int((regulations["status"] == "adopted").sum())
n_coded = provisions.loc[provisions["level"] == "province", "jurisdiction"].nunique()
source_ids = sorted(provisions["source_id"].unique())
coverage = words["coverage"].format(adopted=n_adopted, total=n_in_scope, coded=n_coded)
footer = words["footer"].format(n=n_coded)  # the figures below show the provincial texts

st.title(bilingual("Regulations", "社会信用条例", lang))
if not present:
    st.caption(words["intro"])

FAMILIES = ["provision", "sector", "group"]
with st.sidebar:
    st.header(bilingual("Regulations", "条例", lang))
    family = url_widget(st.radio, words["family_label"], FAMILIES, key="family", default="provision",
                        format_func=lambda f: words[f"family_{f}"])
    with_cities = st.toggle(words["with_cities"], key="cities", value=False)

family_items = items.loc[items["family"] == family, "item"].tolist()
rows = reg.regulation_rows(regulations, provisions)
if not with_cities:
    rows = rows[rows["level"] == "province"]
states = reg.matrix_states(provisions, items, rows, family=family)

# 1. The matrix -----------------------------------------------------------------------------
show_figure(matrix_figure(states, names, item_labels, title=words["matrix_title"].format(family=words[f"family_{family}"]),
                          subtitle=coverage, footer=words["footer"].format(n=int(rows["has_regulation"].sum())),
                          words=words, font_scale=scale),
            "regulations-matrix", key="matrix")

# 2. The map of one item --------------------------------------------------------------------
st.subheader(words["map_heading"])
item = url_widget(st.selectbox, words["item_label"], family_items, key="item", default=family_items[0],
                  format_func=item_labels.get)
province_rows = reg.regulation_rows(regulations, provisions)
province_rows = province_rows[province_rows["level"] == "province"]
one = reg.matrix_states(provisions, items[items["item"] == item], province_rows, family=None)
n_yes = int((one["state"] == reg.YES).sum())
show_figure(provision_map(one, provinces, title=item_labels[item],
                          subtitle=words["map_subtitle"].format(yes=n_yes, coded=n_coded, total=n_in_scope),
                          footer=footer, words=words, item_label=item_labels[item], lang=lang, font_scale=scale),
            f"regulations-map-{item}", key="map")

# 3. Two side by side -----------------------------------------------------------------------
st.subheader(words["pair_heading"])
choices = rows.loc[rows["has_regulation"], "jurisdiction"].tolist()
left_col, right_col = st.columns(2)
with left_col:
    left = url_widget(st.selectbox, words["left"], choices, key="left", default=choices[0], format_func=names.get)
with right_col:
    right = url_widget(st.selectbox, words["right"], choices, key="right", default=choices[-1], format_func=names.get)
everything = reg.matrix_states(provisions, items, rows[rows["jurisdiction"].isin([left, right])], family=None)
pair = reg.side_by_side(everything, left, right)
pair.insert(0, words["item"], pair["item"].map(item_labels))
for side in ("left", "right"):
    pair[f"state_{side}"] = pair[f"state_{side}"].map(words)
    pair[f"articles_{side}"] = pair[f"articles_{side}"].fillna("").str.replace(";", ", ")
table = pair.rename(columns={"state_left": names[left], "articles_left": f"{names[left]} · {words['articles']}",
                             "state_right": names[right], "articles_right": f"{names[right]} · {words['articles']}",
                             "differs": words["differs"]}).drop(columns=["item", "position"])
st.caption(words["pair_caption"].format(n=int(pair["differs"].sum()), total=len(pair)))
st.dataframe(table, hide_index=True, width="stretch")

# 4. How different they are -----------------------------------------------------------------
st.subheader(words["difference_heading"])
coded_provinces = provisions[provisions["level"] == "province"]
shares = reg.prevalence(coded_provinces, items[items["family"] == family])
sets = reg.yes_sets(coded_provinces, family_items)
similarity = reg.jaccard_matrix(sets)
pairs = similarity.where(~pd.DataFrame(
    [[i <= j for j in range(len(similarity))] for i in range(len(similarity))],
    index=similarity.index, columns=similarity.columns)).stack()
st.caption(words["similarity_caption"].format(mean=pairs.mean(), low=pairs.min(), high=pairs.max(),
                                              all=int((shares["share"] == 1).sum()),
                                              few=int((shares["share"] < 0.5).sum()), n=len(shares)))
show_figure(prevalence_figure(shares, item_labels, title=words["prevalence_title"], subtitle=coverage,
                              footer=footer, axis_title=words["regulations"], font_scale=scale),
            "regulations-prevalence", key="prevalence")
show_figure(similarity_figure(similarity, reg.order_by_similarity(similarity), names,
                              title=words["similarity_title"], subtitle=words["similarity_subtitle"],
                              footer=footer, hover_label=words["similarity"], font_scale=scale),
            "regulations-similarity", key="similarity")
rare = reg.minority_provisions(coded_provinces[coded_provinces["item"].isin(family_items)], shares)
rare = rare.assign(name=rare["jurisdiction"].map(names),
                   items=rare["items"].map(lambda s: "; ".join(item_labels[i] for i in s.split(";") if i)))
st.caption(words["rare_caption"])
st.dataframe(rare[["name", "count", "items"]].rename(columns={"name": words["regulation"], "count": words["count"],
                                                              "items": words["items"]}),
             hide_index=True, width="stretch")

texts = regulations[regulations["status"] == "adopted"].sort_values("adopted")
show_figure(size_figure(texts, names, title=words["size_title"], subtitle=coverage, footer=footer, words=words,
                        font_scale=scale), "regulations-size", key="size")

# 5. Diffusion ------------------------------------------------------------------------------
st.subheader(words["diffusion_heading"])
spread = reg.diffusion(coded_provinces, adopted)
default_items = [i for i in family_items if shares.set_index("item").at[i, "share"] < 1][:3] or family_items[:1]
chosen = st.multiselect(words["items_label"], family_items, default=default_items, key="diffusion_items",
                        format_func=item_labels.get, max_selections=6)
years = pd.to_numeric(texts["adopted"].str[:4])
total_by_year = pd.Series({y: int((years <= y).sum()) for y in range(int(years.min()), int(years.max()) + 1)})
subset = spread[spread["item"].isin(chosen)]
if chosen:
    show_figure(diffusion_figure(subset, item_labels, total_by_year, title=words["diffusion_title"], subtitle=coverage,
                                 footer=footer, words=words, font_scale=scale), "regulations-diffusion", key="diffusion")
    firsts = subset.drop_duplicates("item")
    st.caption(" · ".join(words["first"].format(item=item_labels[r.item], name=names.get(r.first_jurisdiction, ""),
                                                 date=r.first_adopted) for r in firsts.itertuples()))

# 6. How reliable the coding is -------------------------------------------------------------
st.subheader(words["agreement_heading"])
per_item, overall = reg.coding_agreement(coders, items)
st.caption(words["agreement_caption"].format(agreed=overall["cases"] - overall["disagreements"], cases=overall["cases"],
                                             share=overall["agreement"], kappa=overall["kappa"]))
shown = per_item.assign(item=per_item["item"].map(item_labels),
                        kappa=per_item["kappa"].map(lambda k: "n/a" if pd.isna(k) else f"{k:.2f}"))
st.dataframe(shown.rename(columns={"item": words["item"], "cases": words["cases"], "agreement": words["agreement"],
                                   "kappa": "Cohen's κ", "disagreements": words["disagreements"]}).drop(columns="family"),
             hide_index=True, width="stretch",
             column_config={words["agreement"]: st.column_config.NumberColumn(format="%.3f"),
                            })

# 7. The coded rows, with their articles ----------------------------------------------------
st.subheader(words["rows_heading"])
coded_rows = provisions.assign(regulation=provisions["jurisdiction"].map(names), label=provisions["item"].map(item_labels))
coded_rows = coded_rows[["regulation", "label", "present", "articles", "value", "coding", "note", "source_id"]]
coded_rows = coded_rows.astype(object).where(coded_rows.notna(), "")
st.download_button(words["download"], coded_rows.to_csv(index=False).encode("utf-8"),
                   file_name="regulation_provisions.csv", mime="text/csv")
st.dataframe(coded_rows, hide_index=True, width="stretch", height=320)
st.caption(escape_markdown(words["sources_caption"].format(ids=", ".join(source_ids))))
