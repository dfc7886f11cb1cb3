"""Timeline: national documents and provincial regulations on one axis, adoption curve and map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.domain.compare import coverage_text
from dashboard.domain.indicators import (
    IN_SCOPE_COUNT,
    indicator_view,
    source_line,
    split_source_ids,
    view_rows,
)
from dashboard.domain.national import national_display
from dashboard.domain.timeline import (
    LANE_DATASETS,
    adoption_years,
    confidence_summary,
    event_display,
    event_rows,
    national_events,
    publication_year_provinces,
    regulation_events,
    seed_events,
    unplaced_regulations,
    unplaced_sentence,
    year_options,
)
from dashboard.figures import national as fn
from dashboard.figures.animation import with_year_frames
from dashboard.figures.timeline import adoption_map, cumulative_figure, timeline_figure
from dashboard.text import LANE_LABELS
from dashboard.text.timeline import TIMELINE_WORDS
from dashboard.ui import (
    font_scale,
    settings,
    show_figure,
    url_multiselect,
    url_section,
    url_toggle,
    url_widget,
)

ADOPTION = "regulation_adoption_year"
TABLES = ["indicators", "provinces", "catalogue", "sources", *LANE_DATASETS.values()]  # what the figures draw
NATIONAL_DATASETS = ["national_series", "list_totals", "blacklisting_fragments"]
FILENAMES = {"national_list": "scs-national-list", "national_bans": "scs-national-bans",
             "list_totals": "scs-list-totals", "fragments": "scs-blacklisting-fragments"}

lang, present = settings()
words = TIMELINE_WORDS[lang]
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

st.title(words["title"])
if not present:
    st.caption(words["intro"])

available = [lane for lane in LANE_DATASETS if lane in tables]
with st.sidebar:
    st.header(words["page"])
    default_lanes = [lane for lane in ("national", "provincial") if lane in available] or available
    lanes = url_multiselect(words["lanes_label"], available, key="lanes", default=default_lanes,
                            format_func=lambda lane: LANE_LABELS[lane][lang == "zh"])
    year = None
    if options:
        year = url_widget(st.select_slider, words["year_label"], options, key="year", default=options[-1])

missing_tables = [LANE_DATASETS[lane] for lane in LANE_DATASETS if lane not in tables]
if missing_tables:
    st.info(words["not_built"].format(names=", ".join(missing_tables)))

# One section at a time (only the one chosen runs and is sent); the sidebar's lanes and year
# are the page's own settings, so a change of either reruns the page with that one section.
# A link naming a year and no section (as links did before the page had sections) opens the
# adoption curve and map, which the year is about.
section = url_section("timeline", claims={"lanes": "axis", "axis_table": "axis", "year": "adoption",
                                          "national_table": "national", "fragments_table": "national"})


def placement_notes() -> tuple[str, list[str]]:
    """The regulations the axis cannot place, as a sentence, and the provinces placed by publication year."""
    unplaced = data.once(unplaced_regulations, regulations, lang, tables=TABLES, key=lang)
    return (data.once(unplaced_sentence, unplaced, regulations, lang, tables=TABLES, key=lang),
            data.once(publication_year_provinces, regulations, lang, tables=TABLES, key=lang))


def one_time_axis() -> None:
    """National documents and provincial regulations on one time axis, with their table."""
    shown = events[events["lane"].isin(lanes)]
    if not lanes or shown.empty:
        st.info(words["choose_lane"])
    else:
        counts = {lane: int((shown["lane"] == lane).sum()) for lane in lanes}
        parts = [words[f"n_{lane}"].format(n=n, total=total) for lane, n in counts.items()]
        footer_lines = []
        if regulations is not None and "provincial" in lanes:
            unplaced, published = placement_notes()
            footer_lines.append(words["not_on_axis"].format(names=unplaced))
            if published:
                footer_lines.append(words["publication_year"].format(names=words["list_sep"].join(published)))
        footer_lines.append(words["open_markers"])
        footer_lines.append(words["axis_sources"].format(confidence=confidence_summary(shown, lang)))
        footer_lines.append(source_line(split_source_ids(shown["source_id"]), sources, lang=lang))
        figure = data.figure(
            timeline_figure, events, lanes, tables=TABLES,
            title=words["axis_title"], subtitle=words["axis_subtitle"].format(parts=words["parts_sep"].join(parts)),
            footer="<br>".join(footer_lines), year=year, lang=lang, font_scale=scale,
        )
        show_figure(figure, "scs-timeline-" + "-".join(lanes), key="timeline", table=lambda: event_rows(shown))  # made when the CSV is asked for
        if not present:
            if url_toggle(words["axis_table"], key="axis_table"):  # sent only when asked for
                st.dataframe(event_display(shown, lang), hide_index=True, width="stretch")


def adoption_by_province() -> None:
    """Cumulative adoption of provincial regulations, and the map of adoption years."""
    if not has_adoption:
        st.info(words["no_adoption"].format(name=ADOPTION))
    else:
        meta = catalogue.get(ADOPTION)
        names = provinces.set_index("adcode")["name_zh" if lang == "zh" else "name_en"]
        ids = split_source_ids(indicators.loc[(indicators["indicator"] == ADOPTION)
                                              & indicators["value"].notna(), "source_id"])
        unplaced = ""
        published_note = ""
        if regulations is not None:
            unplaced, published = placement_notes()
            if published:
                published_note = words["counted_by_publication"].format(names=words["list_sep"].join(published))
        else:
            missing = years[years.isna()].index
            unplaced = words["list_sep"].join(str(names.get(code, code)) for code in missing)
        footer = words["curve_footer"].format(names=unplaced or words["none"], sources=source_line(ids, sources, lang=lang),
                                              dataset=meta.get("derived_from") or "regulations_provincial")
        curve = data.figure(cumulative_figure, years, names, tables=TABLES, total=total, footer=footer, year=year,
                            lang=lang, font_scale=scale, subtitle=words["curve_subtitle"].format(note=published_note))
        show_figure(curve, "scs-regulation-adoption-curve", key="curve",
                    table=lambda: view_rows(indicator_view(indicators, meta), provinces, indicator=ADOPTION))

        # The map of adoption years
        figure, view = data.figure(adoption_map, indicators, meta, provinces, sources, tables=TABLES, year=year, lang=lang, font_scale=scale,
                                    extra_footer=published_note.strip())
        if options:  # a play control steps the years in the browser; the sidebar's year stays in the URL
            figure = data.once(
                with_year_frames,
                lambda y: adoption_map(indicators, meta, provinces, sources, year=y, lang=lang, font_scale=scale,
                                       extra_footer=published_note.strip())[0],
                options, year, words["play"], words["pause"],
                tables=["indicators", "catalogue", "provinces", "sources", "regulations_provincial"],
                key=f"timeline-map|{year}|{lang}|{scale}")
        show_figure(figure, f"scs-regulation-adoption-map-{year}", key="map",
                    table=lambda: view_rows(view, provinces, indicator=ADOPTION))
        if not present:
            st.caption(words["map_caption"].format(coverage=coverage_text(view, meta.get("missing_reason") or "", lang)))


def national_figures() -> None:
    """The court's list, travel bans, list totals and province fragments."""
    national_tables = {name: data.optional(name) for name in NATIONAL_DATASETS}  # optional: shown when built
    st.header(words["national_heading"])
    if not present:
        st.caption(words["national_intro"])
    absent = [name for name, table in national_tables.items() if table is None]
    if absent:
        st.info(words["not_built"].format(names=", ".join(absent)))
    present_tables = "+".join(name for name, table in national_tables.items() if table is not None)
    built = data.once(fn.national_figures, *national_tables.values(), sources, year, lang, scale,
                      tables=[*NATIONAL_DATASETS, "sources"], key=f"national|{present_tables}|{year}|{lang}|{scale}")
    for figure_key, (national_figure, rows) in built.items():
        show_figure(national_figure, FILENAMES[figure_key], key=figure_key, table=rows)
    if not present:
        for name, heading in (("national_series", "national_table"), ("blacklisting_fragments", "fragments_table")):
            if national_tables[name] is not None:
                if url_toggle(words[heading], key=heading):
                    st.dataframe(national_display(national_tables[name], lang), hide_index=True, width="stretch")
        if national_tables["national_series"] is not None:
            st.caption(words["figure12"])


{"axis": one_time_axis, "adoption": adoption_by_province, "national": national_figures}[section]()
