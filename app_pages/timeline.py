"""Timeline: national documents and provincial regulations on one axis, adoption curve and map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.domain.indicators import (
    IN_SCOPE_COUNT,
    indicator_view,
    source_line,
    split_source_ids,
    view_rows,
)
from dashboard.domain.timeline import (
    LANE_DATASETS,
    adoption_years,
    confidence_summary,
    event_rows,
    national_events,
    publication_year_provinces,
    regulation_events,
    seed_events,
    unplaced_regulations,
    unplaced_sentence,
    year_options,
)
from dashboard.figures.timeline import adoption_map, cumulative_figure, timeline_figure
from dashboard.text import LANE_LABELS, bilingual
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_widget,
)

ADOPTION = "regulation_adoption_year"
TABLES = ["indicators", "provinces", "catalogue", "sources", *LANE_DATASETS.values()]  # what the figures draw

lang, present = settings()
scale = font_scale()
catalogue, indicators, provinces, sources = data.basics()
total = int(provinces["in_scope"].astype(bool).sum()) or IN_SCOPE_COUNT

tables: dict[str, pd.DataFrame] = {}
for lane, name in LANE_DATASETS.items():
    table = data.optional(name)  # optional: the page shows what exists
    if table is not None:
        tables[lane] = table
builders = {"national": national_events, "provincial": regulation_events, "events": seed_events}
events = pd.concat([data.once(builders[lane], frame, lang, tables=TABLES, key=lang) for lane, frame in tables.items()], ignore_index=True) \
    if tables else pd.DataFrame(columns=["lane", "x", "confidence", "source_id", "label"])
regulations = tables.get("provincial")

has_adoption = ADOPTION in catalogue.frame["name"].tolist()
years = adoption_years(indicators) if has_adoption else pd.Series(dtype="Float64")
options = year_options(years)

st.title(bilingual("Timeline", "时间线", lang))
if not present:
    st.caption("National documents frame the Social Credit System; provinces then passed their own regulations, "
               "at different times. Hover a marker for its title, document number, adopting body, dates, "
               "source id and confidence. Every source id is listed on the Sources & data page.")

available = [lane for lane in LANE_DATASETS if lane in tables]
with st.sidebar:
    st.header("Timeline")
    default_lanes = [lane for lane in ("national", "provincial") if lane in available] or available
    lanes = url_multiselect("Lanes to show", available, key="lanes", default=default_lanes,
                            format_func=lambda lane: LANE_LABELS[lane][0])
    year = None
    if options:
        year = url_widget(st.select_slider, "Regulations adopted by the end of", options, key="year",
                          default=options[-1])

missing_tables = [LANE_DATASETS[lane] for lane in LANE_DATASETS if lane not in tables]
if missing_tables:
    st.info(f"Not built yet, so not shown: {', '.join(missing_tables)}. Rebuild with `python -m etl`.")

# 1. One time axis ----------------------------------------------------------------------------
shown = events[events["lane"].isin(lanes)]
if not lanes or shown.empty:
    st.info("Choose at least one lane in the sidebar to draw the timeline.")
else:
    counts = {lane: int((shown["lane"] == lane).sum()) for lane in lanes}
    parts = []
    if "national" in counts:
        parts.append(f"{counts['national']} national documents")
    if "provincial" in counts:
        parts.append(f"{counts['provincial']} of {total} provinces' regulations")
    if "events" in counts:
        parts.append(f"{counts['events']} milestones")
    footer_lines = []
    if regulations is not None and "provincial" in lanes:
        footer_lines.append("Not on the axis (no adopted provincial regulation established) — "
                            + data.once(unplaced_sentence, data.once(unplaced_regulations, regulations, lang, tables=TABLES, key=lang), regulations, tables=TABLES, key=lang) + ".")
        published = data.once(publication_year_provinces, regulations, lang, tables=TABLES, key=lang)
        if published:
            footer_lines.append(f"{', '.join(published)}: dated only by publication year (adoption date not "
                                "established), placed at 1 January.")
    footer_lines.append("Open markers: date known only to the month, year or decade, placed at the start of that "
                        "period; the hover says which.")
    footer_lines.append(f"Each marker's source id is in its hover. Confidence: {confidence_summary(shown)}.")
    footer_lines.append(source_line(split_source_ids(shown["source_id"]), sources, lang=lang))
    figure = data.figure(
        timeline_figure, events, lanes, tables=TABLES,
        title=bilingual("The Social Credit System on one time axis", "社会信用体系时间线", lang),
        subtitle="; ".join(parts) + ". Each marker is one document or event (unit: documents).",
        footer="<br>".join(footer_lines), year=year, lang=lang, font_scale=scale,
    )
    show_figure(figure, "scs-timeline-" + "-".join(lanes), key="timeline", table=lambda: event_rows(shown))  # made when the CSV is asked for
    if not present:
        with st.expander("Everything on the axis, as a table"):
            table = shown.assign(
                lane=shown["lane"].map(lambda lane: LANE_LABELS[lane][0]),
                placed_at=shown["x"].dt.strftime("%Y-%m-%d"),
            )[["lane", "date_text", "placed_at", "precision", "title_en", "title_zh", "detail", "source_id",
               "confidence"]]
            st.dataframe(table, hide_index=True, width="stretch",
                         column_config={"date_text": "date as given", "placed_at": "placed at"})

# 2. Cumulative adoption ----------------------------------------------------------------------
if not has_adoption:
    st.info(f"The derived indicator {ADOPTION} is not built yet, so the adoption curve and map are not shown.")
else:
    meta = catalogue.get(ADOPTION)
    names = provinces.set_index("adcode")["name_zh" if lang == "zh" else "name_en"]
    ids = split_source_ids(indicators.loc[(indicators["indicator"] == ADOPTION)
                                          & indicators["value"].notna(), "source_id"])
    unplaced = ""
    published_note = ""
    if regulations is not None:
        unplaced = data.once(unplaced_sentence, data.once(unplaced_regulations, regulations, lang, tables=TABLES, key=lang), regulations, tables=TABLES, key=lang)
        published = data.once(publication_year_provinces, regulations, lang, tables=TABLES, key=lang)
        if published:
            published_note = f" {', '.join(published)} counted by publication year (adoption date not established)."
    else:
        missing = years[years.isna()].index
        unplaced = ", ".join(str(names.get(code, code)) for code in missing)
    footer = (f"No adopted provincial regulation established — {unplaced or 'none'}.<br>"
              f"Derived by the ETL from {meta.get('derived_from') or 'regulations_provincial'} (confidence: derived)."
              f"<br>{source_line(ids, sources, lang=lang)}")
    curve = data.figure(
        cumulative_figure, years, names, tables=TABLES, total=total, footer=footer, year=year, lang=lang, font_scale=scale,
        subtitle=f"Unit: provinces, cumulative at the end of each year, by year of adoption.{published_note}",
    )
    show_figure(curve, "scs-regulation-adoption-curve", key="curve",
                table=lambda: view_rows(indicator_view(indicators, meta), provinces, indicator=ADOPTION))

    # 3. Map of adoption year -------------------------------------------------------------------
    figure, view = data.figure(adoption_map, indicators, meta, provinces, sources, tables=TABLES, year=year, lang=lang, font_scale=scale,
                                extra_footer=published_note.strip())
    show_figure(figure, f"scs-regulation-adoption-map-{year}", key="map",
                table=lambda: view_rows(view, provinces, indicator=ADOPTION))
    if not present:
        st.caption(f"{view.coverage} Move the year in the sidebar to see which provinces had a regulation by then; "
                   "white means adopted later, grey means none established (which is not proof that none exists).")
