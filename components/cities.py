"""Cities page: demonstration areas and city credit-score systems as points on the province map.

Pure functions from tables to tables and figures; nothing here imports Streamlit. The base
layer is :func:`components.maps.province_map` with every mainland province in the neutral
``absent`` state, so the points share its geo settings, static GeoJSON and out-of-scope shade.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from components.data import as_text
from components.maps import BORDER_COLOUR, province_map

# Okabe-Ito: distinguishable under the common forms of colour-vision deficiency.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000"]
BATCH_STYLE = {  # batch number: (colour, marker symbol)
    1: ("#D55E00", "circle"),
    2: ("#CC79A7", "triangle-down"),
    3: ("#0072B2", "diamond"),
    4: ("#009E73", "triangle-up"),
    5: ("#E69F00", "hexagon"),
}
SCORE_STYLE = ("#000000", "star")
CAMERA_STYLE = ("#777777", "square-open")
HIGHLIGHT_COLOUR = "#fde0c5"
CAMERA_CAVEAT = (
    "figures are China's national camera rate applied to each city's population: "
    "they measure population, not local camera counts"
)
KINDS = {"both": "Both", "areas": "Demonstration areas", "scores": "Score systems"}


def name_pair(zh: object, en: object, lang: str = "en") -> str:
    """'Hangzhou 杭州市' (or '杭州市 Hangzhou' when ``lang == "zh"``); skips empty parts."""
    parts = [str(p) for p in ((zh, en) if lang == "zh" else (en, zh)) if isinstance(p, str) and p]
    return " ".join(parts)


def _text(value: object, empty: str = "") -> str:
    return as_text(value) or empty


# ------------------------------------------------------------------------ batches


@dataclass(frozen=True)
class BatchCoverage:
    """Which demonstration batches the point data covers in full, in part, or not at all."""

    full: list[int]  # batches whose member list is established and in the table
    partial: list[dict]  # batch, year, known (rows in the table), areas (None if not established)
    absent: list[dict]  # batch, year, areas: batches with no rows in the table
    sentence: str

    @property
    def included(self) -> list[int]:
        """Every batch with at least one row in the table."""
        return sorted(self.full + [p["batch"] for p in self.partial])


def batch_coverage(areas: pd.DataFrame, batches: pd.DataFrame | None) -> BatchCoverage:
    """Say which batches are included, in full or in part, and which are not established.

    Parameters
    ----------
    areas : pandas.DataFrame
        The ``demonstration_areas`` table (needs ``batch``).
    batches : pandas.DataFrame or None
        The ``demonstration_batches`` table (``batch``, ``year``, ``areas``,
        ``members_established``); ``None`` when it is not available, and then every batch
        in ``areas`` counts as listed in full.

    Returns
    -------
    BatchCoverage
        ``sentence`` reads e.g. "Includes batches 1, 3 and 4 in full, and 2 of the 16 members
        of batch 2 (2019). The members of batch 5 (2026, size not established) are not
        established, so every count here is 'at least' ..."
    """
    known = areas["batch"].dropna().astype(int).value_counts().to_dict()
    meta = {}
    if batches is not None and not batches.empty:
        meta = {int(r["batch"]): r for r in batches.to_dict("records")}
    full: list[int] = []
    partial: list[dict] = []
    absent: list[dict] = []
    for batch in sorted(set(known) | set(meta)):
        row = meta.get(batch, {})
        year = row.get("year")
        size = row.get("areas")
        item = {
            "batch": batch,
            "year": None if year is None or pd.isna(year) else int(year),
            "areas": None if size is None or pd.isna(size) else int(size),
            "known": int(known.get(batch, 0)),
        }
        established = row.get("members_established")
        established = True if not row else (False if established is None or pd.isna(established) else bool(established))
        if item["known"] == 0:
            absent.append(item)
        elif established:
            full.append(batch)
        else:
            partial.append(item)

    def described(item: dict, with_known: bool) -> str:
        bits = [str(item["year"])] if item["year"] else []
        if item["areas"] is None:
            bits.append("size not established")
        elif not with_known:
            bits.append(f"{item['areas']} areas")
        head = f"batch {item['batch']} ({', '.join(bits)})"
        if with_known:
            of = f" of the {item['areas']}" if item["areas"] is not None else ""
            return f"{item['known']}{of} members of {head}"
        return head

    parts = []
    if full:
        parts.append(f"batch{'es' if len(full) != 1 else ''} {_join(full)} in full")
    parts += [described(p, True) for p in partial]
    sentence = f"Includes {_join(parts)}." if parts else "No demonstration areas are listed."
    gaps = []
    for item in partial:
        rest = item["areas"] - item["known"] if item["areas"] is not None else None
        gaps.append(f"the other {rest} members of batch {item['batch']}" if rest is not None
                    else f"the other members of batch {item['batch']}")
    gaps += ["the members of " + described(a, False) for a in absent]
    if gaps:
        sentence += (f" Not established: {_join(gaps)}. So every count here is 'at least': "
                     "a place without a point may still be a demonstration area.")
    elif not meta:
        sentence += " Whether other batches exist is not shown here."
    return BatchCoverage(full, partial, absent, sentence)


def _join(items: list) -> str:
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# ------------------------------------------------------------------------ filtering


def filter_points(
    areas: pd.DataFrame | None,
    scores: pd.DataFrame | None,
    *,
    batches: list[int] | None = None,
    kind: str = "both",
    province: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demonstration areas and score systems left after the page's filters.

    ``batches`` (``None`` = all) applies to demonstration areas only; ``kind`` is ``both``,
    ``areas`` or ``scores``; ``province`` is an adcode or ``None`` for all. A missing
    table becomes an empty frame.
    """
    empty = pd.DataFrame(columns=["adcode", "lon", "lat"])
    areas = empty.copy() if areas is None or kind == "scores" else areas
    scores = empty.copy() if scores is None or kind == "areas" else scores
    if batches is not None and "batch" in areas:
        areas = areas[areas["batch"].isin(batches)]
    if province:
        areas = areas[areas["adcode"] == province]
        scores = scores[scores["adcode"] == province]
    return areas.reset_index(drop=True), scores.reset_index(drop=True)


def point_table(
    areas: pd.DataFrame, scores: pd.DataFrame, sources: dict[str, dict], lang: str = "en"
) -> pd.DataFrame:
    """One row per point for ``st.dataframe``: the hover fields plus the source citation."""
    columns = ["Kind", "Name", "Level", "Parent", "Province", "Batch / score", "Date", "Form",
               "Source id", "Confidence", "Source"]
    rows = []
    for row in areas.to_dict("records"):
        rows.append({
            "Kind": "Demonstration area",
            "Name": name_pair(row.get("name_zh"), row.get("name_en"), lang),
            "Level": _text(row.get("level")),
            "Parent": _text(row.get("parent_zh")),
            "Province": name_pair(row.get("province_zh"), row.get("province_en"), lang),
            "Batch / score": f"Batch {int(row['batch'])}" if not pd.isna(row.get("batch")) else "",
            "Date": _text(row.get("announced")),
            "Form": "",
            "Source id": _text(row.get("source_id")),
            "Confidence": _text(row.get("confidence")),
            "Source": _citation(row.get("source_id"), sources),
        })
    for row in scores.to_dict("records"):
        rows.append({
            "Kind": "City score system",
            "Name": name_pair(row.get("city_zh"), row.get("city_en"), lang),
            "Level": _text(row.get("level")),
            "Parent": _text(row.get("parent_zh")),
            "Province": name_pair(row.get("province_zh"), row.get("province_en"), lang),
            "Batch / score": name_pair(row.get("score_name_zh"), row.get("score_name_en"), lang),
            "Date": _text(row.get("launched"), "not established"),
            "Form": _text(row.get("form")),
            "Source id": _text(row.get("source_id")),
            "Confidence": _text(row.get("confidence")),
            "Source": _citation(row.get("source_id"), sources),
        })
    return pd.DataFrame(rows, columns=columns)


def _citation(source_id: object, sources: dict[str, dict]) -> str:
    source = sources.get(_text(source_id))
    return str(source["citation"]) if source else _text(source_id)


# ------------------------------------------------------------------------ hover text


def area_hover(row: dict, lang: str = "en") -> str:
    """Popup of one demonstration area: names, level, parent, batch, date, source."""
    level = _text(row.get("level"))
    parent = _text(row.get("parent_zh"))
    lines = [
        f"<b>{name_pair(row.get('name_zh'), row.get('name_en'), lang)}</b>",
        f"{level}" + (f", under {parent}" if parent else ""),
        name_pair(row.get("province_zh"), row.get("province_en"), lang),
        f"Demonstration area, batch {int(row['batch'])}; announced {_text(row.get('announced'), 'date not established')}",
        f"Source: {_text(row.get('source_id'))} (confidence: {_text(row.get('confidence'), '—')})",
    ]
    return "<br>".join(lines)


def score_hover(row: dict, lang: str = "en") -> str:
    """Popup of one city credit-score system: names, score name, form, launch, source."""
    parent = _text(row.get("parent_zh"))
    lines = [
        f"<b>{name_pair(row.get('city_zh'), row.get('city_en'), lang)}</b>",
        f"{_text(row.get('level'))}" + (f", under {parent}" if parent else ""),
        name_pair(row.get("province_zh"), row.get("province_en"), lang),
        f"Score system: {name_pair(row.get('score_name_zh'), row.get('score_name_en'), lang)}",
        f"Form: {_text(row.get('form'), '—')}; launched {_text(row.get('launched'), 'date not established')}",
        f"Source: {_text(row.get('source_id'))} (confidence: {_text(row.get('confidence'), '—')})",
    ]
    return "<br>".join(lines)


def camera_hover(row: dict, lang: str = "en") -> str:
    """Popup of one camera estimate, always with its caveat."""
    cameras = row.get("cameras")
    population = row.get("population_2025")
    lines = [
        f"<b>{name_pair(row.get('city_zh'), row.get('city_en'), lang)}</b>",
        f"Estimated CCTV cameras: {int(cameras):,}" if not pd.isna(cameras) else "Estimated CCTV cameras: —",
        f"City population 2025 (Comparitech): {int(population):,}" if not pd.isna(population) else "",
        f"<i>Caveat: {CAMERA_CAVEAT}.</i>",
        f"Source: {_text(row.get('source_id'))} (confidence: {_text(row.get('confidence'), '—')})",
    ]
    return "<br>".join(line for line in lines if line)


# ------------------------------------------------------------------------ geometry


def load_geojson(path: Path) -> dict:
    """Read the static province GeoJSON (only used to zoom to one province)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def province_bounds(geojson: dict, adcode: str, pad: float = 0.6) -> tuple[list[float], list[float]] | None:
    """``([lon_min, lon_max], [lat_min, lat_max])`` of one province's feature, padded; ``None`` if absent."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords) -> None:
        if coords and isinstance(coords[0], (int, float)):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
            return
        for part in coords:
            walk(part)

    for feature in geojson.get("features", []):
        if str(feature.get("properties", {}).get("adcode")) == str(adcode):
            walk(feature["geometry"]["coordinates"])
    if not lons:
        return None
    lon_span = max(lons) - min(lons)
    lat_span = max(lats) - min(lats)
    # Mercator looks best with roughly 4:3 boxes; widen the narrow side.
    half = max(lon_span, lat_span * 1.3) / 2 + pad
    lon_c, lat_c = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    return [lon_c - half, lon_c + half], [lat_c - half / 1.3, lat_c + half / 1.3]


# ------------------------------------------------------------------------ figure


def cities_map(
    areas: pd.DataFrame,
    scores: pd.DataFrame,
    provinces: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    footer: str,
    cameras: pd.DataFrame | None = None,
    highlight: str | None = None,
    bounds: tuple[list[float], list[float]] | None = None,
    lang: str = "en",
    height: int = 760,
    font_scale: float = 1.0,
    **map_args,
) -> go.Figure:
    """Points over a neutral province map: one trace per demonstration batch, one for score systems.

    Parameters
    ----------
    areas, scores : pandas.DataFrame
        Filtered ``demonstration_areas`` and ``city_scores`` rows (with ``lon``/``lat``).
        Rows without coordinates are not drawn.
    provinces : pandas.DataFrame
        Province reference (``adcode``, ``name_en``, ``name_zh``, ``in_scope``).
    title, subtitle, footer : str
        Drawn inside the figure.
    cameras : pandas.DataFrame, optional
        ``surveillance_cameras`` rows for the optional camera layer.
    highlight : str, optional
        Adcode of a province to shade (the province filter).
    bounds : tuple, optional
        ``(lon_range, lat_range)`` to zoom to.
    map_args
        Passed on to :func:`components.maps.province_map` (e.g. ``geojson``).
    """
    in_scope = provinces[provinces["in_scope"].astype(bool)]
    base_values = pd.DataFrame({"adcode": in_scope["adcode"].to_numpy(), "value": pd.NA, "state": "absent"})
    figure = province_map(
        base_values, provinces, title=title, subtitle=subtitle, footer=footer,
        absent_label="Mainland province" if lang == "en" else "内地省级行政区",
        lang=lang, height=height, font_scale=font_scale, **map_args,
    )
    if highlight:
        match = in_scope[in_scope["adcode"] == highlight]
        if not match.empty:
            row = match.iloc[0]
            geojson = figure.data[0].geojson
            figure.add_trace(go.Choropleth(
                geojson=geojson, featureidkey="properties.adcode", locations=[highlight], z=[0],
                colorscale=[[0, HIGHLIGHT_COLOUR], [1, HIGHLIGHT_COLOUR]], showscale=False,
                marker_line_color=BORDER_COLOUR, marker_line_width=1.2, name="selected province",
                hovertemplate=f"<b>{name_pair(row['name_zh'], row['name_en'], lang)}</b><extra></extra>",
            ))
    size = 10 * font_scale
    if not areas.empty:
        for batch in sorted(int(b) for b in areas["batch"].dropna().unique()):
            subset = areas[(areas["batch"] == batch) & areas["lon"].notna() & areas["lat"].notna()]
            colour, symbol = BATCH_STYLE.get(batch, (OKABE_ITO[batch % len(OKABE_ITO)], "circle"))
            year = subset["year"].dropna()
            year_text = f", {int(year.iloc[0])}" if len(year) else ""
            figure.add_trace(go.Scattergeo(
                lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
                marker={"size": size, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 0.8}},
                name=f"Demonstration areas, batch {batch}{year_text} ({len(subset)})",
                customdata=[area_hover(r, lang) for r in subset.to_dict("records")],
                hovertemplate="%{customdata}<extra></extra>",
            ))
    if not scores.empty:
        subset = scores[scores["lon"].notna() & scores["lat"].notna()]
        colour, symbol = SCORE_STYLE
        figure.add_trace(go.Scattergeo(
            lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
            marker={"size": size * 1.5, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 0.8}},
            name=f"City credit-score systems ({len(subset)})",
            customdata=[score_hover(r, lang) for r in subset.to_dict("records")],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    if cameras is not None and not cameras.empty:
        subset = cameras[cameras["lon"].notna() & cameras["lat"].notna()]
        colour, symbol = CAMERA_STYLE
        figure.add_trace(go.Scattergeo(
            lon=subset["lon"].astype(float), lat=subset["lat"].astype(float), mode="markers",
            marker={"size": size * 1.6, "color": colour, "symbol": symbol, "line": {"width": 2}},
            name=f"CCTV estimates, {len(subset)} {'city' if len(subset) == 1 else 'cities'} (measure population)",
            customdata=[camera_hover(r, lang) for r in subset.to_dict("records")],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    if bounds is not None:
        figure.update_geos(lonaxis_range=bounds[0], lataxis_range=bounds[1], showframe=False)
    place_footer_below_legend(figure, footer_lines=footer.count("<br>") + 1, font_scale=font_scale)
    return figure


def place_footer_below_legend(figure: go.Figure, *, footer_lines: int, font_scale: float = 1.0,
                              per_row: int = 2) -> None:
    """Grow the bottom margin so a multi-row horizontal legend and the footer never overlap.

    The legend of :func:`components.maps.province_map` sits under the plot and the footer
    annotation just below it; with many point layers the legend wraps onto several rows.
    """
    entries = sum(1 for trace in figure.data if trace.showlegend is not False and trace.type == "scattergeo")
    rows = -(-entries // per_row)
    legend_px = rows * 21 * font_scale + 12
    footer_px = footer_lines * 14 * font_scale + 16
    top = figure.layout.margin.t or 80
    bottom = legend_px + footer_px
    height = figure.layout.height or 680
    plot_px = max(height - top - bottom, 200)
    figure.update_layout(height=plot_px + top + bottom, margin={"b": bottom},
                         legend={"entrywidth": 1 / per_row - 0.01, "entrywidthmode": "fraction"})
    if figure.layout.annotations:
        figure.layout.annotations[-1].y = -legend_px / plot_px


def _display_width(text: str) -> int:
    # East Asian wide characters take about two Latin character widths.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_html(text: str, width: int = 150) -> str:
    """Break a long figure annotation into ``<br>``-separated lines of at most ``width`` columns.

    Chinese characters count as two columns; a single over-long word stays on its own line.
    """
    lines: list[str] = []
    for paragraph in text.split("<br>"):
        line = ""
        for word in paragraph.split(" "):
            if line and _display_width(line) + 1 + _display_width(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)
