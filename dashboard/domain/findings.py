"""The Fragmentation page's headline findings: sentences computed from the tables."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.domain.batches import demonstration_scope
from dashboard.domain.diffusion import adoption_summary, diffusion_range, undated_scores, years_of
from dashboard.domain.fragmentation import (
    BLACKLISTS,
    DEMONSTRATION_COUNT,
    POPULATION,
    SCORE_COUNT,
    Tables,
    _present_sources,
    caveat_of,
    english_names,
    has_indicator,
    latest,
    mainland_codes,
    memoised,
    meta,
    spread_table,
)
from dashboard.domain.instruments import instruments
from dashboard.domain.regions import region_adoption, region_measures, region_table, wealth
from dashboard.domain.statistics import DEFAULT_MIN_N, spread
from dashboard.text import join_words, number_text


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


@memoised
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
            f"{calendar_years} calendar years (first, in {s.first}: {join_words(summary.first_names)}; last, in "
            f"{s.last}: {join_words(summary.last_names)}); for the other {total_provinces - s.n} "
            f"({join_words(summary.none_names)}) no adopted regulation is established."
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
                f"({join_words([f'{names[c]} {int(v)}' for c, v in top.items()])}) hold "
                f"{result.top3_share:.0%} of the {int(present.sum())} known areas "
                f"({demonstration_scope(tables) or 'known batches'}; Gini {number_text(result.gini)} over "
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
        listing = join_words([f"{names[c]} {int(v)}" for c, v in present.items()])
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


def prepared(tables: Tables) -> Tables:
    """``tables`` with every derived table the Fragmentation page shows already computed.

    The page passes this through ``data.once``, so the work is done once per data version
    and each rerun only unpickles the results.
    """
    for step in (spread_table, instruments, region_table, region_adoption, adoption_summary, findings,
                 diffusion_range, years_of):
        step(tables)
    return tables
