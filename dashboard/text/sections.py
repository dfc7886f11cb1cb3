"""Sections of the long pages (Regulations, Timeline, Fragmentation): their ids and labels.

A section id is what the URL carries (``?section=diffusion``); a label in either language is
accepted from a link too. The first section of a page is the one a bare link opens.
"""

from __future__ import annotations

PAGE_SECTIONS = {
    "regulations": ["map", "pair", "difference", "diffusion", "agreement", "rows"],
    "timeline": ["axis", "adoption", "national"],
    "fragmentation": ["spread", "matrix", "diffusion", "regions", "findings"],
}

SECTION_WORDS = {
    "en": {
        "picker": "Section",
        "regulations_map": "On the map", "regulations_pair": "Two side by side",
        "regulations_difference": "How far they differ", "regulations_diffusion": "Diffusion",
        "regulations_agreement": "Coding reliability", "regulations_rows": "Every coded row",
        "timeline_axis": "Time axis", "timeline_adoption": "Adoption by province",
        "timeline_national": "National figures",
        "fragmentation_spread": "Spread", "fragmentation_matrix": "Instruments",
        "fragmentation_diffusion": "Diffusion", "fragmentation_regions": "Regions and wealth",
        "fragmentation_findings": "Findings",
        "show_table": "Show the table",
    },
    "zh": {
        "picker": "部分",
        "regulations_map": "地图", "regulations_pair": "两部对照",
        "regulations_difference": "差异有多大", "regulations_diffusion": "扩散",
        "regulations_agreement": "编码可靠性", "regulations_rows": "全部编码明细",
        "timeline_axis": "时间轴", "timeline_adoption": "各省采纳",
        "timeline_national": "全国数据",
        "fragmentation_spread": "省际差异", "fragmentation_matrix": "工具矩阵",
        "fragmentation_diffusion": "扩散", "fragmentation_regions": "地区与财力",
        "fragmentation_findings": "主要发现",
        "show_table": "显示表格",
    },
}
