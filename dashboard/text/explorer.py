"""Words of the map explorer and of every choropleth's hover and legend (English, Chinese)."""

from __future__ import annotations

MAP_WORDS = {
    "en": {
        "source_confidence": "Source: {ids} (confidence: {confidence})",
        "source_only": "Source: {ids}",
        "as_of": ", as of {year}",
        "years": ", latest values ({first}–{last})",
        "year_unknown": ", latest values (year not given by the source)",
        "no_data": "No data: not reported by the source (not zero)",
        "earlier": "earlier",
        "later": "later",
    },
    "zh": {
        "source_confidence": "来源：{ids}（可信度：{confidence}）",
        "source_only": "来源：{ids}",
        "as_of": "，截至{year}年",
        "years": "，最新数值（{first}–{last}年）",
        "year_unknown": "，最新数值（来源未给出年份）",
        "no_data": "无数据：来源未报告（并非为零）",
        "earlier": "较早",
        "later": "较晚",
    },
}

EXPLORER_WORDS = {
    "en": {
        "header": "Map",
        "indicator": "Indicator",
        "show": "Show",
        "per_help": "Per capita and per GDP appear only where they make sense: a count of list types is never "
                    "per capita.",
        "colours": "Colours",
        "continuous": "Continuous", "quantiles": "Quantiles", "manual": "Manual",
        "breaks": "Breaks (comma-separated)",
        "breaks_placeholder": "e.g. 2, 5, 10",
        "breaks_warning": "Breaks must be numbers separated by commas; showing continuous colours.",
        "year": "As of end of",
        "latest": "latest",
        "play": "Play the years", "play_button": "Play", "pause": "Pause",
        "play_help": "Puts a play button on the map: it steps through the years in your browser, one a second.",
        "view": "View",
        "view_map": "Map",
        "view_ranking": "Ranking",
        "sparse_note": "Only {n} of {total} provinces have a value, so this opens as a ranking: a map would be mostly "
                       "'no data'. The map is one click away (View, in the sidebar).",
        "unreported": "Not reported by the source ({n}; missing, not zero): {names}.",
        "unit": "Unit: {unit}.",
        "confidence": "Confidence: {levels}.",
        "absent": "No adopted regulation by {year}",
        "adoption_subtitle": "Darker = earlier adoption.",
        "origin": "Where the numbers come from: {origin} Sources: {ids} (full citations on the Sources & data page).",
        "profile": "Province profile",
        "profile_prompt": "Click a province on the map, or choose one",
        "profile_heading": "{name}: every indicator",
        "profile_caption": "'—' means no value: the reason is given in brackets. Missing is never zero.",
        "rank_title": "{title}: the {n} provinces with a value",
        "description": "{text}",
    },
    "zh": {
        "header": "地图",
        "indicator": "指标",
        "show": "显示",
        "per_help": "仅在有意义时提供人均与每单位GDP：名单种类数不会按人口计算。",
        "colours": "配色",
        "continuous": "连续", "quantiles": "分位数", "manual": "自定义",
        "breaks": "分界值（逗号分隔）",
        "breaks_placeholder": "例如 2, 5, 10",
        "breaks_warning": "分界值须为以逗号分隔的数字；现显示连续配色。",
        "year": "截至年底",
        "latest": "最新",
        "play": "逐年播放", "play_button": "播放", "pause": "暂停",
        "play_help": "在地图上加一个播放按钮：在浏览器中逐年播放，每秒一年。",
        "view": "视图",
        "view_map": "地图",
        "view_ranking": "排名",
        "sparse_note": "仅{n}个（共{total}个）省份有数值，因此以排名显示：地图将大多为“无数据”。"
                       "地图视图一键可达（侧栏“视图”）。",
        "unreported": "来源未报告（{n}个；缺失，并非为零）：{names}。",
        "unit": "单位：{unit}。",
        "confidence": "可信度：{levels}。",
        "absent": "截至{year}年尚未通过条例",
        "adoption_subtitle": "颜色越深，通过越早。",
        "origin": "数据来源：{origin} 来源编号：{ids}（完整引文见“来源与数据”页）。",
        "profile": "省份概况",
        "profile_prompt": "点击地图上的省份，或在此选择",
        "profile_heading": "{name}：全部指标",
        "profile_caption": "“—”表示无数值，括号内为原因。缺失绝不等于零。",
        "rank_title": "{title}：有数值的{n}个省份",
        "description": "指标说明：{text}",
    },
}

# Column headers of the province profile (by the column id ``province_profile`` gives them).
PROFILE_COLUMNS = {
    "en": {"indicator": "Indicator", "value": "Value", "year": "Year", "source": "Source ids",
           "confidence": "Confidence"},
    "zh": {"indicator": "指标", "value": "数值", "year": "年份", "source": "来源编号", "confidence": "可信度"},
}
