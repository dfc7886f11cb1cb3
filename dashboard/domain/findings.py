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
from dashboard.domain.statistics import DEFAULT_MIN_N, is_sample, spread
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
    context = _Context(tables, min_n)
    steps = (_regulation, _demonstration, _scores, _wealth, _regions, _lists)
    found = [step(context) for step in steps]
    return [f for f in found if f is not None][:6]


@dataclass
class _Context:
    """What every finding needs, computed once."""

    tables: Tables
    min_n: int

    def __post_init__(self) -> None:
        self.codes = mainland_codes(self.tables.provinces)
        self.names = english_names(self.tables.provinces)
        self.total = len(self.codes)
        self.measures = {m.key: m for m in region_measures(self.tables)}
        self.areas = self.measures.get("demonstration_areas") or self.measures.get(DEMONSTRATION_COUNT)

    def listing(self, values) -> str:
        return join_words([f"{self.names[c]} {int(v)}" for c, v in values.items()])


def _regulation(c: _Context) -> Finding | None:
    summary = adoption_summary(c.tables)
    if summary is None or not summary.spread.n:
        return None
    s = summary.spread
    return Finding("regulation", (
        f"{s.n} of {c.total} provinces had adopted their own SCS regulation by {s.last}, over "
        f"{s.last - s.first + 1} calendar years (first, in {s.first}: {join_words(summary.first_names)}; last, in "
        f"{s.last}: {join_words(summary.last_names)}); for the other {c.total - s.n} "
        f"({join_words(summary.none_names)}) no adopted regulation is established."
    ), summary.first_sources + summary.last_sources)


def _demonstration(c: _Context) -> Finding | None:
    if c.areas is None:
        return None
    values = c.areas.values.reindex(c.codes)
    present = values.dropna()
    if is_sample(len(present), c.total):
        return None
    result = spread(values, min_n=c.min_n)
    if result.top3_share is None:
        return None
    top = present.sort_values(ascending=False, kind="stable").head(3)
    text = (
        f"The three provinces with the most known demonstration areas ({c.listing(top)}) hold "
        f"{result.top3_share:.0%} of the {int(present.sum())} known areas "
        f"({demonstration_scope(c.tables) or 'known batches'}; Gini {number_text(result.gini)} over "
        f"{result.n} provinces); {int((present == 0).sum())} provinces have none known, which is a lower bound, "
        "not an absence."
    )
    return Finding("demonstration", text + (f" {result.warning}" if result.warning else ""), c.areas.member_sources)


def _scores(c: _Context) -> Finding | None:
    scores = c.measures.get("city_score_systems") or c.measures.get(SCORE_COUNT)
    if scores is None:
        return None
    values = scores.values.reindex(c.codes)
    present = values[values > 0].sort_values(ascending=False, kind="stable")
    undated = len(undated_scores(c.tables))
    text = (f"{int(values.sum())} municipal credit-score systems are known, in {len(present)} of "
            f"{c.total} provinces ({c.listing(present)}); {c.total - len(present)} provinces have none "
            f"known. The list is not exhaustive")
    text += f", and {undated} of the systems have no confirmed launch year." if undated else "."
    return Finding("scores", text, scores.member_sources)


def _wealth(c: _Context) -> Finding | None:
    data = wealth(c.tables)
    if data is None or data.result.pearson_r is None:
        return None
    r = data.result
    text = (f"Across {r.n} provinces, known demonstration areas show {_strength(r.pearson_r, r.spearman_rho)} "
            f"association with GDP per capita in 2020 (Pearson r = {r.pearson_r:.2f}, Spearman ρ = "
            f"{r.spearman_rho:.2f}); this is a cross-section of lower-bound counts, not evidence of cause.")
    return Finding("wealth", text + (f" {r.warning}" if r.warning else ""), data.sources)


def _regions(c: _Context) -> Finding | None:
    table = region_table(c.tables, min_n=c.min_n)
    if c.areas is None or not len(table):
        return None
    rows = table[table["measure"] == c.areas.label].dropna(subset=["share_of_total"])
    population = table[table["measure"] == "Population 2020 (reference)"].set_index("region")
    if not len(rows) or not len(population):
        return None
    best = rows.sort_values("share_of_total", ascending=False, kind="stable").iloc[0]
    text = (f"The {best['region']} region ({int(best['provinces'])} provinces) holds "
            f"{best['share_of_total']:.0%} of the known demonstration areas but "
            f"{population.at[best['region'], 'share_of_total']:.0%} of the 2020 population.")
    pop_ids = list(c.measures[POPULATION].member_sources) if POPULATION in c.measures else []
    return Finding("regions", text + (f" {best['warning']}" if best["warning"] else ""),
                   c.areas.member_sources + pop_ids)


def _lists(c: _Context) -> Finding | None:
    """The blacklist counts: a range among the provinces reported, with no spread when they are a sample."""
    if not has_indicator(c.tables, BLACKLISTS):
        return None
    data = latest(c.tables.indicators, BLACKLISTS, c.codes)
    values = data["value"].dropna()
    if len(values) < 2:
        return None
    low, high = values.idxmin(), values.idxmax()
    scope = caveat_of(meta(c.tables.catalogue, BLACKLISTS), data).split(";")[0]
    text = (f"Reported counts of distinct blacklists per provincial platform range from {int(values[low])} "
            f"({c.names[low]}) to {int(values[high])} ({c.names[high]}), but only {len(values)} of {c.total} "
            f"provinces have a value ({scope})")
    if is_sample(len(values), c.total):
        text += ": a selection by the source, so no spread (Gini, fold difference) is computed from it."
    else:
        result = spread(data["value"], min_n=c.min_n)
        text += f"; a {number_text(result.max_min_ratio, 1)}-fold difference." + (
            f" {result.warning}" if result.warning else "")
    return Finding("lists", text, _present_sources(data))


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
