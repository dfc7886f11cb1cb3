"""The Fragmentation page's figures except the matrix: spread, diffusion, regions, wealth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.batches import missing_batches_sentence
from dashboard.domain.diffusion import diffusion_range, diffusion_table, undated_scores, years_of
from dashboard.domain.fragmentation import (
    REGION_ORDER,
    REGULATION_YEAR,
    Tables,
    _present_sources,
    latest,
    left_out_sentence,
    mainland_codes,
    meta,
)
from dashboard.domain.indicators import indicator_view, source_line, split_source_ids
from dashboard.domain.instruments import cell_text, regions
from dashboard.domain.regions import (
    Wealth,
    correlation_text,
    region_adoption,
    region_measures,
    region_table,
)
from dashboard.domain.statistics import DEFAULT_MIN_N
from dashboard.figures.maps import province_map
from dashboard.figures.style import (
    EM_PER_COLUMN,
    LINE_COLOUR,
    LINE_EM,
    OTHER_REGION_COLOUR,
    REGION_COLOURS,
    RELIABLE_COLOUR,
    UNRELIABLE_COLOUR,
    frame_figure,
    legend_rows,
    lines,
)
from dashboard.figures.timeline import earliest_darkest
from dashboard.text import (
    DIFFUSION_LABELS,
    MAP_LABELS,
    REGION_ZH,
    data_term,
    display_width,
    join_words,
    number_text,
    wrap,
)
from dashboard.text.fragmentation import FRAGMENTATION_WORDS


def _layout(figure: go.Figure, *, title: str, subtitle: str, footer: str, plot_px: float,
            font_scale: float, below: float, left: float = 10, right: float = 20, above: float = 0,
            legend: list[str] | None = None) -> None:
    """The shared frame (style.frame_figure), with a horizontal legend under the tick labels.

    ``below`` is the room (unscaled pixels) under the plot for tick labels and axis titles;
    the legend, when ``legend`` names its items, goes under that and the footer under it.
    """
    base = 13 * font_scale
    rows = legend_rows(legend, base * 0.9) if legend else 0
    legend_px = rows * base * 0.9 * 1.6 / font_scale
    frame_figure(figure, title=title, subtitle=subtitle, footer=footer, plot_px=plot_px, font_scale=font_scale,
                 left=left, right=right, above=above, below=below + legend_px + (8 if legend else 0))
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    if legend:
        figure.update_layout(legend={"orientation": "h", "yanchor": "top", "x": 0.0,
                                     "y": -below * font_scale / plot_px, "font": {"size": base * 0.9}})


def _words(lang: str) -> dict[str, str]:
    return FRAGMENTATION_WORDS["zh" if lang == "zh" else "en"]


def spread_figure(table: pd.DataFrame, sources: dict[str, dict], *, min_n: int = DEFAULT_MIN_N,
                  left_out: pd.DataFrame | None = None, lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Dot plot of Gini, coefficient of variation and top-3 share per indicator.

    Statistics resting on fewer than ``min_n`` provinces are grey, with a note in the figure;
    the indicators ``left_out`` as samples (:func:`spread_left_out`) are named in the footer.
    """
    rows = table[table["basis"] != "year"].reset_index(drop=True)
    labels = [f"{wrap(t, 34)}<br><i>{b}, n = {n} of {nt}</i>"
              for t, b, n, nt in zip(rows["title"], rows["basis"], rows["n"], rows["n_total"], strict=True)]
    w = _words(lang)
    panels = [(key, w[f"fig_{key}"]) for key in ("gini", "coefficient_of_variation", "top3_share")]
    figure = make_subplots(rows=1, cols=3, shared_yaxes=True, horizontal_spacing=0.03,
                           subplot_titles=[p[1] for p in panels])
    for col, (column, label) in enumerate(panels, start=1):
        for reliable, colour, legend in (
            (True, RELIABLE_COLOUR, w["fig_reliable"].format(min_n=min_n)),
            (False, UNRELIABLE_COLOUR, w["fig_unreliable"].format(min_n=min_n)),
        ):
            subset = rows[(rows["reliable"].astype(bool) == reliable)
                          & rows[column].map(lambda v: v is not None and pd.notna(v))]
            values = subset[column].astype(float)
            hover = [
                f"<b>{t}</b> ({b})<br>{label}: {(f'{v:.0%}' if column == 'top3_share' else f'{v:.2f}')}"
                f"<br>{n} of {nt} provinces" + (f"<br><i>{w}</i>" if w else "")
                for t, b, v, n, nt, w in zip(subset["title"], subset["basis"], values, subset["n"],
                                              subset["n_total"], subset["warning"].fillna(""), strict=True)
            ]
            figure.add_trace(
                go.Scatter(
                    x=values, y=[labels[i] for i in subset.index], mode="markers",
                    marker={"size": 12, "color": colour, "symbol": "circle" if reliable else "circle-open",
                            "line": {"width": 2, "color": colour}},
                    name=legend, legendgroup=legend, showlegend=col == 1 and not subset.empty,
                    customdata=hover, hovertemplate="%{customdata}<extra></extra>",
                ),
                row=1, col=col,
            )
    figure.update_yaxes(categoryorder="array", categoryarray=labels[::-1], type="category")
    figure.update_xaxes(rangemode="tozero", showgrid=True, gridcolor="#e5e5e5", zeroline=True,
                        zerolinecolor="#bbbbbb")
    figure.update_xaxes(range=[0, 1.02], tickformat=".0%", row=1, col=3)
    figure.update_xaxes(range=[0, 1.02], row=1, col=1)
    ids = [s for ids in table["sources"] for s in ids]
    n_total = int(table["n_total"].max()) if len(table) else 0
    footer = w["fig_spread_footer"].format(min_n=min_n, sources=source_line(list(dict.fromkeys(ids)), sources, lang=lang))
    if left_out is not None and len(left_out):
        footer += "<br>" + left_out_sentence(left_out, lang, short=True)
    # Each row is as tall as its longest label, so the labels of neighbouring rows never meet.
    row_px = (max((lines(label) for label in labels), default=1) + 1) * 13 * LINE_EM * font_scale
    _layout(figure, title=w["fig_spread_title"],
            subtitle=w["fig_spread_subtitle"].format(n_total=n_total),
            footer=footer, plot_px=row_px * max(len(rows), 1), font_scale=font_scale, below=30, above=24,
            left=10 + max((display_width(part) for label in labels for part in label.split("<br>")), default=0)
            * EM_PER_COLUMN * 13 * font_scale,
            legend=[w["fig_reliable"].format(min_n=min_n), w["fig_unreliable"].format(min_n=min_n)])
    return figure


def diffusion_figure(tables: Tables, year: int, sources: dict[str, dict], *, lang: str = "en",
                     font_scale: float = 1.0) -> go.Figure:
    """Cumulative curves, one panel per unit (units never share an axis), with the selected year."""
    start, end = diffusion_range(tables)
    table = diffusion_table(tables, start, end)
    keys = [k for k in DIFFUSION_LABELS if k in table]
    n_provinces = len(mainland_codes(tables.provinces))
    figure = make_subplots(rows=max(len(keys), 1), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=_panel_titles(keys, n_provinces) or ["No dated series available"])
    for row, key in enumerate(keys, start=1):
        _diffusion_panel(figure, table, key, row, year, n_provinces)
    if start <= year <= end:
        figure.add_vline(x=year, line={"color": "#D55E00", "width": 2, "dash": "dot"})
    figure.update_xaxes(dtick=1, tickformat="d", range=[start - 0.5, end + 0.5], gridcolor="#f0f0f0")
    _layout(figure, title=_words(lang)["fig_diffusion_title"].format(start=start, end=end, year=year),
            subtitle=_words(lang)["fig_diffusion_subtitle"].format(year=year),
            footer=_diffusion_footer(tables, keys, n_provinces, sources),
            plot_px=190 * max(len(keys), 1) * font_scale, font_scale=font_scale, below=30, above=24)
    return figure


def _panel_titles(keys: list[str], n_provinces: int) -> list[str]:
    """Each panel's title with its unit; the regulation panel says out of how many provinces."""
    titles = []
    for key in keys:
        title, unit = DIFFUSION_LABELS[key]
        if key == "regulation":
            title += f" (of {n_provinces})"
        titles.append(f"{title} [{unit}]")
    return titles


def _diffusion_panel(figure: go.Figure, table: pd.DataFrame, key: str, row: int, year: int,
                     n_provinces: int) -> None:
    """One cumulative step line on its own axis, with its count at the selected year."""
    unit = DIFFUSION_LABELS[key][1]
    figure.add_trace(
        go.Scatter(x=table["year"], y=table[key], mode="lines+markers", line_shape="hv",
                   line={"color": LINE_COLOUR, "width": 2.5}, marker={"size": 6, "color": LINE_COLOUR},
                   name=DIFFUSION_LABELS[key][0], showlegend=False,
                   hovertemplate="%{x}: %{y} " + unit + "<extra></extra>"),
        row=row, col=1,
    )
    at_year = table.loc[table["year"] == year, key]
    if len(at_year):
        figure.add_annotation(x=year, y=float(at_year.iloc[0]), text=f"<b>{int(at_year.iloc[0])}</b>",
                              showarrow=False, xanchor="left", yanchor="bottom", xshift=6, row=row, col=1,
                              font={"color": "#000000"})
    figure.update_yaxes(rangemode="tozero", title={"text": unit}, gridcolor="#e5e5e5", row=row, col=1)
    if key == "regulation":
        figure.update_yaxes(range=[0, n_provinces * 1.05], row=row, col=1)


def _diffusion_footer(tables: Tables, keys: list[str], n_provinces: int, sources: dict[str, dict]) -> str:
    """What the curves leave out (undated systems, unlisted batches) and every panel's sources."""
    notes = []
    undated = undated_scores(tables)
    if len(undated):
        notes.append(f"Not in the score curve ({len(undated)} undated): "
                     + ", ".join(undated["city"].str.split(" ").str[0]) + ".")
    batch_note = missing_batches_sentence(tables)
    if batch_note:
        notes.append(batch_note)
    reg_note = ""
    if "regulation" in keys:
        n_known = int(years_of(tables)["regulation"].notna().sum())
        reg_note = f"Regulations: {n_known} of {n_provinces} provinces have an established adoption year. "
    ids: list[str] = []
    for key in keys:
        if key == "regulation":
            ids += _present_sources(latest(tables.indicators, REGULATION_YEAR, mainland_codes(tables.provinces)))
        elif key == "demonstration_areas":
            ids += split_source_ids(tables.demonstration_areas["source_id"])
        else:
            ids += split_source_ids(tables.city_scores["source_id"])
    return (f"{reg_note}{' '.join(notes)}<br>Counts of areas and systems are lower bounds. "
            f"{source_line(list(dict.fromkeys(ids)), sources)}")


def adoption_map(tables: Tables, year: int, sources: dict[str, dict], *, lang: str = "en",
                 font_scale: float = 1.0) -> go.Figure:
    """Map of which provinces had adopted their own regulation by the end of ``year``."""
    m = meta(tables.catalogue, REGULATION_YEAR)
    view = indicator_view(tables.indicators, m, as_of=year)
    adopted = int((view.values["state"] == "value").sum())
    total = len(view.values)
    not_yet = int((view.values["state"] == "absent").sum())
    none = int((view.values["state"] == "missing").sum())
    ids = split_source_ids(view.values.loc[view.values["state"] != "missing", "source"])
    footer = (f"{source_line(ids, sources, lang=lang)}<br>{adopted} adopted by {year}; {not_yet} adopted later; "
              f"{none}: {m['missing_reason'] or 'no value'} (not proof that none exists).")
    figure = province_map(
        view.values, tables.provinces,
        title=_words(lang)["fig_map_title"].format(year=year),
        subtitle=_words(lang)["fig_map_subtitle"].format(adopted=adopted, total=total, year=year),
        footer=wrap(footer, 160), value_type="year", unit="", absent_label=_words(lang)["fig_absent"].format(year=year),
        lang=lang, font_scale=font_scale,
    )
    # Whole years on the colour bar, one colour per year whatever the year shown (the play
    # control steps through the years), and the grey swatch named for what grey means here.
    known = view.values.loc[view.values["state"] != "missing", "value"].dropna().astype(float)
    figure.update_traces(colorbar={"dtick": 1, "tickformat": "d"}, selector={"name": "value"},
                         **({"zmin": known.min(), "zmax": known.max()} if len(known) else {}))
    earliest_darkest(figure)
    missing_label = MAP_LABELS[lang]["missing"]
    reason = data_term(m.get("missing_reason") or missing_label, lang)
    figure.update_traces(name=reason[0].upper() + reason[1:], selector={"name": missing_label})
    return figure


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
    figure = make_subplots(rows=1, cols=2, column_widths=[0.68, 0.32], horizontal_spacing=0.1,
                           subplot_titles=[_words(lang)["fig_region_share"].format(n=n_provinces),
                                           _words(lang)["fig_region_adopted"]])
    for i, measure in enumerate(complete):
        _share_bars(figure, table, measure, i, region_labels, font_scale)
    if len(adoption):
        _adoption_bars(figure, adoption, min_n)
    figure.update_xaxes(tickformat=".0%", rangemode="tozero", gridcolor="#e5e5e5")
    figure.update_xaxes(range=[0, 1.25], row=1, col=2)
    figure.update_yaxes(autorange="reversed")
    figure.update_yaxes(showticklabels=True, row=1, col=2)
    _layout(figure, title=_words(lang)["fig_region_title"],
            subtitle=_words(lang)["fig_region_subtitle"],
            footer=_region_footer(tables, adoption, complete, partial, min_n, sources),
            plot_px=80 * len(region_labels) * font_scale, font_scale=font_scale, below=30, above=44, legend=complete)
    figure.update_layout(barmode="group")
    return figure


REGION_PALETTE = ["#0072B2", "#E69F00", "#999999", "#555555", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def _share_bars(figure: go.Figure, table: pd.DataFrame, measure: str, i: int, region_labels: list[str],
                font_scale: float) -> None:
    """One measure's share of the national total per region; references (population, GDP) hatched."""
    rows = table[table["measure"] == measure].set_index("region").reindex(region_labels)
    reference = "(reference)" in measure
    figure.add_trace(
        go.Bar(
            y=[f"{r} {REGION_ZH.get(r, '')}" for r in region_labels], x=rows["share_of_total"],
            orientation="h", name=measure, marker={"color": REGION_PALETTE[i % len(REGION_PALETTE)],
                                                   "pattern": {"shape": ("/", "x")[i % 2] if reference else ""}},
            texttemplate="%{x:.0%}", textposition="outside", textfont={"size": 9 * font_scale},
            customdata=[f"<b>{measure}</b><br>{r}: {number_text(t, 0)} {rows.at[r, 'unit']} "
                        f"({rows.at[r, 'share_of_total']:.0%} of total), {int(rows.at[r, 'n'])} provinces"
                        + (f"<br><i>{rows.at[r, 'warning']}</i>" if rows.at[r, "warning"] else "")
                        for r, t in zip(region_labels, rows["total"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1, col=1,
    )


def _adoption_bars(figure: go.Figure, adoption: pd.DataFrame, min_n: int) -> None:
    """Share of each region's provinces with their own regulation; grey where the region is small."""
    small = adoption["provinces"] < min_n
    figure.add_trace(
        go.Bar(
            y=[f"{r} {REGION_ZH.get(r, '')}" for r in adoption["region"]], x=adoption["share_adopted"],
            orientation="h", name="Own regulation adopted", showlegend=False,
            marker={"color": [UNRELIABLE_COLOUR if s else "#009E73" for s in small]},
            text=[f"{a} of {p}" for a, p in zip(adoption["adopted"], adoption["provinces"], strict=True)],
            textposition="outside",
            customdata=[f"<b>{r}</b>: {a} of {p} provinces adopted" + (f"<br><i>{w}</i>" if w else "")
                        for r, a, p, w in zip(adoption["region"], adoption["adopted"], adoption["provinces"],
                                              adoption["warning"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=1, col=2,
    )


def _region_footer(tables: Tables, adoption: pd.DataFrame, complete: list[str], partial: list[str], min_n: int,
                   sources: dict[str, dict]) -> str:
    """Which regions are too small for headline shares, which measures are left out, and the sources."""
    small_regions = adoption.loc[adoption["provinces"] < min_n, "region"].tolist() if len(adoption) else []
    ids = list(dict.fromkeys(s for m in region_measures(tables) if m.label in complete for s in m.member_sources))
    notes = []
    if small_regions:
        notes.append(f"{join_words(small_regions)}: fewer than {min_n} provinces, so its shares are not "
                     "headline figures (grey on the right).")
    if partial:
        notes.append(f"Left out (values for only some provinces; see the table): {join_words(partial)}.")
    return (" ".join(notes) + "<br>Hatched bars are references. Counts of areas and systems are lower bounds. "
            + source_line(ids, sources))


def wealth_figure(data: Wealth, sources: dict[str, dict], *, lang: str = "en",
                  font_scale: float = 1.0) -> go.Figure:
    """Scatter of demonstration areas against GDP per capita, by region, with r, rho and n."""
    figure = go.Figure()
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
            customdata=[f"<b>{n}</b> ({label})<br>GDP per capita 2020: {g:,.0f} yuan<br>{data.y_label}: "
                        f"{cell_text(v, 'count') if float(v).is_integer() else f'{v:.2f}'}"
                        for n, g, v in zip(subset["name"], subset["gdp_per_capita"], subset["y"], strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    base = 13 * font_scale
    figure.add_annotation(text=correlation_text(data.result), xref="paper", yref="paper", x=0.99, y=0.98,
                          xanchor="right", yanchor="top", showarrow=False, align="right",
                          bgcolor="rgba(255,255,255,0.9)", bordercolor="#999999", borderwidth=1,
                          font={"size": base, "color": "#000000" if data.result.reliable else "#777777"})
    figure.update_xaxes(title={"text": "GDP per capita, 2020 [yuan] = GDP × 10⁸ / census population"},
                        tickformat=",.0f", gridcolor="#e5e5e5")
    top = float(frame["y"].max()) if len(frame) else 1.0
    figure.update_yaxes(title={"text": wrap(data.y_label, 30)}, range=[-0.04 * top, top * 1.3],
                        gridcolor="#e5e5e5")
    n_total = len(data.frame)
    footer = ("Association across provinces, not causation; counts are lower bounds (batches without complete "
              "member lists are missing). GDP per capita: secondary source. Labels: the upper quarter on either "
              "axis; hover for the rest.<br>" + source_line(data.sources, sources, lang=lang))
    _layout(figure, title=_words(lang)["fig_wealth_title"],
            subtitle=_words(lang)["fig_wealth_subtitle"].format(n=data.result.n, total=n_total),
            footer=footer, plot_px=440 * font_scale, font_scale=font_scale, below=66, right=160)
    figure.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.01,
                                 "title": {"text": _words(lang)["fig_nbs_region"]}})
    return figure
