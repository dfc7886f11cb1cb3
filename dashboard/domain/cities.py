"""Cities page tables: filtering points, point tables and hover texts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.text import as_text, data_term, name_pair, words
from dashboard.text.cities import CITY_WORDS
from dashboard.text.city_points import CITY_HOVER_WORDS
from dashboard.text.explorer import MAP_WORDS


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
    """One row per point for ``st.dataframe``: the hover fields plus the source citation, cells in ``lang``.

    The column ids stay English (``CITY_COLUMNS`` labels them); kinds, levels, batches,
    forms and confidence are shown in ``lang``; names, dates, ids and citations as they are.
    """
    w = words(CITY_HOVER_WORDS, lang)
    columns = ["Kind", "Name", "Level", "Parent", "Province", "Batch / score", "Date", "Form",
               "Source id", "Confidence", "Source"]
    rows = []
    for kind, frame in (("area", areas), ("score", scores)):
        for row in frame.to_dict("records"):
            if kind == "area":
                name = name_pair(row.get("name_zh"), row.get("name_en"), lang)
                batch = w["batch"].format(batch=int(row["batch"])) if not pd.isna(row.get("batch")) else ""
                date, form = as_text(row.get("announced")), ""
            else:
                name = name_pair(row.get("city_zh"), row.get("city_en"), lang)
                batch = name_pair(row.get("score_name_zh"), row.get("score_name_en"), lang)
                date = as_text(row.get("launched"), w["not_established"])
                form = data_term(row.get("form"), lang)
            rows.append({
                "Kind": w[f"kind_{kind}"], "Name": name, "Level": data_term(row.get("level"), lang),
                "Parent": as_text(row.get("parent_zh")),
                "Province": name_pair(row.get("province_zh"), row.get("province_en"), lang),
                "Batch / score": batch, "Date": date, "Form": form, "Source id": as_text(row.get("source_id")),
                "Confidence": data_term(row.get("confidence"), lang), "Source": _citation(row.get("source_id"), sources),
            })
    return pd.DataFrame(rows, columns=columns)


def camera_table(cameras: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The CCTV estimates as the Cities page lists them: province, confidence and caveat in ``lang``."""
    table = cameras[["city_zh", "city_en", "province_en", "population_2025", "cameras", "source_id", "confidence",
                     "caveat"]].copy()
    if lang == "zh":
        table["province_en"] = cameras["province_zh"]
    for column in ("confidence", "caveat"):
        table[column] = [data_term(cell, lang) for cell in table[column]]
    return table


def _citation(source_id: object, sources: dict[str, dict]) -> str:
    source = sources.get(as_text(source_id))
    return str(source["citation"]) if source else as_text(source_id)


def _place_lines(name_zh: object, name_en: object, row: dict, lang: str) -> list[str]:
    """The first lines of a point's popup: names, level (and parent), province."""
    level = data_term(row.get("level"), lang)
    parent = as_text(row.get("parent_zh"))
    return [
        f"<b>{name_pair(name_zh, name_en, lang)}</b>",
        words(CITY_HOVER_WORDS, lang)["under"].format(level=level, parent=parent) if parent else level,
        name_pair(row.get("province_zh"), row.get("province_en"), lang),
    ]


def _source_line(row: dict, lang: str) -> str:
    return words(CITY_HOVER_WORDS, lang)["source"].format(
        ids=as_text(row.get("source_id")), confidence=data_term(as_text(row.get("confidence"), "—"), lang))


def area_hover(row: dict, lang: str = "en") -> str:
    """Popup of one demonstration area: names, level, parent, batch, date, source."""
    w = words(CITY_HOVER_WORDS, lang)
    lines = [
        *_place_lines(row.get("name_zh"), row.get("name_en"), row, lang),
        w["area"].format(batch=int(row["batch"]), date=as_text(row.get("announced"), w["no_date"])),
        _source_line(row, lang),
    ]
    return "<br>".join(lines)


def score_hover(row: dict, lang: str = "en") -> str:
    """Popup of one city credit-score system: names, score name, form, launch, source."""
    w = words(CITY_HOVER_WORDS, lang)
    lines = [
        *_place_lines(row.get("city_zh"), row.get("city_en"), row, lang),
        w["score"].format(name=name_pair(row.get("score_name_zh"), row.get("score_name_en"), lang)),
        w["form"].format(form=data_term(as_text(row.get("form"), "—"), lang),
                         date=as_text(row.get("launched"), w["no_date"])),
        _source_line(row, lang),
    ]
    return "<br>".join(lines)


def camera_hover(row: dict, lang: str = "en") -> str:
    """Popup of one camera estimate, always with its caveat."""
    w = words(CITY_HOVER_WORDS, lang)
    cameras = row.get("cameras")
    population = row.get("population_2025")
    lines = [
        f"<b>{name_pair(row.get('city_zh'), row.get('city_en'), lang)}</b>",
        w["cameras"].format(n=f"{int(cameras):,}" if not pd.isna(cameras) else "—"),
        w["population"].format(n=f"{int(population):,}") if not pd.isna(population) else "",
        f"<i>{w['caveat'].format(caveat=words(CITY_WORDS, lang)['camera_caveat'])}</i>",
        _source_line(row, lang),
    ]
    return "<br>".join(line for line in lines if line)


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


def prefecture_counts(rows: pd.DataFrame | None, places: pd.DataFrame) -> pd.DataFrame:
    """Known rows (demonstration areas or score systems) per prefecture; missing, never 0, where none is known.

    Parameters
    ----------
    rows : pandas.DataFrame or None
        A geocoded table (``place_adcode``, ``source_id``), already filtered.
    places : pandas.DataFrame
        The processed ``prefectures`` table: ``adcode`` of every prefecture, county and
        district, its ``prefecture``, ``name_zh`` and ``province``.

    Returns
    -------
    pandas.DataFrame
        One row per prefecture: ``prefecture``, ``name_zh``, ``province``, ``count`` (``Int64``,
        missing where the lists name no place in it: they are not exhaustive) and ``sources``
        (the source ids of its rows). ``attrs["unplaced"]`` counts rows with no prefecture.
    """
    units = places.loc[places["adcode"] == places["prefecture"], ["prefecture", "name_zh", "province"]]
    units = units.reset_index(drop=True)
    if rows is None or rows.empty:
        counts, sources, unplaced = pd.Series(dtype="Int64"), pd.Series(dtype=object), 0
    else:
        prefecture = rows["place_adcode"].astype(object).map(places.set_index("adcode")["prefecture"])
        placed = rows.assign(prefecture=prefecture)[prefecture.notna()]
        counts = placed.groupby("prefecture").size()
        sources = placed.groupby("prefecture")["source_id"].agg(lambda ids: "; ".join(sorted(set(ids.dropna()))))
        unplaced = int(prefecture.isna().sum())
    units["count"] = units["prefecture"].map(counts).astype("Int64")  # no known row: missing, not 0
    units["sources"] = units["prefecture"].map(sources).astype(object).fillna("")
    units.attrs["unplaced"] = unplaced
    return units


def prefecture_units(counts: pd.DataFrame, provinces: pd.DataFrame, *, missing_text: str,
                     lang: str = "en") -> pd.DataFrame:
    """The rows of a prefecture choropleth (``dashboard.domain.maps.UNIT_COLUMNS``) from :func:`prefecture_counts`.

    Prefectures of provinces outside the mainland SCS are ``outside``; a prefecture with no
    known row is ``missing`` with ``missing_text`` as its hover detail.
    """
    scope = provinces.set_index("adcode")
    in_scope = counts["province"].map(scope["in_scope"].astype(bool)).fillna(False).astype(bool)
    province = counts["province"].map(scope["name_zh"] if lang == "zh" else scope["name_en"]).fillna("")
    state = np.select([~in_scope, counts["count"].notna()], ["outside", "value"], "missing")
    return pd.DataFrame({
        "id": counts["prefecture"], "name": counts["name_zh"] + ("，" if lang == "zh" else ", ") + province,
        "state": state, "value": counts["count"].astype("Float64"), "qualifier": "",
        "rank": pd.array([pd.NA] * len(counts), dtype="Int64"),
        "detail": np.where(state == "missing", missing_text, ""),
        "source": [MAP_WORDS[lang]["source_only"].format(ids=ids) if kept == "value" and ids else ""
                   for kept, ids in zip(state, counts["sources"], strict=True)],
    })
