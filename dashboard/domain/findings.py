"""The Fragmentation page's headline findings: sentences computed from the tables."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.domain.batches import batch_coverage, demonstration_scope
from dashboard.domain.diffusion import adoption_summary, diffusion_range, undated_scores, years_of
from dashboard.domain.fragmentation import (
    BLACKLISTS,
    DEMONSTRATION_COUNT,
    POPULATION,
    SCORE_COUNT,
    Tables,
    _present_sources,
    caveat_of,
    chinese_names,
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
from dashboard.text import REGION_ZH, join_words, number_text, words
from dashboard.text.batches import BATCH_WORDS
from dashboard.text.findings import FINDINGS_WORDS, warning_text


@dataclass(frozen=True)
class Finding:
    """One generated sentence with the source ids its numbers rest on."""

    key: str
    text: str
    sources: list[str]


def _size_word(r: float, w: dict[str, str]) -> str:
    size = abs(r)
    key = "none" if size < 0.1 else "weak" if size < 0.3 else "moderate" if size < 0.5 else "strong"
    return w[f"size_{key}"]


def _strength(r: float, rho: float | None, w: dict[str, str]) -> str:
    """'a weak positive', or 'a weak (Pearson) to moderate (Spearman) positive' when they differ."""
    size = _size_word(r, w)
    if size == w["size_none"]:
        return size
    direction = w["positive" if r > 0 else "negative"]
    if rho is not None and (rho > 0) == (r > 0) and _size_word(rho, w) not in (size, w["size_none"]):
        size = w["size_mixed"].format(pearson=size, spearman=_size_word(rho, w))
    return w["strength"].format(size=size, direction=direction)


@memoised
def findings(tables: Tables, *, lang: str = "en", min_n: int = DEFAULT_MIN_N) -> list[Finding]:
    """Three to six sentences on fragmentation, each computed from the tables, in ``lang``."""
    context = _Context(tables, min_n, lang)
    steps = (_regulation, _demonstration, _scores, _wealth, _regions, _lists)
    found = [step(context) for step in steps]
    return [f for f in found if f is not None][:6]


@dataclass
class _Context:
    """What every finding needs, computed once."""

    tables: Tables
    min_n: int
    lang: str = "en"

    def __post_init__(self) -> None:
        self.w = words(FINDINGS_WORDS, self.lang)
        self.codes = mainland_codes(self.tables.provinces)
        english = english_names(self.tables.provinces)
        self.names = english if self.lang != "zh" else chinese_names(self.tables.provinces)
        # adoption_summary names provinces in English: the same province in this language.
        self.by_english = {english[c]: self.names[c] for c in english}
        self.total = len(self.codes)
        self.measures = {m.key: m for m in region_measures(self.tables)}
        self.areas = self.measures.get("demonstration_areas") or self.measures.get(DEMONSTRATION_COUNT)

    def join(self, items) -> str:
        """'a, b and c', or 'a、b、c' in Chinese."""
        return "、".join(str(i) for i in items if str(i)) if self.lang == "zh" else join_words(list(items))

    def english_join(self, names) -> str:
        return self.join([self.by_english.get(n, n) for n in names])

    def listing(self, values) -> str:
        return self.join([self.w["listing"].format(name=self.names[c], value=int(v)) for c, v in values.items()])

    def warned(self, text: str, warning: str | None) -> str:
        warning = warning_text(warning, self.lang)
        return text + (("" if self.lang == "zh" else " ") + warning if warning else "")


def _regulation(c: _Context) -> Finding | None:
    summary = adoption_summary(c.tables)
    if summary is None or not summary.spread.n:
        return None
    s = summary.spread
    return Finding("regulation", c.w["regulation"].format(
        n=s.n, total=c.total, last=s.last, years=s.last - s.first + 1, first=s.first,
        first_names=c.english_join(summary.first_names), last_names=c.english_join(summary.last_names),
        others=c.total - s.n, none_names=c.english_join(summary.none_names),
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
    scope = (demonstration_scope(c.tables) if c.lang != "zh" else _scope_zh(c.tables)) or c.w["known_batches"]
    text = c.w["demonstration"].format(
        listing=c.listing(top), share=f"{result.top3_share:.0%}", known=int(present.sum()), scope=scope,
        gini=number_text(result.gini), n=result.n, zero=int((present == 0).sum()))
    return Finding("demonstration", c.warned(text, result.warning), c.areas.member_sources)


def _scope_zh(tables: Tables) -> str:
    """:func:`demonstration_scope` in Chinese: '第1、3批（完整）；第2批10个成员中的1个'."""
    if tables.demonstration_areas is None:
        return ""
    coverage = batch_coverage(tables.demonstration_areas, tables.demonstration_batches, "zh")
    w = words(BATCH_WORDS, "zh")
    parts = [w["full"].format(numbers="、".join(str(b) for b in coverage.full))] if coverage.full else []
    parts += [w["partial" if p["areas"] is not None else "partial_unknown"].format(
        known=p["known"], areas=p["areas"], batch=w["batch"].format(batch=p["batch"])) for p in coverage.partial]
    return "；".join(parts)


def _scores(c: _Context) -> Finding | None:
    scores = c.measures.get("city_score_systems") or c.measures.get(SCORE_COUNT)
    if scores is None:
        return None
    values = scores.values.reindex(c.codes)
    present = values[values > 0].sort_values(ascending=False, kind="stable")
    undated = len(undated_scores(c.tables))
    text = c.w["scores"].format(known=int(values.sum()), n=len(present), total=c.total,
                                listing=c.listing(present), none=c.total - len(present))
    text += c.w["scores_undated"].format(undated=undated) if undated else c.w["scores_end"]
    return Finding("scores", text, scores.member_sources)


def _wealth(c: _Context) -> Finding | None:
    data = wealth(c.tables)
    if data is None or data.result.pearson_r is None:
        return None
    r = data.result
    text = c.w["wealth"].format(n=r.n, strength=_strength(r.pearson_r, r.spearman_rho, c.w),
                                r=f"{r.pearson_r:.2f}", rho=f"{r.spearman_rho:.2f}")
    return Finding("wealth", c.warned(text, r.warning), data.sources)


def _regions(c: _Context) -> Finding | None:
    table = region_table(c.tables, min_n=c.min_n)
    if c.areas is None or not len(table):
        return None
    rows = table[table["measure"] == c.areas.label].dropna(subset=["share_of_total"])
    population = table[table["measure"] == "Population 2020 (reference)"].set_index("region")
    if not len(rows) or not len(population):
        return None
    best = rows.sort_values("share_of_total", ascending=False, kind="stable").iloc[0]
    region = REGION_ZH.get(best["region"], best["region"]) if c.lang == "zh" else best["region"]
    text = c.w["regions"].format(region=region, provinces=int(best["provinces"]),
                                 share=f"{best['share_of_total']:.0%}",
                                 population=f"{population.at[best['region'], 'share_of_total']:.0%}")
    pop_ids = list(c.measures[POPULATION].member_sources) if POPULATION in c.measures else []
    return Finding("regions", c.warned(text, best["warning"]), c.areas.member_sources + pop_ids)


def _lists(c: _Context) -> Finding | None:
    """The blacklist counts: a range among the provinces reported, with no spread when they are a sample."""
    if not has_indicator(c.tables, BLACKLISTS):
        return None
    data = latest(c.tables.indicators, BLACKLISTS, c.codes)
    values = data["value"].dropna()
    if len(values) < 2:
        return None
    low, high = values.idxmin(), values.idxmax()
    scope = caveat_of(meta(c.tables.catalogue, BLACKLISTS), data, c.lang).split(";")[0].split("；")[0]
    text = c.w["lists"].format(low=int(values[low]), low_name=c.names[low], high=int(values[high]),
                               high_name=c.names[high], n=len(values), total=c.total,
                               scope=scope or c.w["lists_scope"])
    if is_sample(len(values), c.total):
        text += c.w["lists_sample"]
    else:
        result = spread(data["value"], min_n=c.min_n)
        text = c.warned(text + c.w["lists_ratio"].format(ratio=number_text(result.max_min_ratio, 1)), result.warning)
    return Finding("lists", text, _present_sources(data))


def cited(finding: Finding, limit: int = 4, lang: str = "en") -> str:
    """'[sources: a, b, c and 3 more]'."""
    ids = list(dict.fromkeys(finding.sources))
    if not ids:
        return ""
    w = words(FINDINGS_WORDS, lang)
    more = w["more"].format(n=len(ids) - limit) if len(ids) > limit else ""
    return w["cited"].format(ids=", ".join(ids[:limit]), more=more)


def prepared(tables: Tables) -> Tables:
    """``tables`` with every derived table the Fragmentation page shows already computed.

    The page passes this through ``data.once``, so the work is done once per data version
    and each rerun only unpickles the results.
    """
    for step in (spread_table, instruments, region_table, region_adoption, adoption_summary, diffusion_range,
                 years_of):
        step(tables)
    for lang in ("en", "zh"):
        # Keyed as the page calls it (lang by keyword), so the page finds it in the memo.
        findings(tables, lang=lang)
    return tables
