"""Demonstration-area batches: which batches have a complete member list, and the sentences
that say so. Pure functions of the ``demonstration_areas`` and ``demonstration_batches`` tables."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.domain.fragmentation import Tables, memoised
from dashboard.text import BATCH_WORDS, join_words, words


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


def batch_coverage(areas: pd.DataFrame, batches: pd.DataFrame | None, lang: str = "en") -> BatchCoverage:
    """Say which batches are included, in full or in part, and which are not established.

    Parameters
    ----------
    areas : pandas.DataFrame
        The ``demonstration_areas`` table (needs ``batch``).
    batches : pandas.DataFrame or None
        The ``demonstration_batches`` table (``batch``, ``year``, ``areas``,
        ``members_established``); ``None`` when it is not available, and then every batch
        in ``areas`` counts as listed in full.
    lang : str
        Language of ``sentence`` (``"en"`` or ``"zh"``).

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

    sentence = _coverage_sentence(full, partial, absent, bool(meta), lang)
    return BatchCoverage(full, partial, absent, sentence)


def _listed(items: list, lang: str, sep: str = "；") -> str:
    return join_words(items) if lang != "zh" else sep.join(str(i) for i in items)


def _described(item: dict, with_known: bool, w: dict[str, str]) -> str:
    """'batch 2 (2019, 16 areas)', or with the members known: '2 of the 16 members of batch 2 (2019)'."""
    bits = [w["bit_year"].format(year=item["year"])] if item["year"] else []
    if item["areas"] is None:
        bits.append(w["bit_unknown"])
    elif not with_known:
        bits.append(w["bit_size"].format(areas=item["areas"]))
    head = w["batch"].format(batch=item["batch"]) + (w["details"].format(bits=w["bits_sep"].join(bits)) if bits else "")
    if not with_known:
        return head
    key = "partial" if item["areas"] is not None else "partial_unknown"
    return w[key].format(known=item["known"], areas=item["areas"], batch=head)


def _coverage_sentence(full: list[int], partial: list[dict], absent: list[dict], has_meta: bool, lang: str) -> str:
    w = words(BATCH_WORDS, lang)
    parts = [w["full_one" if len(full) == 1 else "full"].format(numbers=_listed(full, lang, "、"))] if full else []
    parts += [_described(p, True, w) for p in partial]
    sentence = w["includes"].format(parts=_listed(parts, lang)) if parts else w["none"]
    gaps = [w["gap_rest"].format(rest=p["areas"] - p["known"], batch=p["batch"]) if p["areas"] is not None
            else w["gap_rest_unknown"].format(batch=p["batch"]) for p in partial]
    gaps += [w["gap_absent"].format(batch=_described(a, False, w)) for a in absent]
    if gaps:
        sentence += w["not_established"].format(gaps=_listed(gaps, lang))
    elif not has_meta:
        sentence += w["no_meta"]
    return sentence


def batch_years(demonstration_areas: pd.DataFrame) -> dict[int, int]:
    """Year of each batch present in the demonstration-area table (the most common one)."""
    years = {}
    for batch, rows in demonstration_areas.groupby("batch"):
        known = rows["year"].dropna()
        if len(known):
            years[int(batch)] = int(known.mode().min())
    return years


@memoised
def batch_coverage_table(tables: Tables) -> pd.DataFrame:
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


@memoised
def demonstration_scope(tables: Tables) -> str:
    """What the counts of demonstration areas cover, e.g. 'batches 1, 3 and 4 in full and
    2 of 16 members of batch 2'."""
    coverage = batch_coverage_table(tables)
    full = coverage[coverage["established"] & (coverage["listed"] > 0)]
    partial = coverage[~coverage["established"] & (coverage["listed"] > 0)]
    parts = []
    if len(full):
        noun = "batch" if len(full) == 1 else "batches"
        parts.append(f"{noun} {join_words([str(b) for b in full['batch']])} in full")
    parts += [_batch_text(row) for _, row in partial.iterrows()]
    return join_words(parts)

