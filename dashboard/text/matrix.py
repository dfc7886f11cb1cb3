"""Words of the province × instrument matrix figure (Fragmentation page), English and Chinese."""

from __future__ import annotations

MATRIX_WORDS = {
    "en": {
        "title": "Which instruments each province uses",
        "subtitle": "Rows: the {n} mainland provinces, {sort}. Colour: each column scaled 0–1 (own regulation: "
                    "earliest = darkest); cells show real values.",
        "sort_region": "grouped by NBS region",
        "sort_adoption": "by year of their own regulation (earliest first)",
        "sort_similarity": "ordered by similarity (hierarchical clustering; dendrogram on the right)",
        "no_value": "no value: {reason}",
        "reason_none_established": "no adopted regulation established",
        "reason_not_reported": "not reported by source",
        "source": "Source: {sources}",
        "lowest": "lowest in<br>column", "highest": "highest in<br>column",
        "cell_not_reported": "n/r", "cell_none_established": "none est.", "cell_not_known": "n/k",
        "at_least": "at least",
        "label_regulation": "Own regulation (year adopted)",
        "label_batch": "Demonstration areas, batch {batch}{when}",
        "title_batch": "Demonstration areas in batch {batch}{when}",
        "label_scores": "City credit-score systems (known)",
        "footer": "Grey = missing, not zero, and not on the colour scale: {not_reported} = not reported by source; "
                  "{none_established} = no adopted regulation established; {not_known} = batch member list "
                  "incomplete. A 0 is a recorded absence (for lists that are not exhaustive: none known).<br>"
                  "Values with few provinces: {coverage}.<br>"
                  "Counts of demonstration areas and city scores are lower bounds. {sources}",
        "coverage_item": "{label}: {n} of {total}", "coverage_none": "none", "coverage_sep": "; ",
        "note_no_area": "no area of batch {batch} in its published list",
        "note_not_established": "member list not established ({known})",
        "note_known": "{n} of {total} members of batch {batch} known",
        "col_province": "Province", "col_region": "Region", "col_header": "{label} [{unit}]",
    },
    "zh": {
        "title": "各省使用哪些工具",
        "subtitle": "行：{n}个内地省份，{sort}。颜色：各列分别标准化到0–1（本省条例：越早越深）；格内为实际数值。",
        "sort_region": "按国家统计局地区分组",
        "sort_adoption": "按本省条例通过年份排序（最早在前）",
        "sort_similarity": "按相似度排序（层次聚类；树状图在右侧）",
        "no_value": "无数值：{reason}",
        "reason_none_established": "尚无已确认通过的条例",
        "reason_not_reported": "来源未报告",
        "source": "来源：{sources}",
        "lowest": "该列<br>最低", "highest": "该列<br>最高",
        "cell_not_reported": "未报", "cell_none_established": "尚无", "cell_not_known": "不详",
        "at_least": "至少",
        "label_regulation": "本省条例（通过年份）",
        "label_batch": "示范城市（区），第{batch}批{when}",
        "title_batch": "第{batch}批示范城市（区）{when}",
        "label_scores": "城市信用分（已知）",
        "footer": "灰色 = 缺失，不是零，也不在色阶上：{not_reported} = 来源未报告；{none_established} = 尚无已确认通过的条例；"
                  "{not_known} = 该批名单不完整。0 是有记录的“没有”（对不完整的名单而言：未知有）。<br>"
                  "有数值的省份较少的列：{coverage}。<br>"
                  "示范城市（区）数量和城市信用分数量均为下限。{sources}",
        "coverage_item": "{label}：{total}个中{n}个", "coverage_none": "无", "coverage_sep": "；",
        "note_no_area": "第{batch}批公布名单中无该省地区",
        "note_not_established": "名单未确定（{known}）",
        "note_known": "第{batch}批{total}个成员中已知{n}个",
        "col_province": "省份", "col_region": "地区", "col_header": "{label} [{unit}]",
    },
}
