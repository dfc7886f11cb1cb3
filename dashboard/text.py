"""Every word the pages show that is not data: labels (English and Chinese), the one number
formatter, the one wrapper for figure text, bilingual titles, name pairs and the one escaping
helper for user-supplied text. Plain Python and pandas only."""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

# Processed files that are not registry datasets but are downloadable all the same.
REFERENCE = {
    "indicators": (
        "All province-level indicators, long format",
        "全部省级指标（长表）",
        "Every province-level value the maps and charts show, one row per indicator, province and "
        "year, with unit, qualifier, source ids, confidence and the reason a value is missing.",
    ),
    "provinces": (
        "Province reference",
        "省级行政区参照表",
        "The 34 provincial-level units: GB/T 2260 adcode, ISO 3166-2 code, names, region, and whether "
        "they are in scope (Hong Kong, Macao and Taiwan are not, and never carry a value).",
    ),
    "sources": (
        "Sources",
        "来源",
        "Every source: full citation, link, type, dates, licence and default confidence.",
    ),
    "boundaries": (
        "Province boundaries (simplified for the browser)",
        "省级行政区边界（简化）",
        "Province polygons used by every map, simplified for the browser.",
    ),
}
REFERENCE_TOPIC = "reference"
TOPIC_LABELS = {
    "normaliser": ("Normalisers (population, GDP)", "标准化基数"),
    "demonstration": ("Demonstration areas", "示范城市（区）"),
    "regulation": ("Regulations", "法规"),
    "national": ("National level", "国家层面"),
    "timeline": ("Timeline", "时间线"),
    "scores": ("City credit scores", "城市信用分"),
    "lists": ("Black- and redlists", "黑名单与红名单"),
    "blacklisting": ("Blacklisting", "失信惩戒"),
    "surveillance": ("Surveillance", "监控"),
    REFERENCE_TOPIC: ("Reference tables and boundaries", "参照表与边界"),
}
KIND_LABELS = {
    "province_indicator": "province-level indicator (one value per province, from a source)",
    "table": "table (row-level data)",
    "derived": "derived province-level indicator, computed by the ETL",
    "reference": "reference file",
}
# Short glosses of the labels listed in data/README.md ("Confidence labels"), in its order.
CONFIDENCE_LEGEND = {
    "exact from source": "the value is as printed in the cited source",
    "official": "stated by a government body (e.g. a notice or press release), not a full table",
    "secondary": "taken from a secondary report (media, translation, research) that cites the original",
    "read from a chart": "read off a published chart, so approximate",
    "weak": "a single, unattributed or hard-to-check source",
    "low": "doubtful or contradicted by other sources; indicative only",
    "not verified": "could not be checked against the original",
    "derived": "computed by the ETL from row-level data (counts, earliest years); inputs keep their own labels",
}
LABEL_RULES = [
    "A row's confidence overrides its source's default; a note or confidence_note says what it covers "
    "(e.g. 'adoption date only').",
    "Missing is never zero: an empty value carries a missing_reason (e.g. 'not reported by source').",
    "A qualifier such as 'at least' marks a lower bound from an incomplete list.",
    "Nothing is estimated, interpolated or invented.",
]


CAMERA_CAVEAT = (
    "figures are China's national camera rate applied to each city's population: "
    "they measure population, not local camera counts"
)
KINDS = {"both": "Both", "areas": "Demonstration areas", "scores": "Score systems"}


# How a province-level value is shown: the normalisations of domain.indicators.NORMALISATIONS.
PER_LABELS = {"absolute": "Absolute", "population": "Per capita", "gdp": "Per GDP"}
PER_SUFFIXES = {"absolute": "", "population": ", per capita", "gdp": ", per GDP"}
MODES = {
    "two": "Two indicators",
    "provinces": "Provinces",
    "ranking": "Ranking",
    "scatter": "Scatter",
    "batches": "Demonstration batches",
}


REGION_ZH = {"East": "东部", "Central": "中部", "West": "西部", "Northeast": "东北"}
SORT_PHRASES = {
    "region": "grouped by NBS region",
    "adoption": "by year of their own regulation (earliest first)",
    "similarity": "ordered by similarity (hierarchical clustering; dendrogram on the right)",
}
# Y axis of the wealth scatter: key -> label shown and written to the URL.
WEALTH_MEASURES = {
    "count": "Count",
    "per_capita": "Per million residents",
}
NOT_REPORTED_TEXT = "n/r"
NONE_ESTABLISHED_TEXT = "none est."
NOT_KNOWN_TEXT = "n/k"
GREY_NOTE = "Grey: rests on fewer than {min_n} provinces, not a headline figure."


DIFFUSION_LABELS = {
    "regulation": ("Provinces with their own SCS regulation", "provinces"),
    "demonstration_areas": ("Demonstration areas named (cumulative)", "demonstration areas"),
    "score_systems": ("City credit-score systems launched (cumulative, dated only)", "city credit-score systems"),
}
MAP_LABELS = {
    "en": {
        "missing": "Not reported by source",
        "outside": "Outside the mainland SCS (Hong Kong, Macao, Taiwan)",
        "rank": "rank {rank} of {n}",
        "source": "Source",
        "confidence": "confidence",
        "no_value": "no value",
    },
    "zh": {
        "missing": "来源未报告",
        "outside": "不在内地社会信用体系范围内（香港、澳门、台湾）",
        "rank": "第{rank}名（共{n}个）",
        "source": "来源",
        "confidence": "可信度",
        "no_value": "无数值",
    },
}


LANE_LABELS = {
    "national": ("National documents", "国家层面文件"),
    "provincial": ("Provincial regulations", "省级法规"),
    "events": ("Milestones (seed timeline)", "大事记"),
}
PRECISION_TEXT = {
    "day": "",
    "month": "month only; placed at the start of the month",
    "year": "year only; placed at the start of the year",
    "decade": "decade only; placed at the start of the decade",
}


# ------------------------------------------------------------------ helpers: one of each


def bilingual(en: str, zh: str, lang: str = "en", sep: str = " · ") -> str:
    """English and Chinese side by side; Chinese first when ``lang == "zh"``; empty parts skipped."""
    parts = [zh, en] if lang == "zh" else [en, zh]
    return sep.join(p for p in parts if p)


def name_pair(zh: object, en: object, lang: str = "en") -> str:
    """'Hangzhou 杭州市' (or '杭州市 Hangzhou' when ``lang == "zh"``); skips empty parts."""
    return bilingual(en if isinstance(en, str) else "", zh if isinstance(zh, str) else "", lang, " ")


def title_of(meta: dict, lang: str = "en") -> str:
    """Indicator title in the page language (English falls back when there is no Chinese)."""
    return (meta.get("title_zh") or meta["title"]) if lang == "zh" else meta["title"]


def dataset_title(meta: dict, lang: str = "en") -> str:
    """``English title · 中文`` (Chinese first for ``lang == "zh"``)."""
    return bilingual(str(meta.get("title") or meta.get("name") or ""), str(meta.get("title_zh") or ""), lang)


def topic_label(topic: str, lang: str = "en") -> str:
    en, zh = TOPIC_LABELS.get(topic, (topic.replace("_", " ").capitalize(), ""))
    return bilingual(en, zh, lang)


def as_text(value: object, empty: str = "") -> str:
    """A cell as display text: missing values (None, NaN, pd.NA) become ``empty``."""
    if value is None:
        return empty
    try:
        if pd.isna(value):
            return empty
    except (TypeError, ValueError):  # lists and arrays: not a single missing value
        pass
    return str(value) or empty


def number_text(value: float | None, digits: int = 2) -> str:
    """A statistic with thousands separators, or '—' when it is missing."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:,.{digits}f}"


def format_value(value: float | None, value_type: str, qualifier: str = "", unit: str = "") -> str:
    """Human-readable value with its unit, e.g. ``at least 15 demonstration areas``."""
    if value is None or pd.isna(value):
        return ""
    if value_type == "year":
        text = f"{int(value)}"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    elif abs(value) >= 100:
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}"
    parts = [qualifier, text, unit if value_type != "year" else ""]
    return " ".join(p for p in parts if p)


def join_words(items: list) -> str:
    """'a', 'a and b', 'a, b and c' (empty items left out)."""
    words = [str(i) for i in items if str(i)]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int = 140) -> str:
    """Wrap each ``<br>``-separated line of figure text at ``width`` columns.

    Chinese characters count twice and may break anywhere; other text breaks at spaces.
    """
    lines: list[str] = []
    for line in text.split("<br>"):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if display_width(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while display_width(word) > width:
                cut = 1
                while display_width(word[:cut + 1]) <= width:
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return "<br>".join(lines)


_MD_SPECIAL = "\\`*[]<>$!"
def escape_markdown(text: object, *, keep_links: bool = False) -> str:
    """Text made inert for ``st.markdown``/``st.caption``/``st.error``: the one escaping helper.

    By default (for anything a visitor can type or put in the URL) the text becomes an
    inline code span, inside which Markdown interprets nothing: no link, image, bare-URL
    autolink, emphasis, HTML tag or ``$`` LaTeX can form, so nothing renders as an element
    or makes the browser fetch anything. ``keep_links=True`` is for curated data
    (descriptions, citations): Markdown's syntax characters and HTML are backslash-escaped,
    so bare URLs in citations stay working links; a doubled tilde (strikethrough) is escaped.
    """
    value = as_text(text)
    if not keep_links:
        value = " ".join(value.split())
        if not value:
            return ""
        fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
        pad = " " if value.startswith("`") or value.endswith("`") else ""
        return f"{fence}{pad}{value}{pad}{fence}"
    escaped = "".join(f"\\{ch}" if ch in _MD_SPECIAL else ch for ch in value)
    return escaped.replace("~~", "\\~\\~")


def escape_html(text: object) -> str:
    """Text for a Plotly label or an ``unsafe_allow_html`` block: HTML entities escaped."""
    return html.escape(as_text(text), quote=True)


# ------------------------------------------------------------------ the Regulations page

REGULATION_WORDS = {
    "en": {
        "yes": "Provides for it", "no": "Does not (whole text read)", "not coded": "Not coded",
        "no regulation": "No adopted regulation",
        "articles": "art.", "years": "years", "outside": "Outside the mainland SCS (not coded)",
        "coverage": "{adopted} of {total} provinces have an adopted social credit regulation; all {coded} coded, "
                    "article by article, from the official texts",
        "footer": "Sources: the official texts of the regulations in the NPC database of laws and regulations "
                  "(flk.npc.gov.cn), {n} texts; coded twice, independently, by this project (agreement on the Regulations page). "
                  "Each source id is on the Sources & data page.",
        "intro": "Each province's own regulation decides which lists, punishments, rights and platforms its "
                 "social credit system has. Every cell below rests on articles of the official text: hover a cell "
                 "for its articles; the table at the bottom adds a note to each. 'Does not' means the whole text "
                 "was read.",
        "family_label": "Show", "family_provision": "Provisions", "family_sector": "Sectors (2014 Outline)",
        "family_group": "Target groups", "with_cities": "Add the coded city regulations",
        "matrix_title": "What each regulation provides for: {family}, rows in order of adoption",
        "map_heading": "One provision on the map", "item_label": "Provision",
        "map_subtitle": "{yes} of {coded} coded regulations provide for it; {total} provinces in scope",
        "pair_heading": "Two regulations side by side", "left": "Left", "right": "Right", "item": "Item",
        "differs": "Differs", "pair_caption": "They differ on {n} of {total} items.",
        "difference_heading": "How far the regulations differ",
        "similarity_caption": "Mean pairwise Jaccard similarity of the provision sets {mean:.2f} (lowest {low:.2f}, "
                              "highest {high:.2f}). {all} of {n} items are in every coded regulation; {few} are "
                              "in fewer than half: a shared core, with local choices at the margins.",
        "prevalence_title": "How many regulations provide for each item",
        "regulations": "regulations", "similarity_title": "Similarity of provision sets (Jaccard)",
        "similarity_subtitle": "1 = the same items; ordered by mean similarity", "similarity": "Jaccard similarity",
        "rare_caption": "Items each regulation has that most coded regulations lack (held by fewer than half):",
        "regulation": "Regulation", "count": "Count", "items": "Items",
        "size_title": "Length of each regulation: articles (bars) and chapters (number in the bar)",
        "articles_n": "articles", "chapters_n": "chapters",
        "diffusion_heading": "Diffusion: when each provision spread", "items_label": "Provisions to draw",
        "diffusion_title": "Regulations providing for each item, by the end of each year",
        "all_adopted": "All adopted regulations", "first": "{item}: first in {name} ({date})",
        "agreement_heading": "How reliable the coding is",
        "agreement_caption": "Two coders coded every text independently from the codebook "
                             "(data/codebooks/regulation_provisions.md). Before reconciliation they agreed on "
                             "{agreed} of {cases} codes ({share:.1%}; Cohen's κ {kappa:.2f}). κ is blank where "
                             "both coders gave every text the same code (undefined, though agreement is perfect).",
        "cases": "Texts", "agreement": "Agreement", "disagreements": "Disagreements",
        "rows_heading": "The coded rows, with their articles", "download": "Download the coded rows (CSV)",
        "sources_caption": "Source ids: {ids}",
    },
    "zh": {
        "yes": "有规定", "no": "无规定（已通读全文）", "not coded": "未编码", "no regulation": "无已通过的条例",
        "articles": "第", "years": "年", "outside": "不属于内地社会信用体系（未编码）",
        "coverage": "{total}个省级行政区中{adopted}个已通过社会信用条例；{coded}部均依官方文本逐条编码",
        "footer": "来源：国家法律法规数据库（flk.npc.gov.cn）所载条例官方文本，共{n}部；本项目双人独立编码（一致性见“条例”页）。"
                  "来源编号见“来源与数据”页。",
        "intro": "各省自己的条例决定其社会信用体系设哪些名单、惩戒、权利和平台。下表每一格都依据官方文本的具体条款；"
                 "悬停可见条款，页末表格附每格说明。“无规定”表示已通读全文。",
        "family_label": "显示", "family_provision": "制度规定", "family_sector": "领域（2014年纲要）",
        "family_group": "重点人群", "with_cities": "加入已编码的市级条例",
        "matrix_title": "各条例的规定：{family}（按通过时间排列）",
        "map_heading": "地图：某一项规定", "item_label": "规定",
        "map_subtitle": "{coded}部已编码条例中{yes}部有此规定；共{total}个省级行政区",
        "pair_heading": "两部条例对照", "left": "左", "right": "右", "item": "项目", "differs": "不同",
        "pair_caption": "{total}个项目中有{n}个不同。",
        "difference_heading": "各条例差异有多大",
        "similarity_caption": "条例规定集合两两之间的平均杰卡德相似度为{mean:.2f}（最低{low:.2f}，最高{high:.2f}）。"
                              "{n}个项目中{all}个为所有已编码条例共有，{few}个不到半数条例具备：共同核心之外，各地在边缘处自行取舍。",
        "prevalence_title": "各项规定出现在多少部条例中", "regulations": "部条例",
        "similarity_title": "规定集合的相似度（杰卡德）", "similarity_subtitle": "1 = 项目完全相同；按平均相似度排序",
        "similarity": "杰卡德相似度", "rare_caption": "各条例具备而多数条例（过半）没有的项目：",
        "regulation": "条例", "count": "数量", "items": "项目",
        "size_title": "各条例篇幅：条数（柱）与章数（柱内数字）", "articles_n": "条", "chapters_n": "章",
        "diffusion_heading": "扩散：各项规定何时传开", "items_label": "选择规定",
        "diffusion_title": "截至各年末有此规定的条例数", "all_adopted": "全部已通过条例",
        "first": "{item}：最早见于{name}（{date}）",
        "agreement_heading": "编码可靠性",
        "agreement_caption": "两名编码员依同一编码手册（data/codebooks/regulation_provisions.md）独立编码每部条例。"
                             "核对前{cases}个编码中一致{agreed}个（{share:.1%}；Cohen's κ = {kappa:.2f}）。"
                             "若两人对所有条例给出同一编码，κ无定义，留空。",
        "cases": "条例数", "agreement": "一致率", "disagreements": "分歧数",
        "rows_heading": "编码明细（含条款）", "download": "下载编码明细（CSV）", "sources_caption": "来源编号：{ids}",
    },
}

OVERVIEW_WORDS = {
    "en": {
        "title": "China's social credit systems, region by region",
        "thesis": "Beijing plans; the provinces legislate. Each province's own regulation decides which lists, "
                  "punishments and rights its social credit system has: a shared core, and local choices at the margins.",
        "regulations_value": "{n} of {total}", "regulations_label": "provinces have passed their own social credit "
                                                                   "regulation ({first}–{last})",
        "shared_value": "{all} of {n}", "shared_label": "provisions are in every provincial regulation; {few} are in "
                                                        "fewer than half",
        "areas_value": "{n}", "areas_label": "demonstration cities and districts named in the known batches, "
                                             "in {provinces} provinces",
        "scores_value": "at least {n}", "scores_label": "city credit-score schemes for residents (a list that is not "
                                                        "exhaustive)",
        "open": "Open the page", "source": "Sources",
        "matrix_title": "What each provincial regulation provides for, in order of adoption",
        "how": "Every number on this dashboard comes from a cited source: the Sources & data page lists them, with "
               "confidence labels. Missing values are shown as missing, never as zero.",
    },
    "zh": {
        "title": "中国社会信用体系：分地区看",
        "thesis": "中央规划，地方立法。各省自己的条例决定其社会信用体系设哪些名单、惩戒与权利：共同核心之外，各地在边缘处自行取舍。",
        "regulations_value": "{n}/{total}", "regulations_label": "个省级行政区已通过本地社会信用条例（{first}–{last}年）",
        "shared_value": "{all}/{n}", "shared_label": "项制度规定为所有省级条例共有；{few}项不到半数条例具备",
        "areas_value": "{n}", "areas_label": "个示范城市（区）见于已知批次，分布在{provinces}个省级行政区",
        "scores_value": "至少{n}", "scores_label": "个面向居民的城市信用分（名单并不完整）",
        "open": "打开页面", "source": "来源",
        "matrix_title": "各省条例的规定（按通过时间排列）",
        "how": "本看板每个数字均有出处，见“来源与数据”页（含可信度标注）。缺失值显示为缺失，绝不记为零。",
    },
}
