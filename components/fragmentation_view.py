"""The Fragmentation page's tables, figures and sentences: pure functions of processed tables.

Nothing here reads files or calls Streamlit. The page loads the processed tables, bundles them
in :class:`Tables` and passes them in; every number that reaches the screen is computed here
from those tables with the statistics of :mod:`components.fragmentation`, so it changes when
the data changes.

Missing is never zero: a province whose value no source reports stays missing (NaN) in every
table and is drawn apart from a recorded zero in every figure.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.fragmentation import (
    DEFAULT_MIN_N,
    AdoptionSpread,
    Correlation,
    adoption_spread,
    cluster_order,
    correlation,
    cumulative_adoption,
    group_spread,
    instrument_matrix,
    per_capita,
    spread,
)
from components.indicators import coverage_sentence, indicator_view, source_line, split_source_ids
from components.maps import FONT, MISSING_COLOUR, SEQUENTIAL, format_value, province_map
from components.maps import LABELS as MAP_LABELS

POPULATION = "population_2020"
GDP = "gdp_2020"
REGULATION_YEAR = "regulation_adoption_year"
DEMONSTRATION_COUNT = "demonstration_areas_per_province"
SCORE_COUNT = "city_score_systems_per_province"
BLACKLISTS = "blacklists_per_province"

PER_MILLION = 1_000_000
# gdp_2020 is in 100 million yuan (亿元); times 1e8 gives yuan.
GDP_UNIT_FACTOR = 1e8
# The diffusion curves start with the State Council's 2014 Planning Outline, the programme's
# founding document; the end is the latest year found in the data.
DIFFUSION_START = 2014

# NBS macro-regions in the order the NBS lists them.
REGION_ORDER = ("East", "Central", "West", "Northeast")
REGION_ZH = {"East": "东部", "Central": "中部", "West": "西部", "Northeast": "东北"}
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
REGION_COLOURS = {"East": "#0072B2", "Central": "#E69F00", "West": "#009E73", "Northeast": "#CC79A7"}
OTHER_REGION_COLOUR = "#000000"
RELIABLE_COLOUR = "#0072B2"
UNRELIABLE_COLOUR = "#a6a6a6"
LINE_COLOUR = "#0072B2"
DENDROGRAM_COLOUR = "#555555"
FOOTER_COLOUR = "#444444"

# Row orders of the matrix: key -> the label shown and written to the URL (?sort=Similarity).
SORTS = {
    "region": "Region",
    "adoption": "Adoption year",
    "similarity": "Similarity",
}
SORT_PHRASES = {
    "region": "grouped by NBS region",
    "adoption": "by year of their own regulation (earliest first)",
    "similarity": "ordered by similarity (hierarchical clustering; dendrogram on the right)",
}
# Y axis of the wealth scatter: key -> label shown and written to the URL.
WEALTH_MEASURES = {
    "count": "Count",
    "per_capita": "Per million residents",
}

NOT_REPORTED_TEXT = "n/r"
NONE_ESTABLISHED_TEXT = "none est."
NOT_KNOWN_TEXT = "n/k"
GREY_NOTE = "Grey: rests on fewer than {min_n} provinces, not a headline figure."


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Tables:
    """The processed tables the page uses; the optional ones may be ``None``."""

    indicators: pd.DataFrame
    catalogue: pd.DataFrame
    provinces: pd.DataFrame
    demonstration_areas: pd.DataFrame | None = None
    demonstration_batches: pd.DataFrame | None = None
    city_scores: pd.DataFrame | None = None


def mainland(provinces: pd.DataFrame) -> pd.DataFrame:
    """The in-scope (mainland) provinces sorted by adcode."""
    frame = provinces[provinces["in_scope"].astype(bool)].sort_values("adcode")
    return frame.reset_index(drop=True)


def mainland_codes(provinces: pd.DataFrame) -> list[str]:
    """Adcodes of the mainland provinces, sorted."""
    return mainland(provinces)["adcode"].astype(str).tolist()


def province_names(provinces: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """Display name per adcode: 'Zhejiang 浙江', or '浙江 Zhejiang' when ``lang == "zh"``."""
    short = provinces["short_zh"] if "short_zh" in provinces else provinces["name_zh"]
    names = {}
    for code, en, zh in zip(provinces["adcode"], provinces["name_en"], short, strict=True):
        names[str(code)] = f"{zh} {en}" if lang == "zh" else f"{en} {zh}"
    return names


def english_names(provinces: pd.DataFrame) -> dict[str, str]:
    """English name per adcode, for sentences."""
    return dict(zip(provinces["adcode"].astype(str), provinces["name_en"].astype(str), strict=True))


def meta(catalogue: pd.DataFrame, name: str) -> dict:
    """One catalogue entry as a dict, with ``""`` for missing fields."""
    row = catalogue[catalogue["name"] == name]
    if row.empty:
        raise KeyError(name)
    return {k: ("" if pd.isna(v) else v) for k, v in row.iloc[0].to_dict().items()}


def has_indicator(tables: Tables, name: str) -> bool:
    """Whether ``name`` is both in the catalogue and in the indicators table."""
    return bool((tables.catalogue["name"] == name).any()) and bool(
        (tables.indicators["indicator"] == name).any()
    )


def indicator_names(catalogue: pd.DataFrame) -> list[str]:
    """Province-level datasets except the normalisers, in registry order."""
    mask = catalogue["province_level"].astype(bool) & (catalogue["topic"] != "normaliser")
    return catalogue.loc[mask, "name"].tolist()


def latest(indicators: pd.DataFrame, name: str, codes: list[str]) -> pd.DataFrame:
    """Latest row of one indicator per province, indexed by adcode over ``codes``.

    ``value`` is float64 with NaN where no source gives a value; a province absent from the
    table is NaN too (never 0).
    """
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    frame = pd.DataFrame(
        {
            "value": pd.to_numeric(rows["value"], errors="coerce").astype("float64").to_numpy(),
            "source_id": rows["source_id"].astype(object).to_numpy(),
            "confidence": rows["confidence"].astype(object).to_numpy(),
            "missing_reason": rows["missing_reason"].astype(object).to_numpy(),
            "note": rows["note"].astype(object).to_numpy(),
            "qualifier": rows["qualifier"].astype(object).to_numpy(),
        },
        index=pd.Index(rows["adcode"].astype(str).to_numpy(), name="adcode"),
    )
    frame = frame[~frame.index.duplicated()].reindex(codes)
    return frame.astype({"value": "float64"})


def _present_sources(data: pd.DataFrame) -> list[str]:
    return split_source_ids(data.loc[data["value"].notna(), "source_id"])


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _list_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _wrap(text: str, width: int = 22) -> str:
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _number(value: float | None, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{value:,.{digits}f}"


def small_n_warning(n: int, min_n: int = DEFAULT_MIN_N) -> str | None:
    """The warning :func:`components.fragmentation.spread` gives for ``n`` values, or None."""
    # Reuse spread()'s wording on a dummy series so the two never drift apart.
    return spread(pd.Series([1.0] * n, dtype="float64"), min_n=min_n).warning


# --------------------------------------------------------------------------- 1. spread


SPREAD_COLUMNS = [
    "indicator", "title", "basis", "unit", "n", "n_total", "coefficient_of_variation", "gini",
    "max_min_ratio", "max_min_note", "top3_share", "reliable", "warning", "caveat", "sources",
]


def caveat_of(m: dict, data: pd.DataFrame | None = None) -> str:
    """The caveats a political scientist would want beside an indicator's numbers."""
    parts = []
    if m.get("qualifier"):
        parts.append(f"lower bound ('{m['qualifier']}')")
    if data is not None:
        confidences = set(data.loc[data["value"].notna(), "confidence"].dropna().astype(str))
        if confidences and confidences <= {"secondary", "weak", "low", "read from a chart"}:
            parts.append(f"{'/'.join(sorted(confidences))} data")
    if m.get("coverage_note"):
        parts.append(str(m["coverage_note"]))
    return "; ".join(parts)


def spread_table(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """Spread statistics for every province-level indicator except the normalisers.

    One row per indicator (``basis = "absolute"``) and, where the catalogue's ``normalise``
    allows ``population``, a second row per million residents. Year-valued indicators get a
    row with their ``n`` only: the spread of a year is a matter of time (see
    :func:`adoption_summary`), not of Gini or shares.
    """
    codes = mainland_codes(tables.provinces)
    population = None
    population_sources: list[str] = []
    if has_indicator(tables, POPULATION):
        population_data = latest(tables.indicators, POPULATION, codes)
        population = population_data["value"]
        population_sources = _present_sources(population_data)
    rows = []
    for name in indicator_names(tables.catalogue):
        if not has_indicator(tables, name):
            continue
        m = meta(tables.catalogue, name)
        data = latest(tables.indicators, name, codes)
        sources = _present_sources(data) or split_source_ids(data["source_id"])
        caveat = caveat_of(m, data)
        if m.get("value_type") == "year":
            n = int(data["value"].notna().sum())
            rows.append({
                "indicator": name, "title": m["title"], "basis": "year", "unit": m["unit"], "n": n,
                "n_total": len(codes), "coefficient_of_variation": None, "gini": None,
                "max_min_ratio": None, "max_min_note": "a year, not an amount", "top3_share": None,
                "reliable": n >= min_n, "warning": small_n_warning(n, min_n),
                "caveat": "; ".join(c for c in ["spread in time: see Diffusion", caveat] if c),
                "sources": sources,
            })
            continue
        unit = f"{m['qualifier']} {m['unit']}".strip() if m.get("qualifier") else m["unit"]
        rows.append(_spread_row(name, m["title"], "absolute", unit, spread(data["value"], min_n=min_n),
                                sources, caveat))
        allowed = [n for n in str(m.get("normalise") or "").split(";") if n]
        if "population" in allowed and population is not None:
            values = per_capita(data["value"], population, per=PER_MILLION).reindex(codes)
            rows.append(_spread_row(name, m["title"], "per million residents",
                                    f"{m['unit']} per million residents (2020 census)",
                                    spread(values, min_n=min_n), sources + population_sources, caveat))
    return pd.DataFrame(rows, columns=SPREAD_COLUMNS)


def _spread_row(name, title, basis, unit, result, sources, caveat) -> dict:
    return {
        "indicator": name, "title": title, "basis": basis, "unit": unit, "n": result.n,
        "n_total": result.n_total, "coefficient_of_variation": result.coefficient_of_variation,
        "gini": result.gini, "max_min_ratio": result.max_min_ratio, "max_min_note": result.max_min_note,
        "top3_share": result.top3_share, "reliable": result.reliable, "warning": result.warning,
        "caveat": caveat, "sources": list(sources),
    }


def spread_display(table: pd.DataFrame) -> pd.DataFrame:
    """The spread table as text for ``st.dataframe``; unknown statistics say why."""
    def ratio(row) -> str:
        if row["max_min_ratio"] is not None and pd.notna(row["max_min_ratio"]):
            return f"{row['max_min_ratio']:,.1f}×"
        return f"— ({row['max_min_note']})" if row["max_min_note"] else "—"

    def share(value) -> str:
        return "—" if value is None or pd.isna(value) else f"{value:.0%}"

    return pd.DataFrame({
        "Indicator": table["title"],
        "Basis": table["basis"],
        "Unit": table["unit"],
        "Provinces with a value": [f"{n} of {t}" for n, t in zip(table["n"], table["n_total"], strict=True)],
        "CV": [_number(v) for v in table["coefficient_of_variation"]],
        "Gini": [_number(v) for v in table["gini"]],
        "Max/min": [ratio(row) for _, row in table.iterrows()],
        "Top-3 share": [share(v) for v in table["top3_share"]],
        "Warning": table["warning"].fillna(""),
        "Caveat": table["caveat"],
        "Sources": [", ".join(s) for s in table["sources"]],
        "reliable": table["reliable"].astype(bool),
    })


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_lines(text: str, width: int = 140) -> str:
    """Wrap each ``<br>``-separated line of a figure note at ``width`` columns.

    Chinese characters count twice and may break anywhere; other text breaks at spaces.
    """
    lines: list[str] = []
    for line in text.split("<br>"):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if _display_width(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while _display_width(word) > width:
                cut = 1
                while _display_width(word[:cut + 1]) <= width:
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return "<br>".join(lines)


def _footer_annotation(text: str, font_size: float, yshift: float) -> dict:
    return {
        "text": text, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.0, "y": 0.0,
        "xanchor": "left", "yanchor": "top", "yshift": yshift, "align": "left",
        "font": {"size": font_size * 0.8, "color": FOOTER_COLOUR},
    }


def _layout(figure: go.Figure, *, title: str, subtitle: str, footer: str, height: int,
            font_scale: float, footer_shift: float, right: float = 20, top: float = 90,
            legend_shift: float | None = None) -> None:
    """Title, subtitle and a wrapped footer inside the image; margins sized to fit them.

    ``footer_shift`` and ``legend_shift`` are pixels below the plot area (before scaling).
    """
    base = 13 * font_scale
    text = wrap_lines(footer)
    shift = footer_shift * font_scale
    bottom = shift + (text.count("<br>") + 1) * base * 0.8 * 1.4 + 14
    top_px = top * font_scale
    figure.update_layout(
        title={"text": title, "subtitle": {"text": wrap_lines(subtitle, 150), "font": {"size": base * 0.95}},
               "x": 0.01, "xanchor": "left", "yref": "container", "y": 1.0, "yanchor": "top",
               "pad": {"t": 12 * font_scale}, "font": {"size": base * 1.45}},
        height=height,
        margin={"l": 10, "r": right, "t": top_px, "b": bottom},
        font={"family": FONT, "size": base},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    figure.add_annotation(**_footer_annotation(text, base, -shift))
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    if legend_shift is not None:
        plot_height = max(height - top_px - bottom, 50)
        figure.update_layout(legend={"orientation": "h", "yanchor": "top", "x": 0.0,
                                     "y": -legend_shift * font_scale / plot_height,
                                     "font": {"size": base * 0.9}})


def spread_figure(table: pd.DataFrame, sources: dict[str, dict], *, min_n: int = DEFAULT_MIN_N,
                  font_scale: float = 1.0) -> go.Figure:
    """Dot plot of Gini, coefficient of variation and top-3 share per indicator.

    Statistics resting on fewer than ``min_n`` provinces are grey, with a note in the figure.
    """
    rows = table[table["basis"] != "year"].reset_index(drop=True)
    labels = [f"{_wrap(t, 34)}<br><i>{b}, n = {n} of {nt}</i>"
              for t, b, n, nt in zip(rows["title"], rows["basis"], rows["n"], rows["n_total"], strict=True)]
    panels = [("gini", "Gini (0 = equal)"), ("coefficient_of_variation", "Coefficient of variation"),
              ("top3_share", "Top-3 share of total")]
    figure = make_subplots(rows=1, cols=3, shared_yaxes=True, horizontal_spacing=0.03,
                           subplot_titles=[p[1] for p in panels])
    for col, (column, label) in enumerate(panels, start=1):
        for reliable, colour, legend in (
            (True, RELIABLE_COLOUR, f"Rests on {min_n} or more provinces"),
            (False, UNRELIABLE_COLOUR, f"Rests on fewer than {min_n} provinces: not a headline figure"),
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
    footer = (
        f"Each statistic uses only provinces with a value (missing is not zero). "
        f"{GREY_NOTE.format(min_n=min_n)}<br>"
        f"Counts marked 'at least' are lower bounds. {source_line(list(dict.fromkeys(ids)), sources)}"
    )
    _layout(figure, title="How unevenly each indicator is spread across provinces",
            subtitle=f"Unitless inequality measures per indicator, over the {n_total} mainland provinces",
            footer=footer, height=int((230 + 70 * max(len(rows), 1)) * font_scale), font_scale=font_scale,
            footer_shift=62, top=115, legend_shift=28)
    return figure


# --------------------------------------------------------------------------- 2. matrix


@dataclass(frozen=True)
class Instrument:
    """One column of the province × instrument matrix."""

    key: str
    label: str
    unit: str
    value_type: str
    values: pd.Series            # float64 by adcode; NaN = not reported / none established
    sources: pd.Series           # ';'-joined source ids by adcode
    notes: pd.Series             # hover note by adcode (zero note, missing reason, caveat)
    missing_text: str = NOT_REPORTED_TEXT
    qualifier: str = ""
    invert: bool = False         # years: earlier = darker
    caveat: str = ""
    title: str = ""              # full title for tables and sentences
    member_sources: list[str] = field(default_factory=list)


def _indicator_instrument(tables: Tables, name: str, codes: list[str], *, label: str | None = None,
                          missing_text: str = NOT_REPORTED_TEXT, invert: bool = False) -> Instrument:
    m = meta(tables.catalogue, name)
    data = latest(tables.indicators, name, codes)
    notes = pd.Series(
        [(_text(mr) if pd.isna(v) else _text(nt)) for v, mr, nt in
         zip(data["value"], data["missing_reason"], data["note"], strict=True)],
        index=data.index, dtype=object,
    )
    return Instrument(
        key=name, label=label or m["title"], unit=m["unit"], value_type=m.get("value_type") or "count",
        values=data["value"], sources=data["source_id"].fillna("").astype(str), notes=notes,
        missing_text=missing_text, qualifier=m.get("qualifier", ""), invert=invert,
        caveat=caveat_of(m, data), title=m["title"], member_sources=_present_sources(data),
    )


def _table_count(table: pd.DataFrame, codes: list[str]) -> tuple[pd.Series, pd.Series]:
    """Rows per province (0 where none) and the source ids of those rows."""
    counts = table.groupby(table["adcode"].astype(str)).size().reindex(codes).fillna(0).astype("float64")
    ids = table.groupby(table["adcode"].astype(str))["source_id"].agg(
        lambda s: ";".join(dict.fromkeys(s.dropna().astype(str))))
    return counts, ids.reindex(codes).fillna("").astype(str)


def batch_years(demonstration_areas: pd.DataFrame) -> dict[int, int]:
    """Year of each batch present in the demonstration-area table (the most common one)."""
    years = {}
    for batch, rows in demonstration_areas.groupby("batch"):
        known = rows["year"].dropna()
        if len(known):
            years[int(batch)] = int(known.mode().min())
    return years


def batch_coverage(tables: Tables) -> pd.DataFrame:
    """One row per batch: ``batch``, ``year``, ``listed`` (rows in the area table), ``size``
    (areas in the batch, NaN if not established) and ``established`` (member list complete).

    Without the batch table, the batches in the area table are taken as complete, which is
    what the area table's description promises.
    """
    areas = tables.demonstration_areas
    listed = (areas.groupby("batch").size() if areas is not None and len(areas)
              else pd.Series(dtype="int64"))
    listed.index = listed.index.astype(int)
    years = batch_years(areas) if areas is not None and len(areas) else {}
    if tables.demonstration_batches is not None:
        batches = tables.demonstration_batches
        frame = pd.DataFrame({
            "batch": batches["batch"].astype(int).to_numpy(),
            "year": pd.to_numeric(batches["year"], errors="coerce").to_numpy(),
            "size": pd.to_numeric(batches["areas"], errors="coerce").astype("float64").to_numpy(),
            "established": batches["members_established"].astype(bool).to_numpy(),
        })
        extra = sorted(set(listed.index) - set(frame["batch"]))
        if extra:
            frame = pd.concat([frame, pd.DataFrame({"batch": extra, "year": [years.get(b) for b in extra],
                                                    "size": np.nan, "established": False})])
    else:
        frame = pd.DataFrame({"batch": list(listed.index), "year": [years.get(b) for b in listed.index],
                              "size": listed.to_numpy(dtype="float64"), "established": True})
    frame["listed"] = frame["batch"].map(listed).fillna(0).astype("int64")
    frame = frame.sort_values("batch").reset_index(drop=True)
    return frame[["batch", "year", "listed", "size", "established"]]


def _batch_text(row) -> str:
    if row["established"]:
        return f"batch {row['batch']}"
    size = f"{int(row['size'])}" if pd.notna(row["size"]) else "an unknown number"
    return f"{row['listed']} of {size} members of batch {row['batch']}"


def demonstration_scope(tables: Tables) -> str:
    """What the counts of demonstration areas cover, e.g. 'batches 1, 3 and 4 in full and
    2 of 16 members of batch 2'."""
    coverage = batch_coverage(tables)
    full = coverage[coverage["established"] & (coverage["listed"] > 0)]
    partial = coverage[~coverage["established"] & (coverage["listed"] > 0)]
    parts = []
    if len(full):
        noun = "batch" if len(full) == 1 else "batches"
        parts.append(f"{noun} {_list_words([str(b) for b in full['batch']])} in full")
    parts += [_batch_text(row) for _, row in partial.iterrows()]
    return _list_words(parts)


def missing_batches_sentence(tables: Tables) -> str:
    """Which batches are missing or incomplete, e.g. 'Batch 2 (2019): 2 of 16 members known;
    batch 5 (2026): no member list, size not established.'"""
    coverage = batch_coverage(tables)
    parts = []
    for _, row in coverage[~coverage["established"]].iterrows():
        when = f" ({int(row['year'])})" if pd.notna(row["year"]) else ""
        size = f"{int(row['size'])}" if pd.notna(row["size"]) else "size not established"
        if row["listed"]:
            parts.append(f"batch {row['batch']}{when}: {row['listed']} of {size} members known")
        else:
            parts.append(f"batch {row['batch']}{when}: no member list, {size if pd.isna(row['size']) else size + ' areas'}")
    if not parts:
        return ""
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}, so counts by province are lower bounds."


def instruments(tables: Tables) -> list[Instrument]:
    """The matrix columns, in this order: own regulation, demonstration batches, city scores,
    then every other province-level indicator of the catalogue (topic != normaliser).

    Demonstration areas are counted per batch from the area table and city-score systems
    from their table (undated systems included), so the derived per-province totals of the
    same tables are not repeated as extra columns.
    """
    codes = mainland_codes(tables.provinces)
    columns: list[Instrument] = []
    represented = {REGULATION_YEAR}
    if has_indicator(tables, REGULATION_YEAR):
        columns.append(_indicator_instrument(tables, REGULATION_YEAR, codes, label="Own regulation (year adopted)",
                                             missing_text=NONE_ESTABLISHED_TEXT, invert=True))
    areas = tables.demonstration_areas
    if areas is not None and len(areas):
        represented.add(DEMONSTRATION_COUNT)
        years = batch_years(areas)
        coverage = batch_coverage(tables).set_index("batch")
        for batch in sorted(int(b) for b in areas["batch"].dropna().unique()):
            rows = areas[areas["batch"] == batch]
            counts, ids = _table_count(rows, codes)
            batch_ids = ";".join(dict.fromkeys(rows["source_id"].dropna().astype(str)))
            year = years.get(batch)
            when = f" ({year})" if year else ""
            established = bool(coverage.at[batch, "established"]) if batch in coverage.index else True
            if established:
                notes = np.where(counts == 0, f"no area of batch {batch} in its published list", "")
                missing_text, qualifier, caveat = NOT_REPORTED_TEXT, "", "member list established"
            else:
                # Only some members are known: a province without a known member is unknown, not 0.
                known = _batch_text(coverage.loc[batch].to_dict() | {"batch": batch}) + " known"
                notes = np.where(counts == 0, f"member list not established ({known})", known)
                counts = counts.where(counts > 0)
                missing_text, qualifier, caveat = NOT_KNOWN_TEXT, "at least", f"incomplete: {known}"
            columns.append(Instrument(
                key=f"demonstration_batch_{batch}", label=f"Demonstration areas, batch {batch}{when}",
                unit="demonstration areas", value_type="count", values=counts,
                sources=ids.where(ids != "", batch_ids),
                notes=pd.Series(notes, index=counts.index, dtype=object), missing_text=missing_text,
                qualifier=qualifier, caveat=caveat, title=f"Demonstration areas in batch {batch}{when}",
                member_sources=split_source_ids(rows["source_id"]),
            ))
    scores = tables.city_scores
    if scores is not None:
        represented.add(SCORE_COUNT)
        counts, ids = _table_count(scores, codes)
        all_ids = ";".join(dict.fromkeys(scores["source_id"].dropna().astype(str)))
        columns.append(Instrument(
            key="city_score_systems", label="City credit-score systems (known)",
            unit="city credit-score systems", value_type="count", values=counts,
            sources=ids.where(ids != "", all_ids),
            notes=pd.Series(np.where(counts == 0, "none known (the list is not exhaustive)", ""),
                            index=counts.index, dtype=object),
            qualifier="at least", caveat="lower bound: the list is not exhaustive",
            title="City credit-score systems (known)", member_sources=split_source_ids(scores["source_id"]),
        ))
    for name in indicator_names(tables.catalogue):
        if name in represented or not has_indicator(tables, name):
            continue
        m = meta(tables.catalogue, name)
        columns.append(_indicator_instrument(tables, name, codes, invert=m.get("value_type") == "year"))
    return columns


def matrix_of(columns: list[Instrument], provinces: pd.DataFrame) -> pd.DataFrame:
    """Province × instrument values (NaN = not reported) via :func:`instrument_matrix`."""
    return instrument_matrix({c.key: c.values for c in columns}, mainland_codes(provinces))


def regions(provinces: pd.DataFrame) -> pd.Series:
    """NBS macro-region per mainland adcode, categorical in NBS order (others appended)."""
    frame = mainland(provinces)
    labels = frame["region"].astype(object).where(frame["region"].notna(), "Unassigned").astype(str)
    order = [r for r in REGION_ORDER if r in set(labels)] + sorted(set(labels) - set(REGION_ORDER))
    return pd.Series(pd.Categorical(labels, categories=order), index=frame["adcode"].astype(str).to_numpy(),
                     name="region")


def row_order(matrix: pd.DataFrame, provinces: pd.DataFrame, sort: str,
              adoption_years: pd.Series | None = None) -> tuple[list[str], dict | None]:
    """Row order of the matrix and, for ``sort == "similarity"``, the dendrogram dict.

    ``region``: NBS region, then adcode. ``adoption``: adoption year (earliest first, none
    established last), then adcode. ``similarity``: :func:`cluster_order`.
    """
    codes = list(matrix.index)
    if sort == "similarity":
        result = cluster_order(matrix)
        return list(result.order), result.dendrogram
    if sort == "adoption" and adoption_years is not None:
        years = adoption_years.reindex(codes)
        keyed = sorted(codes, key=lambda c: (pd.isna(years[c]), years[c] if pd.notna(years[c]) else 0, c))
        return keyed, None
    region = regions(provinces).reindex(codes)
    rank = {label: i for i, label in enumerate(region.cat.categories)}
    return sorted(codes, key=lambda c: (rank.get(region[c], len(rank)), c)), None


def scale_column(values: pd.Series, invert: bool = False) -> pd.Series:
    """Min-max scale to [0, 1] over the present values; missing stays NaN.

    With ``invert`` the smallest value maps to 1 (for years: earliest = darkest). A column
    whose present values are all equal maps to 0 if they are 0 and to 1 otherwise.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    present = numbers.dropna()
    if present.empty:
        return numbers
    low, high = float(present.min()), float(present.max())
    if high == low:
        constant = 0.0 if high == 0 else 1.0
        return numbers.where(numbers.isna(), constant)
    scaled = (numbers - low) / (high - low)
    return 1 - scaled if invert else scaled


def cell_text(value: float, value_type: str) -> str:
    """Compact cell label: '2017', '15', '5,379', '2.5'."""
    if pd.isna(value):
        return ""
    if value_type == "year" or float(value).is_integer():
        return f"{int(value):,}" if value_type != "year" else f"{int(value)}"
    return f"{value:,.1f}"


def dendrogram_lines(dendro: dict) -> tuple[list[float | None], list[float | None]]:
    """Line coordinates of a scipy dendrogram drawn sideways: x = height, y = leaf position.

    scipy puts leaf ``i`` (in leaf order) at 5 + 10 * i; it is moved to ``i`` so that the
    lines meet the heatmap rows. Segments are separated by ``None``.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for icoord, dcoord in zip(dendro["icoord"], dendro["dcoord"], strict=True):
        xs.extend([*map(float, dcoord), None])
        ys.extend([*((float(i) - 5) / 10 for i in icoord), None])
    return xs, ys


def _group_runs(order: list[str], groups: pd.Series) -> list[tuple[str, int, int]]:
    """Consecutive runs of equal group labels: (label, first row, last row)."""
    runs: list[tuple[str, int, int]] = []
    for i, code in enumerate(order):
        label = str(groups.get(code, ""))
        if runs and runs[-1][0] == label:
            runs[-1] = (label, runs[-1][1], i)
        else:
            runs.append((label, i, i))
    return runs


def matrix_figure(columns: list[Instrument], provinces: pd.DataFrame, order: list[str],
                  dendro: dict | None, sources: dict[str, dict], *, sort: str = "region",
                  lang: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Heatmap of provinces × instruments, each column scaled 0–1 for colour.

    Cells show the real values; hover adds unit, note and source. Missing cells are a
    separate grey trace labelled ``n/r`` (or ``none est.``) and are not on the colour scale.
    With a dendrogram (similarity sort), it is drawn to the right of the rows.
    """
    names = province_names(provinces, lang)
    region = regions(provinces)
    n_rows, n_cols = len(order), len(columns)
    values = pd.DataFrame({c.key: c.values.reindex(order) for c in columns}, index=order)
    scaled = pd.DataFrame({c.key: scale_column(c.values, c.invert).reindex(order) for c in columns}, index=order)
    text, hover, missing_z, missing_text, missing_hover = [], [], [], [], []
    for code in order:
        row_text, row_hover, row_mz, row_mt, row_mh = [], [], [], [], []
        for c in columns:
            value = values.at[code, c.key]
            note = _text(c.notes.get(code, ""))
            source = _text(c.sources.get(code, ""))
            head = f"<b>{names[code]}</b> · {region.get(code, '')}<br>{c.title or c.label}<br>"
            tail = (f"<br><i>{note}</i>" if note else "") + (
                f"<br>Source: {source.replace(';', ', ')}" if source else "")
            if pd.isna(value):
                row_text.append("")
                row_hover.append("")
                row_mz.append(1.0)
                row_mt.append(c.missing_text)
                reason = note or ("no adopted regulation established"
                                  if c.missing_text == NONE_ESTABLISHED_TEXT else "not reported by source")
                source_tail = f"<br>Source: {source.replace(';', ', ')}" if source else ""
                row_mh.append(f"{head}no value: {reason}{source_tail}")
            else:
                row_text.append(cell_text(value, c.value_type))
                row_hover.append(head + format_value(float(value), c.value_type, c.qualifier, c.unit) + tail)
                row_mz.append(None)
                row_mt.append("")
                row_mh.append("")
        text.append(row_text)
        hover.append(row_hover)
        missing_z.append(row_mz)
        missing_text.append(row_mt)
        missing_hover.append(row_mh)

    if dendro is not None:
        figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.85, 0.15],
                               horizontal_spacing=0.005)
        position = {"row": 1, "col": 1}
    else:
        figure = go.Figure()
        position = {}
    base = 13 * font_scale
    x = list(range(n_cols))
    y = list(range(n_rows))
    z = scaled.to_numpy(dtype=float)
    figure.add_trace(
        go.Heatmap(
            x=x, y=y, z=z, zmin=0, zmax=1, text=text, texttemplate="%{text}",
            textfont={"size": base * 0.78},
            customdata=hover, hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
            colorbar={"thickness": 12, "len": 0.5, "tickvals": [0, 1],
                      "ticktext": ["lowest in<br>column", "highest in<br>column"], "tickfont": {"size": base * 0.8},
                      "xref": "container", "x": 1.0, "xanchor": "right", "y": 0.5},
            xgap=2, ygap=2, name="values", hoverongaps=False,
        ),
        **position,
    )
    figure.add_trace(
        go.Heatmap(
            x=x, y=y, z=missing_z, zmin=0, zmax=1, text=missing_text, texttemplate="%{text}",
            textfont={"size": base * 0.72, "color": "#333333"},
            customdata=missing_hover, hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]], showscale=False,
            xgap=2, ygap=2, name="missing", hoverongaps=False,
        ),
        **position,
    )
    labels = [names[c] for c in order]
    figure.update_yaxes(tickvals=y, ticktext=labels, autorange="reversed", showgrid=False, zeroline=False,
                        **position)
    headers = [_wrap(c.label, 13) for c in columns]
    header_lines = max((h.count("<br>") + 1 for h in headers), default=1)
    figure.update_xaxes(tickvals=x, ticktext=headers, side="top",
                        showgrid=False, zeroline=False, tickangle=0, tickfont={"size": base * 0.72}, **position)
    shapes, annotations = [], []
    if sort == "region":
        runs = _group_runs(order, region)
        for label, first, last in runs:
            if first > 0:
                shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": -0.5, "x1": n_cols - 0.5,
                               "y0": first - 0.5, "y1": first - 0.5, "line": {"color": "#000000", "width": 2}})
            annotations.append({"text": f"<b>{label}</b><br>{REGION_ZH.get(label, '')}", "x": n_cols - 0.45,
                                "y": (first + last) / 2, "xref": "x", "yref": "y", "showarrow": False,
                                "xanchor": "left", "align": "left", "font": {"size": base * 0.85}})
    if dendro is not None:
        xs, ys = dendrogram_lines(dendro)
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": DENDROGRAM_COLOUR, "width": 1.2},
                                    hoverinfo="skip", showlegend=False, name="dendrogram"), row=1, col=2)
        figure.update_xaxes(showgrid=False, zeroline=False, showticklabels=False, row=1, col=2)
        figure.update_yaxes(showgrid=False, row=1, col=2)
    coverage = "; ".join(
        f"{_wrap(c.label, 200)}: {int(c.values.notna().sum())} of {n_rows}" for c in columns
        if c.values.notna().sum() < n_rows)
    all_ids = list(dict.fromkeys(s for c in columns for s in c.member_sources))
    footer = (
        f"Grey = missing, not zero, and not on the colour scale: {NOT_REPORTED_TEXT} = not reported by source; "
        f"{NONE_ESTABLISHED_TEXT} = no adopted regulation established; {NOT_KNOWN_TEXT} = batch member list "
        "incomplete. A 0 is a recorded absence (for lists that are not exhaustive: none known).<br>"
        f"Values with few provinces: {coverage or 'none'}.<br>"
        f"Counts of demonstration areas and city scores are lower bounds. {source_line(all_ids, sources)}"
    )
    subtitle = (f"Rows: the {n_rows} mainland provinces, {SORT_PHRASES.get(sort, sort)}. "
                "Colour: each column scaled 0–1 (own regulation: earliest = darkest); cells show real values.")
    _layout(figure, title="Which instruments each province uses", subtitle=subtitle, footer=footer,
            height=int((250 + 13 * header_lines + 24 * n_rows) * font_scale), font_scale=font_scale,
            footer_shift=8, right=150 if sort == "region" else 90, top=100 + 12 * header_lines)
    figure.update_layout(shapes=shapes, showlegend=False,
                         annotations=list(figure.layout.annotations) + annotations)
    return figure


def matrix_display(columns: list[Instrument], order: list[str], provinces: pd.DataFrame,
                   lang: str = "en") -> pd.DataFrame:
    """The matrix as text with units; missing cells say so."""
    names = province_names(provinces, lang)
    region = regions(provinces)
    table = {"Province": [names[c] for c in order], "Region": [str(region.get(c, "")) for c in order]}
    for c in columns:
        cells = []
        for code in order:
            value = c.values.get(code)
            cells.append(c.missing_text if value is None or pd.isna(value) else cell_text(value, c.value_type))
        table[f"{c.label} [{c.unit}]"] = cells
    return pd.DataFrame(table)


# --------------------------------------------------------------------------- 3. diffusion


def years_of(tables: Tables) -> dict[str, pd.Series]:
    """The year series behind each diffusion curve (missing = year unknown)."""
    codes = mainland_codes(tables.provinces)
    series: dict[str, pd.Series] = {}
    if has_indicator(tables, REGULATION_YEAR):
        series["regulation"] = latest(tables.indicators, REGULATION_YEAR, codes)["value"]
    if tables.demonstration_areas is not None:
        series["demonstration_areas"] = pd.to_numeric(tables.demonstration_areas["year"], errors="coerce")
    if tables.city_scores is not None:
        series["score_systems"] = pd.to_numeric(tables.city_scores["year"], errors="coerce").astype("float64")
    return series


def diffusion_range(tables: Tables) -> tuple[int, int]:
    """First and last year of the diffusion curves: 2014 to the latest year in the data."""
    known = [int(s.max()) for s in years_of(tables).values() if s.notna().any()]
    end = max(known) if known else DIFFUSION_START
    return DIFFUSION_START, max(end, DIFFUSION_START)


DIFFUSION_LABELS = {
    "regulation": ("Provinces with their own SCS regulation", "provinces"),
    "demonstration_areas": ("Demonstration areas named (cumulative)", "demonstration areas"),
    "score_systems": ("City credit-score systems launched (cumulative, dated only)", "city credit-score systems"),
}


def diffusion_table(tables: Tables, start: int, end: int) -> pd.DataFrame:
    """Cumulative counts per year from ``start`` to ``end``: one column per available series.

    Rows with an unknown year are in no year (see :func:`undated_scores`).
    """
    table = pd.DataFrame({"year": list(range(start, end + 1))})
    for key, years in years_of(tables).items():
        table[key] = cumulative_adoption(years, start, end)["adopted"].to_numpy()
    return table


def undated_scores(tables: Tables, lang: str = "en") -> pd.DataFrame:
    """City credit-score systems without a confirmed launch year."""
    scores = tables.city_scores
    if scores is None:
        return pd.DataFrame(columns=["city", "province", "score", "source_id"])
    rows = scores[scores["year"].isna()]
    names = province_names(tables.provinces, lang)
    return pd.DataFrame({
        "city": (rows["city_en"].astype(str) + " " + rows["city_zh"].astype(str)).to_numpy(),
        "province": [names.get(str(c), str(c)) for c in rows["adcode"]],
        "score": rows["score_name_en"].astype(str).to_numpy(),
        "source_id": rows["source_id"].astype(str).to_numpy(),
    })


def diffusion_figure(tables: Tables, year: int, sources: dict[str, dict], *,
                     font_scale: float = 1.0) -> go.Figure:
    """Cumulative curves, one panel per unit (units never share an axis), with the selected year."""
    start, end = diffusion_range(tables)
    table = diffusion_table(tables, start, end)
    keys = [k for k in DIFFUSION_LABELS if k in table]
    n_provinces = len(mainland_codes(tables.provinces))
    panel_titles = []
    for key in keys:
        title, unit = DIFFUSION_LABELS[key]
        if key == "regulation":
            title += f" (of {n_provinces})"
        panel_titles.append(f"{title} [{unit}]")
    figure = make_subplots(rows=max(len(keys), 1), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=panel_titles or ["No dated series available"])
    for row, key in enumerate(keys, start=1):
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
    if start <= year <= end:
        figure.add_vline(x=year, line={"color": "#D55E00", "width": 2, "dash": "dot"})
    figure.update_xaxes(dtick=1, tickformat="d", range=[start - 0.5, end + 0.5], gridcolor="#f0f0f0")
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
    footer = (f"{reg_note}{' '.join(notes)}<br>Counts of areas and systems are lower bounds. "
              f"{source_line(list(dict.fromkeys(ids)), sources)}")
    _layout(figure, title=f"Diffusion over time, {start}–{end}",
            subtitle=f"Cumulative counts by end of year; dotted line: selected year {year}. Each panel has its own unit.",
            footer=footer, height=int((230 + 190 * max(len(keys), 1)) * font_scale), font_scale=font_scale,
            footer_shift=30, top=115)
    return figure


@dataclass(frozen=True)
class AdoptionSummary:
    """When provinces adopted their own regulation, with names for the extremes."""

    spread: AdoptionSpread
    n_total: int
    first_names: list[str]
    last_names: list[str]
    none_names: list[str]
    first_sources: list[str]
    last_sources: list[str]
    sources: list[str]


def adoption_summary(tables: Tables) -> AdoptionSummary | None:
    """:func:`adoption_spread` of the regulation years plus who came first and last."""
    if not has_indicator(tables, REGULATION_YEAR):
        return None
    codes = mainland_codes(tables.provinces)
    data = latest(tables.indicators, REGULATION_YEAR, codes)
    years = data["value"]
    result = adoption_spread(years)
    names = english_names(tables.provinces)

    def who(year) -> tuple[list[str], list[str]]:
        if year is None:
            return [], []
        chosen = years[years == year].index
        return [names[c] for c in chosen], split_source_ids(data.loc[chosen, "source_id"])

    first_names, first_sources = who(result.first)
    last_names, last_sources = who(result.last)
    return AdoptionSummary(
        spread=result, n_total=len(codes), first_names=first_names, last_names=last_names,
        none_names=[names[c] for c in years[years.isna()].index], first_sources=first_sources,
        last_sources=last_sources, sources=_present_sources(data),
    )


def adoption_sentence(summary: AdoptionSummary) -> str:
    """One line on the spread of adoption years."""
    s = summary.spread
    if s.n == 0:
        return f"No province of {summary.n_total} has an established adoption year."
    median = f"{s.median:.0f}" if float(s.median).is_integer() else f"{s.median:.1f}"
    return (f"First, in {s.first}: {_list_words(summary.first_names)}; last, in {s.last}: "
            f"{_list_words(summary.last_names)}; median year {median}; span {s.span_years} years "
            f"(n = {s.n} of {summary.n_total} provinces with an established year).")


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
    footer = (f"{source_line(ids, sources)}<br>{adopted} adopted by {year}; {not_yet} adopted later; "
              f"{none}: {m['missing_reason'] or 'no value'} (not proof that none exists).")
    figure = province_map(
        view.values, tables.provinces,
        title=f"Provinces with their own SCS regulation by the end of {year}",
        subtitle=(f"Colour: year of adoption (darker = later). {adopted} of {total} provinces adopted by {year}; "
                  f"grey: no adopted regulation established."),
        footer=wrap_lines(footer, 160), value_type="year", unit="", absent_label=f"Adopted after {year}",
        lang=lang, font_scale=font_scale,
    )
    # Whole years on the colour bar, and the grey swatch named for what grey means here.
    figure.update_traces(colorbar={"dtick": 1, "tickformat": "d"}, selector={"name": "value"})
    missing_label = MAP_LABELS[lang]["missing"]
    reason = str(m.get("missing_reason") or missing_label)
    figure.update_traces(name=reason[0].upper() + reason[1:], selector={"name": missing_label})
    return figure


# --------------------------------------------------------------------------- 4. regions


def region_measures(tables: Tables) -> list[Instrument]:
    """Count measures compared across regions: total demonstration areas, city scores, the
    other count indicators, and population and GDP as references."""
    codes = mainland_codes(tables.provinces)
    measures: list[Instrument] = []
    for column in instruments(tables):
        if column.value_type == "year" or column.key.startswith("demonstration_batch_"):
            continue
        measures.append(column)
    areas = tables.demonstration_areas
    if areas is not None and len(areas):
        counts, ids = _table_count(areas, codes)
        scope = demonstration_scope(tables)
        measures.insert(0, Instrument(
            key="demonstration_areas", label="Demonstration areas (known members)",
            unit="demonstration areas", value_type="count", values=counts, sources=ids,
            notes=pd.Series(np.where(counts == 0, "no known area", ""), index=codes, dtype=object),
            qualifier="at least", caveat=f"lower bound: {scope}", title=f"Demonstration areas ({scope})",
            member_sources=split_source_ids(areas["source_id"]),
        ))
    for name, label in ((POPULATION, "Population 2020 (reference)"), (GDP, "GDP 2020 (reference)")):
        if has_indicator(tables, name):
            measures.append(_indicator_instrument(tables, name, codes, label=label))
    return measures


def region_table(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """:func:`group_spread` of every region measure by NBS macro-region, long format."""
    groups = regions(tables.provinces)
    members = groups.value_counts()
    frames = []
    for measure in region_measures(tables):
        table = group_spread(measure.values.reindex(groups.index), groups).reset_index()
        table.insert(0, "measure", measure.label)
        table.insert(1, "unit", measure.unit)
        table.insert(3, "provinces", table["group"].map(members).astype("int64"))
        table["warning"] = [small_n_warning(int(n), min_n) or "" for n in table["n"]]
        table["sources"] = ", ".join(measure.member_sources)
        frames.append(table)
    columns = ["measure", "unit", "group", "provinces", "n", "total", "mean", "median", "share_of_total",
               "warning", "sources"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns].rename(columns={"group": "region"})


def region_adoption(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """Own regulation by region: provinces, adopted, share adopted, first/median/last year."""
    if not has_indicator(tables, REGULATION_YEAR):
        return pd.DataFrame(columns=["region", "provinces", "adopted", "share_adopted", "first", "median",
                                     "last", "warning"])
    groups = regions(tables.provinces)
    years = latest(tables.indicators, REGULATION_YEAR, list(groups.index))["value"]
    rows = []
    for label in groups.cat.categories:
        members = groups[groups == label].index
        result = adoption_spread(years.reindex(members))
        rows.append({
            "region": label, "provinces": len(members), "adopted": result.n,
            "share_adopted": result.n / len(members) if len(members) else np.nan,
            "first": result.first, "median": result.median, "last": result.last,
            "warning": small_n_warning(len(members), min_n) or "",
        })
    return pd.DataFrame(rows)


def region_figure(tables: Tables, sources: dict[str, dict], *, font_scale: float = 1.0,
                  min_n: int = DEFAULT_MIN_N) -> go.Figure:
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
                           subplot_titles=[f"Share of the national total [% of the {n_provinces}-province total]",
                                           "Own regulation adopted<br>[% of the region's provinces]"])
    palette = ["#0072B2", "#E69F00", "#999999", "#555555", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    for i, measure in enumerate(complete):
        rows = table[table["measure"] == measure].set_index("region").reindex(region_labels)
        reference = "(reference)" in measure
        figure.add_trace(
            go.Bar(
                y=[f"{r} {REGION_ZH.get(r, '')}" for r in region_labels], x=rows["share_of_total"],
                orientation="h", name=measure, marker={"color": palette[i % len(palette)],
                                                       "pattern": {"shape": ("/", "x")[i % 2] if reference else ""}},
                texttemplate="%{x:.0%}", textposition="outside", textfont={"size": 9 * font_scale},
                customdata=[f"<b>{measure}</b><br>{r}: {_number(t, 0)} {rows.at[r, 'unit']} "
                            f"({rows.at[r, 'share_of_total']:.0%} of total), {int(rows.at[r, 'n'])} provinces"
                            + (f"<br><i>{rows.at[r, 'warning']}</i>" if rows.at[r, "warning"] else "")
                            for r, t in zip(region_labels, rows["total"], strict=True)],
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=1, col=1,
        )
    if len(adoption):
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
    figure.update_xaxes(tickformat=".0%", rangemode="tozero", gridcolor="#e5e5e5")
    figure.update_xaxes(range=[0, 1.25], row=1, col=2)
    figure.update_yaxes(autorange="reversed")
    figure.update_yaxes(showticklabels=True, row=1, col=2)
    small_regions = adoption.loc[adoption["provinces"] < min_n, "region"].tolist() if len(adoption) else []
    ids = list(dict.fromkeys(s for m in region_measures(tables) if m.label in complete for s in m.member_sources))
    notes = []
    if small_regions:
        notes.append(f"{_list_words(small_regions)}: fewer than {min_n} provinces, so its shares are not "
                     "headline figures (grey on the right).")
    if partial:
        notes.append(f"Left out (values for only some provinces; see the table): {_list_words(partial)}.")
    footer = (" ".join(notes) + "<br>Hatched bars are references. Counts of areas and systems are lower bounds. "
              + source_line(ids, sources))
    _layout(figure, title="NBS macro-regions: who holds the instruments",
            subtitle="Share of each national total held by each region, against its share of population and GDP",
            footer=footer, height=int(560 * font_scale), font_scale=font_scale, footer_shift=80, top=115,
            legend_shift=30)
    figure.update_layout(barmode="group")
    return figure


def region_display(table: pd.DataFrame) -> pd.DataFrame:
    """The region table as text."""
    return pd.DataFrame({
        "Measure": table["measure"],
        "Unit": table["unit"],
        "Region": table["region"].astype(str),
        "Provinces with a value": [f"{n} of {p}" for n, p in zip(table["n"], table["provinces"], strict=True)],
        "Total": [_number(v, 0) for v in table["total"]],
        "Mean": [_number(v, 1) for v in table["mean"]],
        "Median": [_number(v, 1) for v in table["median"]],
        "Share of total": ["—" if pd.isna(v) else f"{v:.0%}" for v in table["share_of_total"]],
        "Warning": table["warning"],
        "Sources": table["sources"],
    })


@dataclass(frozen=True)
class Wealth:
    """Demonstration areas against GDP per capita, per province."""

    frame: pd.DataFrame   # adcode, name, region, gdp_per_capita, y
    result: Correlation
    y_label: str
    sources: list[str]


def wealth(tables: Tables, measure: str = "count", lang: str = "en") -> Wealth | None:
    """Demonstration areas (or per million residents) against GDP per capita in yuan.

    GDP per capita = ``gdp_2020 * 1e8 / population_2020``.
    """
    if not (has_indicator(tables, GDP) and has_indicator(tables, POPULATION)):
        return None
    measures = {m.key: m for m in region_measures(tables)}
    areas = measures.get("demonstration_areas") or measures.get(DEMONSTRATION_COUNT)
    if areas is None:
        return None
    codes = mainland_codes(tables.provinces)
    gdp = latest(tables.indicators, GDP, codes)
    population = latest(tables.indicators, POPULATION, codes)
    gdp_per_capita = gdp["value"] * GDP_UNIT_FACTOR / population["value"]
    y = areas.values.reindex(codes)
    y_label = "Demonstration areas [at least]"
    if measure == "per_capita":
        y = per_capita(y, population["value"], per=PER_MILLION).reindex(codes)
        y_label = "Demonstration areas per million residents [at least]"
    names = province_names(tables.provinces, lang)
    groups = regions(tables.provinces)
    frame = pd.DataFrame({
        "adcode": codes, "name": [names[c] for c in codes], "region": [str(groups[c]) for c in codes],
        "gdp_per_capita": gdp_per_capita.to_numpy(), "y": y.to_numpy(dtype=float),
    })
    result = correlation(gdp_per_capita, y)
    ids = areas.member_sources + _present_sources(gdp) + _present_sources(population)
    return Wealth(frame=frame, result=result, y_label=y_label, sources=list(dict.fromkeys(ids)))


def correlation_text(result: Correlation) -> str:
    """'Pearson r = 0.41 · Spearman ρ = 0.55 · n = 31' plus the small-n warning if any."""
    text = (f"Pearson r = {_number(result.pearson_r)} · Spearman ρ = {_number(result.spearman_rho)} "
            f"· n = {result.n}")
    return text + (f"<br>{result.warning}" if result.warning else "")


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
    figure.update_yaxes(title={"text": _wrap(data.y_label, 30)}, range=[-0.04 * top, top * 1.3],
                        gridcolor="#e5e5e5")
    n_total = len(data.frame)
    footer = ("Association across provinces, not causation; counts are lower bounds (batches without complete "
              "member lists are missing). GDP per capita: secondary source. Labels: the upper quarter on either "
              "axis; hover for the rest.<br>" + source_line(data.sources, sources))
    _layout(figure, title="Did wealthier provinces get more demonstration areas?",
            subtitle=f"One dot per province; {data.result.n} of {n_total} provinces with both values",
            footer=footer, height=int(640 * font_scale), font_scale=font_scale, footer_shift=62, right=160)
    figure.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.01,
                                 "title": {"text": "NBS region"}})
    return figure


# --------------------------------------------------------------------------- 5. findings


@dataclass(frozen=True)
class Finding:
    """One generated sentence with the source ids its numbers rest on."""

    key: str
    text: str
    sources: list[str]


def _size_word(r: float) -> str:
    size = abs(r)
    return "no clear" if size < 0.1 else "weak" if size < 0.3 else "moderate" if size < 0.5 else "strong"


def _strength(r: float, rho: float | None = None) -> str:
    """'a weak positive', or 'a weak (Pearson) to moderate (Spearman) positive' when they differ."""
    word = _size_word(r)
    if word == "no clear":
        return "no clear"
    direction = "positive" if r > 0 else "negative"
    if rho is not None and (rho > 0) == (r > 0) and _size_word(rho) not in (word, "no clear"):
        word = f"{word} (Pearson) to {_size_word(rho)} (Spearman)"
    return f"a {word} {direction}"


def findings(tables: Tables, *, min_n: int = DEFAULT_MIN_N) -> list[Finding]:
    """Three to six sentences on fragmentation, each computed from the tables."""
    results: list[Finding] = []
    codes = mainland_codes(tables.provinces)
    names = english_names(tables.provinces)
    total_provinces = len(codes)

    summary = adoption_summary(tables)
    if summary is not None and summary.spread.n:
        s = summary.spread
        calendar_years = s.last - s.first + 1
        results.append(Finding("regulation", (
            f"{s.n} of {total_provinces} provinces had adopted their own SCS regulation by {s.last}, over "
            f"{calendar_years} calendar years (first, in {s.first}: {_list_words(summary.first_names)}; last, in "
            f"{s.last}: {_list_words(summary.last_names)}); for the other {total_provinces - s.n} "
            f"({_list_words(summary.none_names)}) no adopted regulation is established."
        ), summary.first_sources + summary.last_sources))

    measures = {m.key: m for m in region_measures(tables)}
    areas = measures.get("demonstration_areas") or measures.get(DEMONSTRATION_COUNT)
    if areas is not None:
        values = areas.values.reindex(codes)
        result = spread(values, min_n=min_n)
        present = values.dropna()
        top = present.sort_values(ascending=False, kind="stable").head(3)
        zero = int((present == 0).sum())
        if result.top3_share is not None:
            text = (
                f"The three provinces with the most known demonstration areas "
                f"({_list_words([f'{names[c]} {int(v)}' for c, v in top.items()])}) hold "
                f"{result.top3_share:.0%} of the {int(present.sum())} known areas "
                f"({demonstration_scope(tables) or 'known batches'}; Gini {_number(result.gini)} over "
                f"{result.n} provinces); {zero} provinces have none known, which is a lower bound, not an absence."
            )
            if result.warning:
                text += f" {result.warning}"
            results.append(Finding("demonstration", text, areas.member_sources))

    scores = measures.get("city_score_systems") or measures.get(SCORE_COUNT)
    if scores is not None:
        values = scores.values.reindex(codes)
        present = values[values > 0].sort_values(ascending=False, kind="stable")
        undated = len(undated_scores(tables))
        listing = _list_words([f"{names[c]} {int(v)}" for c, v in present.items()])
        text = (f"{int(values.sum())} municipal credit-score systems are known, in {len(present)} of "
                f"{total_provinces} provinces ({listing}); {total_provinces - len(present)} provinces have none "
                f"known. The list is not exhaustive")
        text += f", and {undated} of the systems have no confirmed launch year." if undated else "."
        results.append(Finding("scores", text, scores.member_sources))

    data = wealth(tables)
    if data is not None and data.result.pearson_r is not None:
        r = data.result
        text = (f"Across {r.n} provinces, known demonstration areas show {_strength(r.pearson_r, r.spearman_rho)} association "
                f"with GDP per capita in 2020 (Pearson r = {r.pearson_r:.2f}, Spearman ρ = "
                f"{r.spearman_rho:.2f}); this is a cross-section of lower-bound counts, not evidence of cause.")
        if r.warning:
            text += f" {r.warning}"
        results.append(Finding("wealth", text, data.sources))

    table = region_table(tables, min_n=min_n)
    if areas is not None and len(table):
        rows = table[table["measure"] == areas.label].dropna(subset=["share_of_total"])
        population = table[table["measure"] == "Population 2020 (reference)"].set_index("region")
        if len(rows) and len(population):
            best = rows.sort_values("share_of_total", ascending=False, kind="stable").iloc[0]
            pop_share = population.at[best["region"], "share_of_total"]
            text = (f"The {best['region']} region ({int(best['provinces'])} provinces) holds "
                    f"{best['share_of_total']:.0%} of the known demonstration areas but "
                    f"{pop_share:.0%} of the 2020 population.")
            if best["warning"]:
                text += f" {best['warning']}"
            pop_ids = [s for s in measures[POPULATION].member_sources] if POPULATION in measures else []
            results.append(Finding("regions", text, areas.member_sources + pop_ids))

    if has_indicator(tables, BLACKLISTS):
        data_b = latest(tables.indicators, BLACKLISTS, codes)
        values = data_b["value"].dropna()
        result = spread(data_b["value"], min_n=min_n)
        if len(values) >= 2 and result.max_min_ratio is not None:
            low, high = values.idxmin(), values.idxmax()
            text = (f"Reported counts of distinct blacklists per provincial platform range from "
                    f"{int(values[low])} ({names[low]}) to {int(values[high])} ({names[high]}), a "
                    f"{result.max_min_ratio:.1f}-fold difference, but only {result.n} of {total_provinces} "
                    f"provinces have a value ({caveat_of(meta(tables.catalogue, BLACKLISTS), data_b).split(';')[0]}).")
            if result.warning:
                text += f" {result.warning}"
            results.append(Finding("lists", text, _present_sources(data_b)))
    return results[:6]


def cited(finding: Finding, limit: int = 4) -> str:
    """'[sources: a, b, c and 3 more]'."""
    ids = list(dict.fromkeys(finding.sources))
    if not ids:
        return ""
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return f"[sources: {', '.join(ids[:limit])}{more}]"


def coverage_of(column: Instrument, total: int) -> str:
    """Coverage sentence of one matrix column."""
    return coverage_sentence(int(column.values.notna().sum()), "not reported by source", total)
