"""Footers, hovers and axis words of the Fragmentation page's figures (English, Chinese)."""

from __future__ import annotations

FRAGMENTATION_FIGURE_WORDS = {
    "en": {
        "diff_regulation": "Provinces with their own SCS regulation", "unit_regulation": "provinces",
        "diff_demonstration_areas": "Demonstration areas named (cumulative)",
        "unit_demonstration_areas": "demonstration areas",
        "diff_score_systems": "City credit-score systems launched (cumulative, dated only)",
        "unit_score_systems": "city credit-score systems",
        "of_n": " (of {n})", "panel": "{title} [{unit}]", "no_series": "No dated series available",
        "undated": "Not in the score curve ({n} undated): {cities}.",
        "regulations_known": "Regulations: {n_known} of {n} provinces have an established adoption year. ",
        "lower_bounds": "Counts of areas and systems are lower bounds.",
        "batch_known": "batch {batch}{when}: {listed} of {size} members known",
        "batch_none": "batch {batch}{when}: no member list, {size}",
        "batch_size": "{size} areas", "size_unknown": "size not established", "batch_sep": "; ",
        "batches_lower": "{text}, so counts by province are lower bounds.",
        "map_footer": "{sources}<br>{adopted} adopted by {year}; {not_yet} adopted later; {none}: {reason} "
                      "(not proof that none exists).",
        "no_value": "no value",
        "share_hover": "<b>{measure}</b><br>{region}: {total} {unit} ({share} of total), {n} provinces",
        "adopted_text": "{a} of {p}", "adopted_name": "Own regulation adopted",
        "adopted_hover": "<b>{region}</b>: {a} of {p} provinces adopted",
        "small_regions": "{regions}: fewer than {min_n} provinces, so its shares are not headline figures "
                         "(grey on the right).",
        "left_out": "Left out (values for only some provinces; see the table): {measures}.",
        "region_footer": "{notes}<br>Hatched bars are references. Counts of areas and systems are lower bounds. "
                         "{sources}",
        "measure_demonstration_areas": "Demonstration areas (known members)",
        "measure_population": "Population 2020 (reference)", "measure_gdp": "GDP 2020 (reference)",
        "wealth_hover": "<b>{name}</b> ({region})<br>GDP per capita 2020: {gdp} yuan<br>{label}: {value}",
        "wealth_x": "GDP per capita, 2020 [yuan] = GDP × 10⁸ / census population",
        "wealth_count": "Demonstration areas [at least]",
        "wealth_per_capita": "Demonstration areas per million residents [at least]",
        "correlation": "Pearson r = {r} · Spearman ρ = {rho} · n = {n}",
        "wealth_footer": "Association across provinces, not causation; counts are lower bounds (batches without "
                         "complete member lists are missing). GDP per capita: secondary source. Labels: the upper "
                         "quarter on either axis; hover for the rest.<br>{sources}",
    },
    "zh": {
        "diff_regulation": "已通过本省社会信用条例的省份", "unit_regulation": "个省份",
        "diff_demonstration_areas": "已命名的示范城市（区）（累计）",
        "unit_demonstration_areas": "个示范城市（区）",
        "diff_score_systems": "已启用的城市信用分（累计，仅含有年份者）",
        "unit_score_systems": "个城市信用分",
        "of_n": "（共{n}个）", "panel": "{title} [{unit}]", "no_series": "尚无带年份的序列",
        "undated": "未计入信用分曲线（{n}个无年份）：{cities}。",
        "regulations_known": "条例：{n}个省份中{n_known}个有确定的通过年份。",
        "lower_bounds": "示范城市（区）和信用分的数量均为下限。",
        "batch_known": "第{batch}批{when}：{size}个成员中已知{listed}个",
        "batch_none": "第{batch}批{when}：无成员名单，{size}",
        "batch_size": "{size}个地区", "size_unknown": "数量未确定", "batch_sep": "；",
        "batches_lower": "{text}，故各省数量为下限。",
        "map_footer": "{sources}<br>截至{year}年已通过{adopted}个；其后通过{not_yet}个；{none}个：{reason}（并非不存在的证明）。",
        "no_value": "无数值",
        "share_hover": "<b>{measure}</b><br>{region}：{total} {unit}（占总数{share}），{n}个省份",
        "adopted_text": "{p}个中{a}个", "adopted_name": "已通过本省条例",
        "adopted_hover": "<b>{region}</b>：{p}个省份中{a}个已通过",
        "small_regions": "{regions}：少于{min_n}个省份，其占比不作为主要数字（右侧灰色）。",
        "left_out": "未列入（只有部分省份有数值；见表格）：{measures}。",
        "region_footer": "{notes}<br>斜线条为参照。示范城市（区）和信用分的数量均为下限。{sources}",
        "measure_demonstration_areas": "示范城市（区）（已知成员）",
        "measure_population": "2020年人口（参照）", "measure_gdp": "2020年GDP（参照）",
        "wealth_hover": "<b>{name}</b>（{region}）<br>2020年人均GDP：{gdp}元<br>{label}：{value}",
        "wealth_x": "2020年人均GDP [元] = GDP × 10⁸ / 普查人口",
        "wealth_count": "示范城市（区）[至少]",
        "wealth_per_capita": "每百万居民示范城市（区）[至少]",
        "correlation": "皮尔逊 r = {r} · 斯皮尔曼 ρ = {rho} · n = {n}",
        "wealth_footer": "省际关联，并非因果；数量为下限（成员名单不完整的批次未计入）。人均GDP：二手来源。"
                         "标签：任一轴上前四分之一的省份；其余请悬停查看。<br>{sources}",
    },
}
