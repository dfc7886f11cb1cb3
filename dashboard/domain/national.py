"""National figures: the court's list of dishonest judgment debtors, travel bans, list totals and
province fragments on blacklisting, as tables the Timeline page charts. Pandas only.

Units stay apart. Every row keeps the unit its source counts in; rows are grouped into
panels of one kind of quantity (entries on the list, person-times, blocked ticket purchases,
people barred, annual flows, distinct lists), and a figure never puts two groups on one axis.
Nothing is filled: a period no source covers is a gap, not a line drawn through it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.domain.indicators import split_source_ids
from dashboard.domain.timeline import parse_partial_date
from dashboard.text import data_term, words
from dashboard.text.timeline import TIMELINE_WORDS

BAN_SERIES = ("flight_bans", "train_bans")
FLOW_SERIES = ("spc_defaulters_added", "spc_credit_repairs")
# The figures of the Timeline page: which panels (unit groups) each draws, in order.
FIGURES = {
    "list": ("list_entries", "list_person_times", "flow_defaulters", "flow_person_times", "complied"),
    "bans": ("ban_purchases", "ban_persons"),
}
POINT_COLUMNS = ["series", "group", "x", "precision", "value", "qualifier", "value_text", "unit", "as_of",
                 "source_id", "confidence", "note"]


def unit_group(series: str, unit: str) -> str:
    """The panel a row of ``national_series`` belongs to, from its series and the source's unit.

    The list's size is counted by sources as people, names, debtors or entries (one
    panel, each point keeping its own unit) or as person-times (a person listed twice
    counts twice: another panel). Bans are counted as blocked purchases (tickets, trips,
    times, attempts, person-times) or as people barred. Annual flows are counted in
    defaulters one year and person-times the next, so they get a panel per unit.
    """
    person_times = unit == "person-times"
    if series in BAN_SERIES:
        return "ban_persons" if unit == "persons" else "ban_purchases"
    if series in FLOW_SERIES:
        return "flow_person_times" if person_times else "flow_defaulters"
    if series == "spc_defaulter_list":
        return "list_person_times" if person_times else "list_entries"
    return "complied" if series == "spc_complied_under_pressure" else f"other:{series}:{unit}"


def national_points(series: pd.DataFrame) -> pd.DataFrame:
    """``national_series`` as points: each row placed at the start of its period, with its group.

    Parameters
    ----------
    series : pd.DataFrame
        The processed ``national_series`` table.

    Returns
    -------
    pd.DataFrame
        Columns ``POINT_COLUMNS``: ``x`` is a Timestamp (start of the month or year a
        partial date names), ``precision`` says which; rows without a value or a readable
        date are left out, never placed at a guessed date.
    """
    rows = []
    for row in series.itertuples(index=False):
        date = parse_partial_date(row.date)
        if date is None or pd.isna(row.value):
            continue
        rows.append({
            "series": row.series, "group": unit_group(row.series, str(row.unit)), "x": date.start,
            "precision": date.precision, "value": float(row.value), "qualifier": _text(row.value_qualifier),
            "value_text": _text(row.value_text), "unit": _text(row.unit), "as_of": _text(row.as_of),
            "source_id": _text(row.source_id), "confidence": _text(row.confidence), "note": _text(row.note),
        })
    return pd.DataFrame(rows, columns=POINT_COLUMNS).sort_values(["group", "series", "x"], kind="stable",
                                                                 ignore_index=True)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def figure_points(points: pd.DataFrame, figure: str) -> pd.DataFrame:
    """The points one figure of ``FIGURES`` draws, its panels in order."""
    groups = FIGURES[figure]
    chosen = points[points["group"].isin(groups)]
    order = {g: i for i, g in enumerate(groups)}
    return chosen.sort_values("group", key=lambda g: g.map(order), kind="stable", ignore_index=True)


def last_established(points: pd.DataFrame, group: str) -> str:
    """The source's wording of the latest period a group has a value for ('' if none)."""
    rows = points[points["group"] == group]
    return "" if rows.empty else str(rows.sort_values("x", kind="stable").iloc[-1]["as_of"])


def sources_and_confidence(frame: pd.DataFrame) -> tuple[list[str], dict[str, int]]:
    """Distinct source ids of the rows and how many rows carry each confidence label."""
    counts = frame["confidence"].replace("", pd.NA).dropna().value_counts()
    return split_source_ids(frame["source_id"]), {str(k): int(v) for k, v in counts.items()}


def list_totals_table(totals: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``list_totals`` split into counts of lists (by level) and the coverage rows.

    Returns
    -------
    (lists, coverage) : tuple of pd.DataFrame
        ``lists``: rows counting distinct black- or redlists, with ``level`` ``provincial``
        or ``national`` (two levels of different scope: never one axis). ``coverage``: the
        rows that say how many divisions a data set covers, shown as text.
    """
    frame = totals.copy()
    is_list = frame["list_type"].isin(["blacklists", "redlists"])
    frame["level"] = frame["scope"].str.contains("national", case=False).map({True: "national", False: "provincial"})
    return frame[is_list].reset_index(drop=True), frame[~is_list].reset_index(drop=True)


def fragment_panels(fragments: pd.DataFrame) -> tuple[list[tuple[str, str, pd.DataFrame]], pd.DataFrame]:
    """``blacklisting_fragments`` as one panel per measure and unit, and the rows with no value.

    Returns
    -------
    (panels, unvalued)
        ``panels``: ``(measure, unit, rows)`` for every measure with at least one value, in
        order of first appearance; no two measures share a panel (they count different
        things). ``unvalued``: ranks and qualitative statements without a number, listed as
        text, never drawn as a value.
    """
    has_value = fragments["value"].notna()
    panels = []
    valued = fragments[has_value]
    for (measure, unit), rows in valued.groupby(["measure", "unit"], sort=False):
        panels.append((str(measure), str(unit), rows.reset_index(drop=True)))
    return panels, fragments[~has_value].reset_index(drop=True)


# Columns of national_series and blacklisting_fragments that hold a label the page translates;
# the others (dates and values as the source words them, ids, notes) are shown as published.
TERM_COLUMNS = ("unit", "measure", "confidence", "value_qualifier")


def national_display(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A national table (``national_series``, ``blacklisting_fragments``) as the page shows it.

    English shows the processed table as downloaded. Chinese names the columns, the series,
    units, measures, confidence and qualifiers in Chinese and drops the English province name.
    """
    if lang != "zh":
        return table
    w = words(TIMELINE_WORDS, lang)
    shown = table.drop(columns=["province_en"], errors="ignore").copy()
    for column in TERM_COLUMNS:
        if column in shown:
            shown[column] = [data_term(v, lang) for v in shown[column]]
    if "series" in shown:
        shown["series"] = [w.get(f"series_{s}", s) for s in shown["series"]]
    return shown.rename(columns=lambda c: w.get(f"ncol_{c}", c))
