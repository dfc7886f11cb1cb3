"""Timeline tables: partial dates and the events of each lane, from the processed tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.text import LANE_LABELS, as_text, bilingual, data_term, shorten, words, wrap
from dashboard.text.timeline import TIMELINE_EVENT_WORDS, TIMELINE_STATUS_WORDS, TIMELINE_WORDS

LANE_DATASETS = {"national": "national_documents", "provincial": "regulations_provincial", "events": "seed_timeline"}


@dataclass(frozen=True)
class PartialDate:
    """A partial ISO date placed at the start of its period."""

    start: pd.Timestamp
    precision: str  # day, month, year or decade
    text: str  # the date as the source gives it


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"(\d{3}0)s\b")


def parse_partial_date(text: object) -> PartialDate | None:
    """``2021-10-29``, ``2021-10``, ``2021`` or a decade such as ``The 1990s``; else None."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    value = str(text).strip()
    if match := _DAY.match(value):
        year, month, day = (int(g) for g in match.groups())
        return PartialDate(pd.Timestamp(year, month, day), "day", value)
    if match := _MONTH.match(value):
        return PartialDate(pd.Timestamp(int(match[1]), int(match[2]), 1), "month", value)
    if match := _YEAR.match(value):
        return PartialDate(pd.Timestamp(int(match[1]), 1, 1), "year", value)
    if match := _DECADE.search(value):
        return PartialDate(pd.Timestamp(int(match[1]), 1, 1), "decade", value)
    return None


def _source(source_id: str, confidence: str, note: str = "", lang: str = "en") -> str:
    covers = f" ({note})" if note else ""
    return words(TIMELINE_EVENT_WORDS, lang)["source"].format(id=source_id, confidence=data_term(confidence, lang),
                                                              covers=covers)


def _precision(precision: str, lang: str) -> str:
    """'month only; placed at the start of the month' in ``lang`` ('' for an exact day)."""
    return words(TIMELINE_EVENT_WORDS, lang).get(f"precision_{precision}", "")


EVENT_COLUMNS = ["lane", "x", "precision", "date_text", "label", "hover", "title_en", "title_zh",
                 "detail", "source_id", "confidence"]


def national_events(documents: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per national document that has a date (or at least a year)."""
    rows = []
    for doc in documents.to_dict("records"):
        date = parse_partial_date(doc.get("date")) or parse_partial_date(as_text(doc.get("year")))
        if date is None:
            continue
        title_en, title_zh = as_text(doc.get("title_en")), as_text(doc.get("title_zh"))
        doc_no = as_text(doc.get("doc_no"))
        w = words(TIMELINE_EVENT_WORDS, lang)
        when = date.text + (f" ({_precision(date.precision, lang)})" if _precision(date.precision, lang) else "")
        hover = [
            f"<b>{wrap(title_zh, 40)}</b>" if lang == "zh" else f"<b>{wrap(title_en, 80)}</b>",
            wrap(title_en, 80) if lang == "zh" else wrap(title_zh, 40),
            w["doc_no"].format(doc_no=doc_no or w["none_verified"]),
            w["issued_by"].format(issuer=wrap(as_text(doc.get("issuer")), 80)),
            w["date"].format(when=when),
            wrap(as_text(doc.get("date_note")), 80),
            _source(as_text(doc.get("source_id")), as_text(doc.get("confidence")), lang=lang),
        ]
        rows.append({
            "lane": "national", "x": date.start, "precision": date.precision, "date_text": date.text,
            "label": shorten(title_zh, 10) if lang == "zh" else shorten(title_en, 24),
            "hover": "<br>".join(h for h in hover if h), "title_en": title_en, "title_zh": title_zh,
            "detail": " · ".join(p for p in (doc_no, as_text(doc.get("issuer"))) if p),
            "source_id": as_text(doc.get("source_id")), "confidence": as_text(doc.get("confidence")),
        })
    return _events_frame(rows)


def regulation_events(regulations: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per provincial regulation with an adoption date or, failing that, a year.

    A regulation dated only by a publication (or adoption) year sits at 1 January of that
    year and its hover says which kind of year it is. Rows without any date (drafts, none
    found) are left out; :func:`unplaced_regulations` names them.
    """
    rows, w = [], words(TIMELINE_EVENT_WORDS, lang)
    for reg in regulations.to_dict("records"):
        date = parse_partial_date(reg.get("adopted"))
        basis = as_text(reg.get("year_basis"))
        year = as_text(reg.get("year"))
        dated_by = ""
        if date is None and year:
            date = parse_partial_date(year)
            dated_by = (w["publication_year"].format(year=year) if basis == "publication"
                        else w["basis_year"].format(basis=w.get(f"basis_{basis or 'adoption'}", basis), year=year))
        if date is None:
            continue
        province = bilingual(as_text(reg.get("province_en")), as_text(reg.get("province_zh")), lang, " ")
        title_en, title_zh = as_text(reg.get("title_en")), as_text(reg.get("title_zh"))
        adopted = as_text(reg.get("adopted")) or w["not_established"]
        if as_text(reg.get("adopted")) and date.precision != "day":
            adopted += f" ({_precision(date.precision, lang)})"
        effective = as_text(reg.get("effective")) or w["not_established"]
        hover = [
            f"<b>{province}</b>",
            bilingual(title_en, title_zh, lang, "<br>"),
            w["adopted_by"].format(body=wrap(as_text(reg.get("body")), 80) or w["not_established"]),
            w["adopted"].format(adopted=adopted, effective=effective),
            dated_by,
            _source(as_text(reg.get("source_id")), as_text(reg.get("confidence")), as_text(reg.get("confidence_note")),
                    lang),
            f"<i>{wrap(as_text(reg.get('note')), 80)}</i>" if as_text(reg.get("note")) else "",
        ]
        rows.append({
            "lane": "provincial", "x": date.start, "precision": date.precision,
            "date_text": as_text(reg.get("adopted"))
            or w["date_by_basis"].format(year=year, basis=w.get(f"basis_{basis}", basis)),
            "label": as_text(reg.get("province_zh")) if lang == "zh" else as_text(reg.get("province_en")),
            "hover": "<br>".join(h for h in hover if h), "title_en": title_en, "title_zh": title_zh,
            "detail": as_text(reg.get("body")), "source_id": as_text(reg.get("source_id")),
            "confidence": as_text(reg.get("confidence")),
        })
    return _events_frame(rows)


def seed_events(seed: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One marker per milestone of the seed timeline (years or decades, so all partial)."""
    rows = []
    for event in seed.to_dict("records"):
        date = parse_partial_date(as_text(event.get("year"))) or parse_partial_date(event.get("year_label"))
        if date is None:
            continue
        text = as_text(event.get("event"))
        when = as_text(event.get("year_label")) or date.text
        hover = [
            f"<b>{wrap(text, 80)}</b>",
            words(TIMELINE_EVENT_WORDS, lang)["when"].format(when=when, precision=_precision(date.precision, lang)),
            _source(as_text(event.get("source_id")), as_text(event.get("confidence")), lang=lang),
            f"<i>{wrap(as_text(event.get('note')), 80)}</i>" if as_text(event.get("note")) else "",
        ]
        rows.append({
            "lane": "events", "x": date.start, "precision": date.precision, "date_text": when,
            "label": shorten(text, 24), "hover": "<br>".join(h for h in hover if h), "title_en": text,
            "title_zh": "", "detail": "", "source_id": as_text(event.get("source_id")),
            "confidence": as_text(event.get("confidence")),
        })
    return _events_frame(rows)


def _events_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["x"] = pd.to_datetime(frame["x"])
    return frame.sort_values("x", kind="stable").reset_index(drop=True)


def unplaced_regulations(regulations: pd.DataFrame, lang: str = "en") -> dict[str, list[str]]:
    """Provinces without an adopted regulation, by status, e.g. ``{"draft only": ["Beijing"]}``."""
    groups: dict[str, list[str]] = {}
    rows = regulations[regulations["status"].fillna("") != "adopted"]
    for reg in rows.to_dict("records"):
        name = as_text(reg.get("province_zh")) if lang == "zh" else as_text(reg.get("province_en"))
        groups.setdefault(as_text(reg.get("status")) or "status not given", []).append(name)
    return groups


def unplaced_sentence(groups: dict[str, list[str]], regulations: pd.DataFrame | None = None,
                      lang: str = "en") -> str:
    """E.g. 'draft only: Beijing; none found (absence of evidence only): Anhui, Fujian'.

    Each status is named in ``lang`` (a status the catalogue does not know, as the data give it)
    and qualified by its ``confidence_note`` when all its rows share one that does not repeat it.
    """
    w = words(TIMELINE_STATUS_WORDS, lang)
    parts = []
    for status, names in groups.items():
        qualifier = ""
        if regulations is not None and "confidence_note" in regulations:
            notes = regulations.loc[regulations["status"] == status, "confidence_note"].dropna().unique()
            if len(notes) == 1 and status.split(" ")[0] not in str(notes[0]):
                qualifier = w["note"].format(note=data_term(notes[0], lang))
        parts.append(w["group"].format(status=w.get(status) or data_term(status, lang), note=qualifier,
                                       names=w["names_sep"].join(names)))
    return w["sep"].join(parts)


def publication_year_provinces(regulations: pd.DataFrame, lang: str = "en") -> list[str]:
    """Provinces whose regulation is placed by publication year, not adoption date."""
    rows = regulations[(regulations["year_basis"].fillna("") == "publication")
                       & (regulations["status"] == "adopted")]
    return rows["province_zh" if lang == "zh" else "province_en"].fillna("").tolist()


def stack_rows(starts: list[float], ends: list[float], gap: float = 0.0) -> list[int]:
    """Greedy interval packing: the lowest row whose previous item ends before this one starts.

    Items are taken in the order given (sort them by start first).
    """
    row_ends: list[float] = []
    rows = []
    for start, end in zip(starts, ends, strict=True):
        for index, last in enumerate(row_ends):
            if last + gap < start:
                row_ends[index] = end
                rows.append(index)
                break
        else:
            row_ends.append(end)
            rows.append(len(row_ends) - 1)
    return rows


def year_ticks(first: int, last: int, max_ticks: int = 20) -> list[int]:
    """Year tick positions: every year, or every 2, 5 or 10 years on long axes (round years)."""
    for step in (1, 2, 5, 10):
        if (last - first) / step <= max_ticks:
            break
    start = first - first % step
    return [y for y in range(start, last + 1, step) if y >= first - step]


def label_px(text: str, size: float) -> float:
    """Rough rendered width of a label: CJK glyphs are about square, Latin ones about 0.58 wide."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return wide * size + (len(text) - wide) * size * 0.6


def confidence_summary(events: pd.DataFrame, lang: str = "en") -> str:
    """E.g. 'exact from source (16), secondary (20)', the labels in ``lang``."""
    counts = events["confidence"].replace("", pd.NA).dropna().value_counts()
    w = words(TIMELINE_STATUS_WORDS, lang)
    return w["names_sep"].join(f"{data_term(label, lang)} ({int(n)})" for label, n in counts.items()) or "—"


def adoption_years(indicators: pd.DataFrame, name: str = "regulation_adoption_year") -> pd.Series:
    """Adoption year per province (adcode index); missing where none is established."""
    rows = indicators[(indicators["indicator"] == name) & indicators["is_latest"].astype(bool)]
    return pd.Series(rows["value"].astype("Float64").to_numpy(), index=rows["adcode"].to_numpy(), name=name)


def year_options(years: pd.Series) -> list[int]:
    """Every calendar year from the first to the last known adoption year."""
    known = years.dropna()
    if known.empty:
        return []
    return list(range(int(known.min()), int(known.max()) + 1))


def adopted_by(years: pd.Series, year: int) -> int:
    """Provinces whose adoption year is ``year`` or earlier."""
    known = years.dropna().astype(float)
    return int((known <= year).sum())


def event_display(shown: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The markers drawn, as the page's table: lane, precision and confidence and the headers in ``lang``.

    Titles and the document number and issuer (``detail``) stay as the sources give them.
    """
    w = words(TIMELINE_WORDS, lang)
    table = event_rows(shown).assign(
        lane=[LANE_LABELS[lane][lang == "zh"] for lane in shown["lane"]],
        precision=[w.get(f"precision_{p}", p) for p in shown["precision"]],
        confidence=[data_term(c, lang) for c in shown["confidence"]],
    )
    if lang == "zh":  # the title in the reader's language first
        columns = list(table.columns)
        columns.remove("title_zh")
        table = table[columns[:columns.index("title_en")] + ["title_zh"] + columns[columns.index("title_en"):]]
    headers = {"date_text": w["date_as_given"], "placed_at": w["placed_at"]}
    return table.rename(columns=lambda c: headers.get(c) or w.get(f"col_{c}", c))


def event_rows(shown: pd.DataFrame) -> pd.DataFrame:
    """The markers a timeline draws, for a CSV: lane, dates as given and as placed, titles, sources."""
    columns = ["lane", "date_text", "placed_at", "precision", "title_en", "title_zh", "detail", "source_id",
               "confidence"]
    return shown.assign(placed_at=pd.to_datetime(shown["x"]).dt.strftime("%Y-%m-%d"))[columns].reset_index(drop=True)
