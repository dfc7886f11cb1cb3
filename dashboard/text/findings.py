"""The Fragmentation page's findings: sentence templates (English, Chinese).

Every template has the same placeholders in both languages; numbers are formatted by the
caller, once, so both languages show the same figures.
"""

from __future__ import annotations

import re

FINDINGS_WORDS = {
    "en": {
        "regulation": "{n} of {total} provinces had adopted their own SCS regulation by {last}, over {years} "
                      "calendar years (first, in {first}: {first_names}; last, in {last}: {last_names}); for the "
                      "other {others} ({none_names}) no adopted regulation is established.",
        "demonstration": "The three provinces with the most known demonstration areas ({listing}) hold {share} of "
                         "the {known} known areas ({scope}; Gini {gini} over {n} provinces); {zero} provinces have "
                         "none known, which is a lower bound, not an absence.",
        "known_batches": "known batches",
        "scores": "{known} municipal credit-score systems are known, in {n} of {total} provinces ({listing}); "
                  "{none} provinces have none known. The list is not exhaustive",
        "scores_undated": ", and {undated} of the systems have no confirmed launch year.",
        "scores_end": ".",
        "wealth": "Across {n} provinces, known demonstration areas show {strength} association with GDP per capita "
                  "in 2020 (Pearson r = {r}, Spearman ρ = {rho}); this is a cross-section of lower-bound counts, "
                  "not evidence of cause.",
        "size_none": "no clear", "size_weak": "weak", "size_moderate": "moderate", "size_strong": "strong",
        "positive": "positive", "negative": "negative",
        "strength": "a {size} {direction}", "size_mixed": "{pearson} (Pearson) to {spearman} (Spearman)",
        "regions": "The {region} region ({provinces} provinces) holds {share} of the known demonstration areas "
                   "but {population} of the 2020 population.",
        "lists": "Reported counts of distinct blacklists per provincial platform range from {low} ({low_name}) "
                 "to {high} ({high_name}), but only {n} of {total} provinces have a value ({scope})",
        "lists_sample": ": a selection by the source, so no spread (Gini, fold difference) is computed from it.",
        "lists_ratio": "; a {ratio}-fold difference.",
        "lists_scope": "the provinces the source names",
        "listing": "{name} {value}",
        "small_n": "Rests on {n} {noun}; fewer than {min_n}, so not a headline figure.",
        "province": "province", "provinces": "provinces",
        "cited": "[sources: {ids}{more}]", "more": " and {n} more",
    },
    "zh": {
        "regulation": "截至{last}年，{total}个省份中有{n}个已通过本省的社会信用体系法规，历时{years}个日历年"
                      "（最早于{first}年：{first_names}；最晚于{last}年：{last_names}）；其余{others}个"
                      "（{none_names}）尚无可确认的已通过法规。",
        "demonstration": "已知示范区最多的三个省份（{listing}）占已知{known}个示范区的{share}（{scope}；"
                         "{n}个省份的基尼系数为{gini}）；{zero}个省份没有已知示范区，这是下限，并不表示没有。",
        "known_batches": "已知批次",
        "scores": "已知{known}个城市信用分系统，分布在{total}个省份中的{n}个（{listing}）；{none}个省份没有已知系统。"
                  "该名单并不完整",
        "scores_undated": "，其中{undated}个系统没有确认的上线年份。",
        "scores_end": "。",
        "wealth": "在{n}个省份中，已知示范区数量与2020年人均GDP呈{strength}相关（皮尔逊 r = {r}，斯皮尔曼 ρ = "
                  "{rho}）；这是对下限计数的横截面比较，不能证明因果关系。",
        "size_none": "不明显的", "size_weak": "弱", "size_moderate": "中等", "size_strong": "强",
        "positive": "正", "negative": "负",
        "strength": "{size}{direction}", "size_mixed": "{pearson}（皮尔逊）至{spearman}（斯皮尔曼）",
        "regions": "{region}地区（{provinces}个省份）拥有已知示范区的{share}，而其人口占2020年全国人口的{population}。",
        "lists": "各省级信用平台报告的不同黑名单种类数从{low}（{low_name}）到{high}（{high_name}）不等，"
                 "但{total}个省份中只有{n}个有数值（{scope}）",
        "lists_sample": "：这是来源所作的选择，因此不据此计算离散程度（基尼系数、倍数差）。",
        "lists_ratio": "；相差{ratio}倍。",
        "lists_scope": "仅为来源列出的省份",
        "listing": "{name}{value}",
        "small_n": "仅基于{n}个{noun}，少于{min_n}个，因此不作为主要数字。",
        "province": "省份", "provinces": "省份",
        "cited": "[来源：{ids}{more}]", "more": "等另{n}个",
    },
}

_SMALL_N = re.compile(r"Rests on (\d+) provinces?; fewer than (\d+), so not a headline figure\.")


def small_n_text(n: int, min_n: int, lang: str = "en") -> str:
    """'Rests on 3 provinces; fewer than 5, so not a headline figure.' in ``lang``."""
    w = FINDINGS_WORDS["zh" if lang == "zh" else "en"]
    return w["small_n"].format(n=n, noun=w["province" if n == 1 else "provinces"], min_n=min_n)


def warning_text(warning: str | None, lang: str = "en") -> str:
    """A statistic's small-n ``warning`` (always made in English) in ``lang``; '' for none.

    Only the small-n sentence of :mod:`dashboard.domain.statistics` is known; any other text is
    returned as it is.
    """
    if not warning:
        return ""
    if lang != "zh":
        return warning
    return _SMALL_N.sub(lambda m: small_n_text(int(m.group(1)), int(m.group(2)), lang), warning)
