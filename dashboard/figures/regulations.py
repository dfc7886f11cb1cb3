"""Figures of the Regulations page: the province × provision matrix, the provision map,
similarity, prevalence, diffusion and text size. Plotly only; every text comes in."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.indicators import source_line
from dashboard.domain.regulations import (
    NO,
    NO_REGULATION,
    NOT_CODED,
    STATES,
    YES,
    Difference,
    PageContext,
    RegulationTables,
    adopted_by_year,
    diffusion,
    first_adopters,
    matrix_states,
)
from dashboard.figures.style import (
    BORDER_COLOUR,
    EDGE_PX,
    FIGURE_PX,
    FONT,
    FOOTER_COLOUR,
    GEO_SETTINGS,
    GEOJSON_URL,
    MISSING_COLOUR,
    OUTSIDE_COLOUR,
    SEQUENTIAL,
    frame_figure,
    wrap_px,
)
from dashboard.text import escape_html, wrap
from dashboard.text.footer import FOOTER_WORDS

# One colour per state; "no" is a light tint of the "yes" hue, so it reads as a coded
# answer, while "not coded" is the grey every page uses for missing, and "no regulation"
# is blank: three states that cannot be mistaken for each other.
STATE_COLOURS = {YES: "#225ea8", NO: "#deebf7", NOT_CODED: MISSING_COLOUR, NO_REGULATION: "#f7f7f7"}
STATE_MARKS = {YES: "✓", NO: "", NOT_CODED: "?", NO_REGULATION: "–"}


def _articles_text(articles: object, words: dict[str, str]) -> str:
    if not isinstance(articles, str) or not articles:
        return ""
    return f"{words['articles']} {articles.replace(';', ', ')}"


def _cell_hover(row: pd.Series, name: str, item_label: str, words: dict[str, str]) -> str:
    lines = [f"<b>{escape_html(name)}</b>", escape_html(item_label), f"<b>{words[row['state']]}</b>"]
    cited = _articles_text(row.get("articles"), words)
    if cited:
        lines.append(cited)
    value = row.get("value")
    if row["state"] == YES and value is not None and not pd.isna(value):
        lines.append(f"{value:g} {words['years']}")
    note = row.get("note")
    if isinstance(note, str) and note:
        lines.append("<i>" + wrap(escape_html(note), 60) + "</i>")
    return "<br>".join(lines)


def _footer(figure: go.Figure, footer: str, base: float, y: float, shift: float = 0.0) -> None:
    # Wrapped for the narrowest full-width figure, so it never runs past the right edge.
    figure.add_annotation(text=wrap_px(footer, FIGURE_PX - 2 * EDGE_PX, base * 0.8), showarrow=False, xref="paper", yref="paper", x=0.0, y=y, yshift=shift,
                          xanchor="left", yanchor="top", align="left",
                          font={"size": base * 0.8, "color": FOOTER_COLOUR})


def _layout(figure: go.Figure, *, title: str, subtitle: str, height: int, base: float, margin: dict,
            **extra) -> None:
    """The layout every figure here shares: no template, white paper, title with subtitle at top left."""
    figure.update_layout(
        template="none", height=height, font={"family": FONT, "size": base}, paper_bgcolor="white",
        title={"text": title, "subtitle": {"text": subtitle, "font": {"size": base}}, "x": 0.01, "xanchor": "left",
               "font": {"size": base * 1.35}},
        margin=margin, **extra,
    )


def _cells(grid: pd.DataFrame, rows: list, items: list, words: dict[str, str]) -> tuple[list, list, list]:
    """Per cell: the state's code, its mark and the compact hover ``[state, articles]``.

    Hover comes from compact customdata and the axis labels, not one long string per cell:
    the matrix is sent on every rerun. Notes are in the table below it.
    """
    code = {state: i for i, state in enumerate(STATES)}
    cells = [[grid.loc[(jurisdiction, item)] for item in items] for jurisdiction in rows]
    z = [[code[cell["state"]] for cell in row] for row in cells]
    text = [[STATE_MARKS[cell["state"]] for cell in row] for row in cells]
    hover = [[[words[cell["state"]], _articles_text(cell.get("articles"), words)] for cell in row] for row in cells]
    return z, text, hover


def matrix_figure(states: pd.DataFrame, row_names: dict[str, str], item_labels: dict[str, str], *,
                  title: str, subtitle: str, footer: str, words: dict[str, str],
                  font_scale: float = 1.0) -> go.Figure:
    """Regulations (rows, in the order given) × items (columns) as four labelled states.

    Parameters
    ----------
    states : pandas.DataFrame
        From :func:`dashboard.domain.regulations.matrix_states`.
    row_names, item_labels : dict
        Display name of each jurisdiction and item.
    words : dict
        Labels of the four states and of "articles" / "years", in the page language.
    """
    rows = states.drop_duplicates("jurisdiction")["jurisdiction"].tolist()
    items = states.drop_duplicates("item").sort_values("position")["item"].tolist()
    z, text, hover = _cells(states.set_index(["jurisdiction", "item"]), rows, items, words)
    n = len(STATES)
    scale = [stop for i, state in enumerate(STATES)
             for stop in ([i / n, STATE_COLOURS[state]], [(i + 1) / n, STATE_COLOURS[state]])]
    base = 12 * font_scale
    columns = [escape_html(item_labels[i]) for i in items]
    figure = go.Figure(go.Heatmap(
        z=z, x=columns, y=[escape_html(row_names[r]) for r in rows], text=text, texttemplate="%{text}",
        textfont={"size": base * 0.9, "color": "#ffffff"}, customdata=hover,
        hovertemplate="<b>%{y}</b><br>%{x}<br><b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        colorscale=scale, zmin=-0.5, zmax=n - 0.5,
        xgap=1.5, ygap=1.5,
        colorbar={"tickvals": list(range(n)), "ticktext": [words[s] for s in STATES], "thickness": 12,
                  "len": 0.5, "y": 1.0, "yanchor": "top", "outlinewidth": 1, "outlinecolor": BORDER_COLOUR},
    ))
    row_px = 22 * font_scale
    header_px = 215 * font_scale
    height = int(len(rows) * row_px + header_px + 140 * font_scale)
    figure.update_xaxes(side="top", tickangle=-55, tickfont={"size": base * 0.85}, showgrid=False, automargin=False)
    figure.update_yaxes(autorange="reversed", tickfont={"size": base * 0.9}, showgrid=False, automargin=True)
    _layout(figure, title=title, subtitle=subtitle, height=height, base=base, plot_bgcolor="white",
            margin={"l": 10, "r": 10, "t": header_px + 40 * font_scale, "b": 90 * font_scale})
    figure.update_layout(title={"y": 0.995, "yanchor": "top"})
    dark = [(c, escape_html(row_names[r]), m) for r, row in zip(rows, text, strict=True)
            for c, m in zip(columns, row, strict=True) if m and m != STATE_MARKS[YES]]
    if dark:  # marks of the light cells, in dark ink (a heatmap has one text colour)
        figure.add_trace(go.Scatter(x=[d[0] for d in dark], y=[d[1] for d in dark], text=[d[2] for d in dark],
                                    mode="text", textfont={"size": base * 0.9, "color": "#333333"},
                                    hoverinfo="skip", showlegend=False))
    figure.data[0].text = [[m if m == STATE_MARKS[YES] else "" for m in r] for r in text]
    _footer(figure, footer, base, -60 * font_scale / max(height, 1) - 0.005)
    return figure


def provision_map(states: pd.DataFrame, provinces: pd.DataFrame, *, title: str, subtitle: str,
                  footer: str, words: dict[str, str], item_label: str, lang: str = "en",
                  geojson: str | dict = GEOJSON_URL, font_scale: float = 1.0) -> go.Figure:
    """Which provinces' regulations provide for one item: one trace (and legend entry) per state.

    ``states`` holds one row per in-scope province (``jurisdiction`` = adcode) for one item.
    Hong Kong, Macao and Taiwan get the neutral outside shade, never a state.
    """
    names = provinces.set_index("adcode")

    def name_of(code: str) -> str:
        en, zh = names.at[code, "name_en"], names.at[code, "name_zh"]
        return f"{zh} {en}" if lang == "zh" else f"{en} {zh}"

    common = {"geojson": geojson, "featureidkey": "properties.adcode", "marker_line_color": BORDER_COLOUR,
              "marker_line_width": 0.6, "showscale": False, "hovertemplate": "%{customdata}<extra></extra>"}
    figure = go.Figure()
    outside = names[~names["in_scope"].astype(bool)].index.tolist()
    groups = [("outside", OUTSIDE_COLOUR, outside, [f"<b>{name_of(c)}</b><br>{words['outside']}" for c in outside])]
    for state in STATES:
        subset = states[states["state"] == state]
        hover = [_cell_hover(row, name_of(row["jurisdiction"]), item_label, words) for _, row in subset.iterrows()]
        groups.append((state, STATE_COLOURS[state], subset["jurisdiction"].tolist(), hover))
    for state, colour, codes, hover in groups:
        if not codes:
            continue
        label = words["outside"] if state == "outside" else f"{words[state]} ({len(codes)})"
        figure.add_trace(go.Choropleth(locations=codes, z=[0] * len(codes), customdata=hover,
                                       colorscale=[[0, colour], [1, colour]], name=label, showlegend=True,
                                       **common))
    base = 13 * font_scale
    figure.update_geos(**GEO_SETTINGS)
    _layout(figure, title=title, subtitle=subtitle, height=int(560 * font_scale), base=base,
            margin={"l": 10, "r": 10, "t": 80 * font_scale, "b": 110 * font_scale},
            legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0.01, "font": {"size": base * 0.9}},
            clickmode="none")  # clicking a province must not fade the others
    # In pixels under the map (12% of its 370-px plot: 560 less the margins): the page may draw it taller.
    _footer(figure, footer, base, 0.0, shift=-0.12 * 370 * font_scale)
    return figure


def similarity_figure(similarity: pd.DataFrame, order: list[str], names: dict[str, str], *, title: str,
                      subtitle: str, footer: str, hover_label: str, font_scale: float = 1.0) -> go.Figure:
    """Pairwise Jaccard similarity of provision sets, rows and columns in ``order``."""
    matrix = similarity.loc[order, order]
    labels = [escape_html(names[c]) for c in order]
    base = 12 * font_scale
    figure = go.Figure(go.Heatmap(
        z=matrix.to_numpy().round(3), x=labels, y=labels,
        hovertemplate=f"<b>%{{y}}</b> · <b>%{{x}}</b><br>{escape_html(hover_label)}: %{{z:.2f}}<extra></extra>",
        colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)], zmin=0, zmax=1,
        colorbar={"title": {"text": escape_html(hover_label), "side": "right"}, "thickness": 12, "len": 0.6},
    ))
    figure.update_xaxes(tickangle=-60, tickfont={"size": base * 0.85}, automargin=True)
    figure.update_yaxes(autorange="reversed", tickfont={"size": base * 0.85}, automargin=True)
    # The rotated column names need about 150 px under the plot; the footer goes below them.
    frame_figure(figure, title=escape_html(title), subtitle=escape_html(subtitle), footer=footer,
                 plot_px=len(order) * 20 * font_scale, font_scale=font_scale, above=10, below=150)
    figure.update_layout(template="none")
    return figure


def prevalence_figure(shares: pd.DataFrame, labels: dict[str, str], *, title: str, subtitle: str,
                      footer: str, axis_title: str, font_scale: float = 1.0) -> go.Figure:
    """Horizontal bars: how many coded regulations establish each item, most common on top."""
    frame = shares.sort_values(["yes", "position"], ascending=[True, False])
    colour = ["#225ea8" if s == 1 else ("#7fcdbb" if s >= 0.5 else "#e69f00") for s in frame["share"]]
    text = [f"{y} / {c}" for y, c in zip(frame["yes"], frame["coded"], strict=True)]
    base = 12 * font_scale
    figure = go.Figure(go.Bar(
        x=frame["yes"], y=[wrap(escape_html(labels[i]), 44) for i in frame["item"]], orientation="h",
        marker_color=colour, text=text, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    ))
    height = int(len(frame) * 24 * font_scale + 200 * font_scale)
    figure.update_xaxes(title={"text": axis_title}, range=[0, frame["coded"].max() * 1.15], showgrid=True,
                        gridcolor="#eee", automargin=True)
    figure.update_yaxes(automargin=True)
    _layout(figure, title=title, subtitle=subtitle, height=height, base=base,
            margin={"l": 10, "r": 30, "t": 80 * font_scale, "b": 110 * font_scale}, bargap=0.25)
    _footer(figure, footer, base, -90 * font_scale / height)
    return figure


def diffusion_figure(spread: pd.DataFrame, labels: dict[str, str], total_by_year: pd.Series, *, title: str,
                     subtitle: str, footer: str, words: dict[str, str], font_scale: float = 1.0) -> go.Figure:
    """Cumulative number of regulations with each chosen item, against all regulations adopted."""
    base = 12 * font_scale
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=total_by_year.index, y=total_by_year.values, name=words["all_adopted"],
                                mode="lines", line={"color": "#999", "dash": "dot", "width": 2}))
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    for i, (item, group) in enumerate(spread.groupby("item", sort=False)):
        figure.add_trace(go.Scatter(x=group["year"], y=group["count"], name=escape_html(labels[item]),
                                    mode="lines+markers", line={"color": palette[i % len(palette)], "width": 2.5},
                                    line_shape="hv"))
    figure.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    figure.update_yaxes(title={"text": words["regulations"]}, rangemode="tozero", gridcolor="#eee")
    _layout(figure, title=title, subtitle=subtitle, height=int(460 * font_scale), base=base,
            margin={"l": 60, "r": 20, "t": 80 * font_scale, "b": 150 * font_scale},
            legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0.0})
    _footer(figure, footer, base, -0.42)
    return figure


def size_figure(texts: pd.DataFrame, names: dict[str, str], *, title: str, subtitle: str, footer: str,
                words: dict[str, str], font_scale: float = 1.0) -> go.Figure:
    """Articles per regulation (bars, in adoption order) with the number of chapters as text."""
    base = 12 * font_scale
    labels = [escape_html(names[c]) for c in texts["adcode"]]
    figure = go.Figure(go.Bar(
        x=labels, y=texts["n_articles"], marker_color="#41b6c4",
        text=[f"{int(c)}" for c in texts["n_chapters"]], textposition="inside",
        customdata=[f"<b>{label}</b><br>{int(a)} {words['articles_n']} · {int(c)} {words['chapters_n']}<br>{d}"
                    for label, a, c, d in zip(labels, texts["n_articles"], texts["n_chapters"], texts["adopted"],
                                              strict=True)],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    figure.update_xaxes(tickangle=-55, tickfont={"size": base * 0.85}, automargin=True)
    figure.update_yaxes(title={"text": words["articles_n"]}, gridcolor="#eee")
    _layout(figure, title=title, subtitle=subtitle, height=int(440 * font_scale), base=base,
            margin={"l": 60, "r": 20, "t": 80 * font_scale, "b": 170 * font_scale})
    _footer(figure, footer, base, -0.5)
    return figure


# ------------------------------------------------------------------ the page's figures
# Each takes the tables and the shared context and returns a finished figure, so the page
# can cache it once per data version and control value.


def _credit(context: PageContext, style: dict, jurisdictions) -> str:
    """The footer: how the texts were coded, then the one source credit (every text cited, the data date).

    ``style`` carries ``sources`` (every source by id) and ``cited`` (each coded
    jurisdiction's text, :func:`dashboard.domain.regulation_rows.cited_texts`).
    """
    ids = [style["cited"][j] for j in jurisdictions if j in style["cited"]]
    coding = FOOTER_WORDS[context.lang]["coding"]
    return f"{coding}<br>{source_line(ids, style['sources'], lang=context.lang)}"


def _coverage(context: PageContext, words: dict[str, str]) -> str:
    return words["coverage"].format(adopted=context.n_adopted, total=context.n_in_scope, coded=context.n_coded)


def page_matrix(tables: RegulationTables, context: PageContext, family: str, with_cities: bool,
                style: dict) -> go.Figure:
    """The matrix of one family of items, rows in adoption order."""
    words = style["words"]
    rows = context.shown_rows(with_cities)
    states = matrix_states(tables.provisions, tables.items, rows, family=family)
    return matrix_figure(states, context.names, context.labels,
                         title=words["matrix_title"].format(family=words[f"family_{family}"]),
                         subtitle=_coverage(context, words), footer=_credit(context, style, rows.loc[rows["has_regulation"], "jurisdiction"]),
                         words=words, font_scale=style["font_scale"])


def page_map(tables: RegulationTables, context: PageContext, item: str, style: dict) -> go.Figure:
    """Which provinces' regulations provide for ``item``."""
    words = style["words"]
    provinces = context.shown_rows(False)
    states = matrix_states(tables.provisions, tables.items[tables.items["item"] == item], provinces, family=None)
    subtitle = words["map_subtitle"].format(yes=int((states["state"] == YES).sum()), coded=context.n_coded,
                                            total=context.n_in_scope)
    return provision_map(states, tables.provinces, title=context.labels[item], subtitle=subtitle,
                         footer=_credit(context, style, provinces["jurisdiction"]), words=words, item_label=context.labels[item],
                         lang=context.lang, font_scale=style["font_scale"])


def page_prevalence(context: PageContext, difference: Difference, style: dict) -> go.Figure:
    words = style["words"]
    return prevalence_figure(difference.shares, context.labels, title=words["prevalence_title"],
                             subtitle=_coverage(context, words), footer=_credit(context, style, difference.similarity.index),
                             axis_title=words["regulations"], font_scale=style["font_scale"])


def page_similarity(context: PageContext, difference: Difference, style: dict) -> go.Figure:
    words = style["words"]
    return similarity_figure(difference.similarity, difference.order, context.names, title=words["similarity_title"],
                             subtitle=words["similarity_subtitle"], footer=_credit(context, style, difference.similarity.index),
                             hover_label=words["similarity"], font_scale=style["font_scale"])


def page_size(tables: RegulationTables, context: PageContext, style: dict) -> go.Figure:
    words = style["words"]
    texts = tables.regulations[tables.regulations["status"] == "adopted"].sort_values("adopted")
    return size_figure(texts, context.names, title=words["size_title"], subtitle=_coverage(context, words),
                       footer=_credit(context, style, texts["adcode"]), words=words, font_scale=style["font_scale"])


def page_diffusion(tables: RegulationTables, context: PageContext, chosen: tuple[str, ...],
                   style: dict) -> tuple[go.Figure, list[dict[str, str]]]:
    """Cumulative adoption of the chosen items, and their first adopters."""
    words = style["words"]
    coded = tables.provisions[tables.provisions["level"] == "province"]
    spread = diffusion(coded[coded["item"].isin(chosen)], context.adopted)
    figure = diffusion_figure(spread, context.labels, adopted_by_year(context), title=words["diffusion_title"],
                              subtitle=_coverage(context, words), footer=_credit(context, style, coded["jurisdiction"].unique()),
                              words=words, font_scale=style["font_scale"])
    return figure, first_adopters(spread, context)
