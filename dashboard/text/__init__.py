"""Every word the pages show that is not data: labels (English and Chinese), the one number
formatter, the one wrapper for figure text, bilingual titles, name pairs and the one escaping
helper for user-supplied text. Plain Python and pandas only."""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

# Processed files that are not registry datasets but are downloadable all the same:
# name -> (title, title in Chinese, description, description in Chinese).
REFERENCE = {
    "indicators": (
        "All province-level indicators, long format",
        "全部省级指标（长表）",
        "Every province-level value the maps and charts show, one row per indicator, province and "
        "year, with unit, qualifier, source ids, confidence and the reason a value is missing.",
        "地图和图表显示的每一个省级数值，每个指标、省份和年份一行，附单位、限定词、来源编号、可信度以及数值缺失的原因。",
    ),
    "provinces": (
        "Province reference",
        "省级行政区参照表",
        "The 34 provincial-level units: GB/T 2260 adcode, ISO 3166-2 code, names, region, and whether "
        "they are in scope (Hong Kong, Macao and Taiwan are not, and never carry a value).",
        "34个省级行政区：GB/T 2260行政区划代码、ISO 3166-2代码、名称、所属地区，以及是否在范围内"
        "（香港、澳门和台湾不在范围内，从不带有数值）。",
    ),
    "sources": (
        "Sources",
        "来源",
        "Every source: full citation, link, type, dates, licence and default confidence.",
        "每一个来源：完整引文、链接、类型、日期、许可及默认可信度。",
    ),
    "boundaries": (
        "Province boundaries (simplified for the browser)",
        "省级行政区边界（简化）",
        "Province polygons used by every map, simplified for the browser.",
        "各地图所用的省级多边形，为浏览器作了简化。",
    ),
    "prefectures": (
        "Prefecture reference (which prefecture each place belongs to)",
        "地级行政区参照表（各地所属地级行政区）",
        "Every prefecture, county and district adcode with the adcode, Chinese name and province of the "
        "prefecture-level unit it belongs to; the Cities page counts geocoded rows per prefecture with it "
        "and draws the prefecture outlines built with it.",
        "每个地级、县级和区级行政区划代码，附其所属地级单位的代码、中文名称和省份；“城市”页据此按地级单位统计"
        "已地理编码的行，并绘制据此生成的地级轮廓。",
    ),
}
REFERENCE_TOPIC = "reference"
# Registry topics are named in registry.toml [topics] (the catalogue's topic_label); the
# reference files are not registry datasets, so their group is named here.
REFERENCE_TOPIC_LABEL = ("Reference tables and boundaries", "参照表与边界")

CAMERA_CAVEAT = (
    "figures are China's national camera rate applied to each city's population: "
    "they measure population, not local camera counts"
)


MODES = {
    "two": "Two indicators",
    "provinces": "Provinces",
    "ranking": "Ranking",
    "scatter": "Scatter",
    "batches": "Demonstration batches",
}


REGION_ZH = {"East": "东部", "Central": "中部", "West": "西部", "Northeast": "东北"}


def region_name(label: object, lang: str) -> str:
    """An NBS region's name in ``lang``."""
    return REGION_ZH.get(str(label), str(label)) if lang == "zh" else str(label)


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


def sentences(*parts: str, lang: str = "en") -> str:
    """Sentences one after another: with a space in English, none in Chinese; empty parts skipped."""
    return ("" if lang == "zh" else " ").join(part for part in parts if part)


def bilingual(en: str, zh: str, lang: str = "en", sep: str = " · ") -> str:
    """English and Chinese side by side; Chinese first when ``lang == "zh"``; empty parts skipped."""
    parts = [zh, en] if lang == "zh" else [en, zh]
    return sep.join(p for p in parts if p)


def name_pair(zh: object, en: object, lang: str = "en") -> str:
    """'Hangzhou 杭州市' (or '杭州市 Hangzhou' when ``lang == "zh"``); skips empty parts."""
    return bilingual(en if isinstance(en, str) else "", zh if isinstance(zh, str) else "", lang, " ")


def swapped_pairs(name: str) -> list[str]:
    """``name_pair`` in the other language's order ('杭州市 Hangzhou' <-> 'Hangzhou 杭州市'): both
    readings, as the split point depends on which language comes first."""
    head, _, tail = name.partition(" ")
    start, _, end = name.rpartition(" ")
    return [f"{tail} {head}", f"{end} {start}"] if tail else [name]


def title_of(meta: dict, lang: str = "en") -> str:
    """Indicator title in the page language (English falls back when there is no Chinese)."""
    return (meta.get("title_zh") or meta["title"]) if lang == "zh" else meta["title"]


def meta_text(meta: dict, key: str, lang: str = "en") -> str:
    """A text of a dataset's metadata (``description``, ``origin``, ...) in ``lang``.

    The Chinese is the registry's ``KEY_zh`` (the ETL requires it wherever the English is
    set); a key without one, such as an old catalogue's, keeps its English.
    """
    english = as_text(meta.get(key))
    return (as_text(meta.get(f"{key}_zh")) or english) if lang == "zh" else english


def dataset_title(meta: dict, lang: str = "en") -> str:
    """``English title · 中文`` (Chinese first for ``lang == "zh"``)."""
    return bilingual(str(meta.get("title") or meta.get("name") or ""), str(meta.get("title_zh") or ""), lang)


def topic_label(topic: str, lang: str = "en", labels: dict[str, tuple[str, str]] | None = None) -> str:
    """A topic's name in both languages: from ``labels`` (the registry's), else its id, capitalised."""
    known = {REFERENCE_TOPIC: REFERENCE_TOPIC_LABEL} | (labels or {})
    en, zh = known.get(topic) or (topic.replace("_", " ").capitalize(), "")
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


def chinese_count(value: float) -> str:
    """A count as Chinese writes it on an axis: 800, 1.5万, 1500万, 2.5亿 (up to two decimals, exact)."""
    for size, unit in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + unit
    return f"{value:.2f}".rstrip("0").rstrip(".")


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



# ------------------------------------------------------------------ the catalogue of words
# Each page keeps its labels in a module of this package, as a ``<NAME>_WORDS`` dict
# ``{"en": {key: text}, "zh": {key: text}}`` with the same keys in both languages
# (``tests/test_catalogue.py`` finds every such dict and checks it). Words the data bring
# (units, missing reasons, ...) are translated by ``data_term``.

LANGUAGE_CODES = ("en", "zh")


def words(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """The labels of one catalogue (a ``*_WORDS`` dict) in ``lang``: the one lookup.

    Parameters
    ----------
    table : dict
        A ``*_WORDS`` dict of this package, e.g. ``REGULATION_WORDS``.
    lang : str
        ``"en"`` or ``"zh"``; any other value gives English.

    Returns
    -------
    dict
        Key -> text; texts with ``{placeholders}`` are filled with ``str.format``.
    """
    return table[lang if lang in LANGUAGE_CODES else "en"]


def data_term(text: object, lang: str) -> str:
    """A word the data bring (unit, missing reason, coverage note, confidence, topic) in ``lang``.

    English is the registry's own text; Chinese comes from ``DATA_TERMS_ZH``. A unit with a
    normalisation suffix ("demonstration areas per million residents (2020 census)") is
    translated part by part. Text with no entry is returned as it is (a test keeps the
    table complete for the committed data).
    """
    value = as_text(text)
    if lang != "zh" or not value:
        return value
    if value in DATA_TERMS_ZH:
        return DATA_TERMS_ZH[value]
    for suffix, zh in DATA_TERMS_ZH.items():
        if suffix.startswith("per ") and value.endswith(" " + suffix):
            return f"{data_term(value[: -len(suffix) - 1], lang)}，{zh}"
    # A unit with its qualifier in front ("at least demonstration areas"), as the spread table writes it.
    if value.startswith("at least ") and (unit := value[len("at least "):]) in DATA_TERMS_ZH:
        return DATA_TERMS_ZH["at least"] + DATA_TERMS_ZH[unit]
    return value


from dashboard.text.batches import BATCH_WORDS  # noqa: E402,F401
from dashboard.text.compare import COMPARE_WORDS  # noqa: E402,F401
from dashboard.text.data_terms import DATA_TERMS_ZH  # noqa: E402
from dashboard.text.frame import FRAME_WORDS, PAGE_TITLES, PRESENTATION_LABELS  # noqa: E402,F401
from dashboard.text.overview import OVERVIEW_WORDS  # noqa: E402,F401
from dashboard.text.regulations import REGULATION_WORDS  # noqa: E402,F401
