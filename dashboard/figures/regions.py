"""The Fragmentation page's region figures: shares of each national total by NBS region, and
demonstration areas against GDP per capita."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.fragmentation import REGION_ORDER, Tables, mainland_codes
from dashboard.domain.indicators import source_line
from dashboard.domain.instruments import cell_text, regions
from dashboard.domain.regions import (
    GDP,
    POPULATION,
    Wealth,
    region_adoption,
    region_measures,
    region_table,
)
from dashboard.domain.statistics import DEFAULT_MIN_N
from dashboard.figures.fragmentation_frame import _figure_words, _layout, _words
from dashboard.figures.fragmentation_frame import region_name as _region_name
from dashboard.figures.style import OTHER_REGION_COLOUR, REGION_COLOURS, UNRELIABLE_COLOUR
from dashboard.text import REGION_ZH, as_text, data_term, join_words, number_text, wrap


def region_figure(tables: Tables, sources: dict[str, dict], *, font_scale: float = 1.0,
                  min_n: int = DEFAULT_MIN_N, lang: str = "en") -> go.Figure:
    """Left: each region's share of the national total of every complete count measure, with
    population and GDP as references. Right: share of the region's provinces with their own
    regulation. Measures reported for only some provinces are left out (see the table)."""
    table = region_table(tables, min_n=min_n)
    adoption = region_adoption(tables, min_n=min_n)
    n_provinces = len(mainland_codes(tables.provinces))
    complete = [m for m in table["measure"].unique()
                if int(table.loc[table["measure"] == m, "n"].sum()) == n_provinces]
    partial = [m for m in table["measure"].unique() if m not in complete]
    region_labels = list(regions(tables.provinces).cat.categories)
    names = measure_names(tables, lang)
    figure = make_subplots(rows=1, cols=2, column_widths=[0.68, 0.32], horizontal_spacing=0.1,
                           subplot_titles=[_words(lang)["fig_region_share"].format(n=n_provinces),
                                           _words(lang)["fig_region_adopted"]])
    for i, measure in enumerate(complete):
        _share_bars(figure, table, measure, i, region_labels, font_scale, names, lang)
    if len(adoption):
        _adoption_bars(figure, adoption, min_n, lang)
    figure.update_xaxes(tickformat=".0%", rangemode="tozero", gridcolor="#e5e5e5")
    figure.update_xaxes(range=[0, 1.25], row=1, col=2)
    figure.update_yaxes(autorange="reversed")
    figure.update_yaxes(showticklabels=True, row=1, col=2)
    _layout(figure, title=_words(lang)["fig_region_title"],
            subtitle=_words(lang)["fig_region_subtitle"],
            footer=_region_footer(tables, adoption, complete, partial, min_n, sources, names, lang),
            plot_px=80 * len(region_labels) * font_scale, font_scale=font_scale, below=30, above=44,
            legend=[names.get(m, m) for m in complete])
    figure.update_layout(barmode="group")
    return figure


def measure_names(tables: Tables, lang: str) -> dict[str, str]:
    """Each region measure's label (``dashboard.domain.regions``) as shown in ``lang``."""
    measures = region_measures(tables)
    if lang != "zh":
        return {m.label: m.label for m in measures}
    fw = _figure_words(lang)
    titles = {n: as_text(t) for n, t in zip(tables.catalogue["name"], tables.catalogue["title_zh"], strict=True)}
    fixed = {"demonstration_areas": fw["measure_demonstration_areas"], POPULATION: fw["measure_population"],
             GDP: fw["measure_gdp"]}
    return {m.label: fixed.get(m.key) or titles.get(m.key) or m.label for m in measures}


REGION_PALETTE = ["#0072B2", "#E69F00", "#999999", "#555555", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def _share_bars(figure: go.Figure, table: pd.DataFrame, measure: str, i: int, region_labels: list[str],
                font_scale: float, names: dict[str, str], lang: str) -> None:
    """One measure's share of the national total per region; references (population, GDP) hatched."""
    rows = table[table["measure"] == measure].set_index("region").reindex(region_labels)
    reference = "(reference)" in measure
    figure.add_trace(
        go.Bar(
            y=[f"{r} {REGION_ZH.get(r, '')}" for r in region_labels], x=rows["share_of_total"],
            orientation="h", name=names.get(measure, measure), marker={"color": REGION_PALETTE[i % len(REGION_PALETTE)],
                                                   "pattern": {"shape": ("/", "x")[i % 2] if reference else ""}},
            texttemplate="%{x:.0%}", textposition="outside", textfont={"size": 9 * font_scale},
            customdata=[_figure_words(lang)["share_hover"].format(
                            measure=names.get(measure, measure), region=_region_name(r, lang), total=number_text(t, 0),
                            unit=data_term(rows.at[r, "unit"], lang), share=f"{rows.at[r, 'share_of_total']:.0%}",
                            n=int(rows.at[r, "n"]))
                        + (f"<br><i>{data_term(rows.at[r, 'warning'], lang)}</i>" if rows.at[r, "warning"] else "")
                        for r, t in zip(region_labels, rows["total"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1, col=1,
    )


def _adoption_bars(figure: go.Figure, adoption: pd.DataFrame, min_n: int, lang: str = "en") -> None:
    """Share of each region's provinces with their own regulation; grey where the region is small."""
    small = adoption["provinces"] < min_n
    fw = _figure_words(lang)
    figure.add_trace(
        go.Bar(
            y=[f"{r} {REGION_ZH.get(r, '')}" for r in adoption["region"]], x=adoption["share_adopted"],
            orientation="h", name=fw["adopted_name"], showlegend=False,
            marker={"color": [UNRELIABLE_COLOUR if s else "#009E73" for s in small]},
            text=[fw["adopted_text"].format(a=a, p=p) for a, p in zip(adoption["adopted"], adoption["provinces"],
                                                                      strict=True)],
            # Inside a bar long enough to hold it: outside, a share near 100% runs past the axis and is cut.
            textposition="auto",
            customdata=[fw["adopted_hover"].format(region=_region_name(r, lang), a=a, p=p)
                        + (f"<br><i>{data_term(w, lang)}</i>" if w else "")
                        for r, a, p, w in zip(adoption["region"], adoption["adopted"], adoption["provinces"],
                                              adoption["warning"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1, col=2,
    )


def _region_footer(tables: Tables, adoption: pd.DataFrame, complete: list[str], partial: list[str], min_n: int,
                   sources: dict[str, dict], names: dict[str, str], lang: str = "en") -> str:
    """Which regions are too small for headline shares, which measures are left out, and the sources."""
    fw = _figure_words(lang)
    join = join_words if lang != "zh" else "、".join
    small_regions = adoption.loc[adoption["provinces"] < min_n, "region"].tolist() if len(adoption) else []
    ids = list(dict.fromkeys(s for m in region_measures(tables) if m.label in complete for s in m.member_sources))
    notes = []
    if small_regions:
        notes.append(fw["small_regions"].format(regions=join([_region_name(r, lang) for r in small_regions]),
                                                min_n=min_n))
    if partial:
        notes.append(fw["left_out"].format(measures=join([names.get(m, m) for m in partial])))
    return fw["region_footer"].format(notes=" ".join(notes), sources=source_line(ids, sources, lang=lang))


def wealth_figure(data: Wealth, sources: dict[str, dict], *, lang: str = "en",
                  font_scale: float = 1.0) -> go.Figure:
    """Scatter of demonstration areas against GDP per capita, by region, with r, rho and n."""
    figure = go.Figure()
    fw = _figure_words(lang)
    y_label = _wealth_label(data.y_label, fw)
    frame = data.frame.dropna(subset=["gdp_per_capita", "y"])
    # Only the upper quarter on either axis is labelled; the crowd near the origin is left to hover.
    y_cut = frame["y"].quantile(0.75) if len(frame) else 0
    x_cut = frame["gdp_per_capita"].quantile(0.75) if len(frame) else 0
    for label in [*REGION_ORDER, *sorted(set(frame["region"]) - set(REGION_ORDER))]:
        subset = frame[frame["region"] == label]
        if subset.empty:
            continue
        short = subset["name"].str.split(" ").str[0]
        labelled = (subset["y"] >= y_cut) | (subset["gdp_per_capita"] >= x_cut)
        figure.add_trace(go.Scatter(
            x=subset["gdp_per_capita"], y=subset["y"], mode="markers+text", text=short.where(labelled, ""),
            textposition="top center", textfont={"size": 10 * font_scale, "color": "#333333"},
            marker={"size": 10, "color": REGION_COLOURS.get(label, OTHER_REGION_COLOUR),
                    "line": {"width": 1, "color": "white"}},
            name=f"{label} {REGION_ZH.get(label, '')}",
            customdata=[fw["wealth_hover"].format(
                            name=n, region=_region_name(label, lang), gdp=f"{g:,.0f}", label=y_label,
                            value=cell_text(v, "count") if float(v).is_integer() else f"{v:.2f}")
                        for n, g, v in zip(subset["name"], subset["gdp_per_capita"], subset["y"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    base = 13 * font_scale
    result = data.result
    figure.add_annotation(text=fw["correlation"].format(r=number_text(result.pearson_r),
                                                        rho=number_text(result.spearman_rho), n=result.n)
                          + (f"<br>{data_term(result.warning, lang)}" if result.warning else ""), xref="paper", yref="paper", x=0.99, y=0.98,
                          xanchor="right", yanchor="top", showarrow=False, align="right",
                          bgcolor="rgba(255,255,255,0.9)", bordercolor="#999999", borderwidth=1,
                          font={"size": base, "color": "#000000" if data.result.reliable else "#777777"})
    figure.update_xaxes(title={"text": fw["wealth_x"]},
                        tickformat=",.0f", gridcolor="#e5e5e5")
    top = float(frame["y"].max()) if len(frame) else 1.0
    figure.update_yaxes(title={"text": wrap(y_label, 30)}, range=[-0.04 * top, top * 1.3],
                        gridcolor="#e5e5e5")
    n_total = len(data.frame)
    footer = fw["wealth_footer"].format(sources=source_line(data.sources, sources, lang=lang))
    _layout(figure, title=_words(lang)["fig_wealth_title"],
            subtitle=_words(lang)["fig_wealth_subtitle"].format(n=data.result.n, total=n_total),
            footer=footer, plot_px=440 * font_scale, font_scale=font_scale, below=66, right=160)
    figure.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.01,
                                 "title": {"text": _words(lang)["fig_nbs_region"]}})
    return figure


def _wealth_label(y_label: str, fw: dict[str, str]) -> str:
    """The scatter's y label (``dashboard.domain.regions.wealth``) in the figure's language."""
    english = _figure_words("en")
    return {english["wealth_count"]: fw["wealth_count"],
            english["wealth_per_capita"]: fw["wealth_per_capita"]}.get(y_label, y_label)
