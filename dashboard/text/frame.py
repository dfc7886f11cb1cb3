"""Labels of the frame every page shares: navigation titles, the sidebar, presentation mode,
the link to the current view (English, Chinese)."""

from __future__ import annotations

FRAME_WORDS = {
    "en": {
        "app_title": "China's social credit systems, region by region",
        "language": "Language / 语言",
        "present": "Presentation mode",
        "present_help": "Hides the sidebar and controls and enlarges fonts, for screenshots and slides.",
        "exit_present": "Exit presentation mode",
        "link": "Link to this view",
        "link_help": "The address of exactly this view (page, language and every control); the button at the "
                     "right of the box copies it.",
        "page_overview": "Overview", "page_explorer": "Map explorer", "page_compare": "Compare",
        "page_cities": "Cities", "page_regulations": "Regulations", "page_timeline": "Timeline",
        "page_fragmentation": "Fragmentation", "page_sources": "Sources & data",
    },
    "zh": {
        "app_title": "中国社会信用体系：分地区看",
        "language": "Language / 语言",
        "present": "演示模式",
        "present_help": "隐藏侧栏与控件并放大字体，便于截图和幻灯片。",
        "exit_present": "退出演示模式",
        "link": "本视图链接",
        "link_help": "此视图的完整地址（页面、语言和所有控件）；点击框右侧按钮即可复制。",
        "page_overview": "概览", "page_explorer": "地图浏览", "page_compare": "比较",
        "page_cities": "城市", "page_regulations": "条例", "page_timeline": "时间线",
        "page_fragmentation": "碎片化", "page_sources": "来源与数据",
    },
}

# Navigation titles (by url_path) as (English, Chinese) pairs, for callers that want both.
PAGE_TITLES = {
    key.removeprefix("page_"): (text, FRAME_WORDS["zh"][key])
    for key, text in FRAME_WORDS["en"].items() if key.startswith("page_")
}
PRESENTATION_LABELS = {lang: (table["present"], table["present_help"]) for lang, table in FRAME_WORDS.items()}
