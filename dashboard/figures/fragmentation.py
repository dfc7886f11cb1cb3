"""The Fragmentation page's figures except the matrix: spread, diffusion, regions, wealth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.domain.batches import batch_coverage_table
from dashboard.domain.diffusion import diffusion_range, diffusion_table, undated_scores, years_of
from dashboard.domain.fragmentation import (
    REGULATION_YEAR,
    Tables,
    _present_sources,
    latest,
    left_out_sentence,
    mainland_codes,
    meta,
)
from dashboard.domain.indicators import indicator_view, source_line, split_source_ids
from dashboard.domain.statistics import DEFAULT_MIN_N
from dashboard.figures.fragmentation_frame import _figure_words, _layout, _words
from dashboard.figures.maps import province_map

# The region and wealth figures live in a module of their own (this one would pass 400 lines).
from dashboard.figures.regions import region_figure, wealth_figure  # noqa: F401
from dashboard.figures.style import (
    EM_PER_COLUMN,
    FIGURE_PX,
    LINE_COLOUR,
    LINE_EM,
    RELIABLE_COLOUR,
    UNRELIABLE_COLOUR,
    lines,
    wrap_px,
)
from dashboard.figures.timeline import earliest_darkest
from dashboard.text import (
    MAP_LABELS,
    data_term,
    display_width,
    words,
    wrap,
)
from dashboard.text.findings import warning_text
from dashboard.text.fragmentation import FRAGMENTATION_TABLE_WORDS

DIFFUSION_KEYS = ("regulation", "demonstration_areas", "score_systems")
SPREAD_SPACING = 0.03  # between the spread figure's panels, as a share of the plot's width


def _spread_names(rows: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """Each spread row's indicator title, and its basis with coverage ("absolute, n = 25 of 31"), in ``lang``."""
    w = words(FRAGMENTATION_TABLE_WORDS, lang)
    titles = rows["title_zh"] if lang == "zh" and "title_zh" in rows else rows["title"]
    bases = [w.get(f"basis_{basis}", basis) for basis in rows["basis"]]
    return [(title, w["spread_row"].format(basis=basis, n=n, total=total))
            for title, basis, n, total in zip(titles, bases, rows["n"], rows["n_total"], strict=True)]


def spread_figure(table: pd.DataFrame, sources: dict[str, dict], *, min_n: int = DEFAULT_MIN_N,
                  left_out: pd.DataFrame | None = None, lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Dot plot of Gini, coefficient of variation and top-3 share per indicator.

    Statistics resting on fewer than ``min_n`` provinces are grey, with a note in the figure;
    the indicators ``left_out`` as samples (:func:`spread_left_out`) are named in the footer.
    """
    rows = table[table["basis"] != "year"].reset_index(drop=True)
    names = _spread_names(rows, lang)
    labels = [f"{wrap(title, 34)}<br><i>{row}</i>" for title, row in names]
    w = _words(lang)
    panels = [(key, w[f"fig_{key}"]) for key in ("gini", "coefficient_of_variation", "top3_share")]
    left, titles = _spread_titles(labels, [p[1] for p in panels], font_scale)
    figure = make_subplots(rows=1, cols=3, shared_yaxes=True, horizontal_spacing=SPREAD_SPACING,
                           subplot_titles=titles)
    figure.update_annotations(font={"size": 13 * font_scale})
    for col, (column, label) in enumerate(panels, start=1):
        for reliable, colour, legend in (
            (True, RELIABLE_COLOUR, w["fig_reliable"].format(min_n=min_n)),
            (False, UNRELIABLE_COLOUR, w["fig_unreliable"].format(min_n=min_n)),
        ):
            subset = rows[(rows["reliable"].astype(bool) == reliable)
                          & rows[column].map(lambda v: v is not None and pd.notna(v))]
            values = subset[column].astype(float)
            hover = [
                f"<b>{names[i][0]}</b><br>{label}: "
                f"{(f'{v:.0%}' if column == 'top3_share' else f'{v:.2f}')}<br>{names[i][1]}"
                + (f"<br><i>{warning_text(warning, lang)}</i>" if warning else "")
                for i, v, warning in zip(subset.index, values, subset["warning"].fillna(""), strict=True)
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
    # A whole row for each label, the first and last included (autorange keeps a fraction of one,
    # and the last label's lines ran into the tick labels below).
    figure.update_yaxes(categoryorder="array", categoryarray=labels[::-1], type="category",
                        range=[-0.5, len(labels) - 0.5])
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
            footer=footer, plot_px=row_px * max(len(rows), 1), font_scale=font_scale, below=30,
            above=10 + max(lines(t) for t in titles) * 13 * LINE_EM, left=left,
            legend=[w["fig_reliable"].format(min_n=min_n), w["fig_unreliable"].format(min_n=min_n)])
    return figure


def _spread_titles(labels: list[str], titles: list[str], font_scale: float) -> tuple[float, list[str]]:
    """The width of the row labels, and each panel's title wrapped to the panel's width in a
    720-px figure, so that neighbouring titles never meet."""
    left = 10 + max((display_width(part) for label in labels for part in label.split("<br>")), default=0) \
        * EM_PER_COLUMN * 13 * font_scale
    panel_px = (FIGURE_PX - left - 20) * (1 - 2 * SPREAD_SPACING) / len(titles)
    return left, [wrap_px(title, panel_px - 8, 13 * font_scale) for title in titles]


def diffusion_figure(tables: Tables, year: int, sources: dict[str, dict], *, lang: str = "en",
                     font_scale: float = 1.0) -> go.Figure:
    """Cumulative curves, one panel per unit (units never share an axis), with the selected year."""
    start, end = diffusion_range(tables)
    table = diffusion_table(tables, start, end)
    keys = [k for k in DIFFUSION_KEYS if k in table]
    fw = _figure_words(lang)
    n_provinces = len(mainland_codes(tables.provinces))
    figure = make_subplots(rows=max(len(keys), 1), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=_panel_titles(keys, n_provinces, fw) or [fw["no_series"]])
    for row, key in enumerate(keys, start=1):
        _diffusion_panel(figure, table, key, row, year, n_provinces, fw["unit_" + key])
    if start <= year <= end:
        figure.add_vline(x=year, line={"color": "#D55E00", "width": 2, "dash": "dot"})
    figure.update_xaxes(dtick=1, tickformat="d", range=[start - 0.5, end + 0.5], gridcolor="#f0f0f0")
    _layout(figure, title=_words(lang)["fig_diffusion_title"].format(start=start, end=end, year=year),
            subtitle=_words(lang)["fig_diffusion_subtitle"].format(year=year),
            footer=_diffusion_footer(tables, keys, n_provinces, sources, lang),
            plot_px=190 * max(len(keys), 1) * font_scale, font_scale=font_scale, below=30, above=24)
    return figure


def _panel_titles(keys: list[str], n_provinces: int, fw: dict[str, str]) -> list[str]:
    """Each panel's title with its unit; the regulation panel says out of how many provinces."""
    titles = []
    for key in keys:
        title = fw["diff_" + key] + (fw["of_n"].format(n=n_provinces) if key == "regulation" else "")
        titles.append(fw["panel"].format(title=title, unit=fw["unit_" + key]))
    return titles


def _diffusion_panel(figure: go.Figure, table: pd.DataFrame, key: str, row: int, year: int,
                     n_provinces: int, unit: str) -> None:
    """One cumulative step line on its own axis, with its count at the selected year."""
    figure.add_trace(
        go.Scatter(x=table["year"], y=table[key], mode="lines+markers", line_shape="hv",
                   line={"color": LINE_COLOUR, "width": 2.5}, marker={"size": 6, "color": LINE_COLOUR},
                   name=key, showlegend=False,
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


def _batches_sentence(tables: Tables, fw: dict[str, str]) -> str:
    """Which batches are missing or incomplete, e.g. 'Batch 2 (2019): 2 of 16 members known; ...'."""
    coverage = batch_coverage_table(tables)
    parts = []
    for _, row in coverage[~coverage["established"]].iterrows():
        when = f" ({int(row['year'])})" if pd.notna(row["year"]) else ""
        size = f"{int(row['size'])}" if pd.notna(row["size"]) else fw["size_unknown"]
        key = "batch_known" if row["listed"] else "batch_none"
        if not row["listed"] and pd.notna(row["size"]):
            size = fw["batch_size"].format(size=size)
        parts.append(fw[key].format(batch=row["batch"], when=when, listed=row["listed"], size=size))
    text = fw["batch_sep"].join(parts)
    return fw["batches_lower"].format(text=text[0].upper() + text[1:]) if parts else ""


def _diffusion_footer(tables: Tables, keys: list[str], n_provinces: int, sources: dict[str, dict],
                      lang: str = "en") -> str:
    """What the curves leave out (undated systems, unlisted batches) and every panel's sources."""
    fw = _figure_words(lang)
    notes = []
    undated = undated_scores(tables, lang)
    if len(undated):
        notes.append(fw["undated"].format(n=len(undated), cities=("、" if lang == "zh" else ", ").join(
            undated["city"].str.split(" ").str[0])))
    batch_note = _batches_sentence(tables, fw)
    if batch_note:
        notes.append(batch_note)
    reg_note = ""
    if "regulation" in keys:
        n_known = int(years_of(tables)["regulation"].notna().sum())
        reg_note = fw["regulations_known"].format(n_known=n_known, n=n_provinces)
    ids: list[str] = []
    for key in keys:
        if key == "regulation":
            ids += _present_sources(latest(tables.indicators, REGULATION_YEAR, mainland_codes(tables.provinces)))
        elif key == "demonstration_areas":
            ids += split_source_ids(tables.demonstration_areas["source_id"])
        else:
            ids += split_source_ids(tables.city_scores["source_id"])
    return (f"{reg_note}{' '.join(notes)}<br>{fw['lower_bounds']} "
            f"{source_line(list(dict.fromkeys(ids)), sources, lang=lang)}")


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
    footer = _figure_words(lang)["map_footer"].format(
        sources=source_line(ids, sources, lang=lang), adopted=adopted, year=year, not_yet=not_yet, none=none,
        reason=data_term(m["missing_reason"], lang) or _figure_words(lang)["no_value"])
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

