"""Labels of the Fragmentation page and its figures (English, Chinese)."""

from __future__ import annotations

FRAGMENTATION_WORDS = {
    "en": {
        "play": "Play", "pause": "Pause",
        "fig_gini": "Gini (0 = equal)", "fig_coefficient_of_variation": "Coefficient of variation",
        "fig_top3_share": "Top-3 share of total",
        "fig_reliable": "Rests on {min_n} or more provinces",
        "fig_unreliable": "Rests on fewer than {min_n} provinces: not a headline figure",
        "fig_spread_footer": "Each statistic uses only provinces with a value (missing is not zero). Grey: rests on "
                             "fewer than {min_n} provinces, not a headline figure.<br>Counts marked 'at least' are "
                             "lower bounds. {sources}",
        "fig_spread_title": "How unevenly each indicator is spread across provinces",
        "fig_spread_subtitle": "Unitless inequality measures per indicator, over the {n_total} mainland provinces",
        "fig_diffusion_title": "Diffusion over time, {start}–{end} (selected: {year})",
        "fig_diffusion_subtitle": "Cumulative counts by end of year; dotted line: selected year {year}. Each panel "
                                  "has its own unit.",
        "fig_map_title": "Provinces with their own SCS regulation by the end of {year}",
        "fig_map_subtitle": "Colour: year of adoption (darker = earlier). {adopted} of {total} provinces adopted by "
                            "{year}; grey: no adopted regulation established.",
        "fig_absent": "Adopted after {year}",
        "fig_region_share": "Share of the national total [% of the {n}-province total]",
        "fig_region_adopted": "Own regulation adopted<br>[% of the region's provinces]",
        "fig_region_title": "NBS macro-regions: who holds the instruments",
        "fig_region_subtitle": "Share of each national total held by each region, against its share of population "
                               "and GDP",
        "fig_wealth_title": "Did wealthier provinces get more demonstration areas?",
        "fig_wealth_subtitle": "One dot per province; {n} of {total} provinces with both values",
        "fig_nbs_region": "NBS region",
        "page": "Fragmentation",
        "title": "Fragmentation · 碎片化",
        "sort_label": "Sort the matrix rows by",
        "sort_region": "Region", "sort_adoption": "Adoption year", "sort_similarity": "Similarity",
        "year_label": "Regulation map as of the end of",
        "wealth_label": "Demonstration areas against GDP per capita",
        "wealth_count": "Count", "wealth_per_capita": "Per million residents",
        "intro": "How far is China's Social Credit System many local systems rather than one? This page measures "
                 "how unevenly provinces hold its instruments, which instruments go together, how they spread over "
                 "time, and whether richer regions hold more of them. Every number comes from the processed data; "
                 "a missing value is never counted as zero; no spread is computed on a sample of provinces, and "
                 "any statistic that rests on fewer than {min_n} provinces is greyed and flagged.",
        "h_spread": "1 · Spread per indicator", "h_matrix": "2 · Province × instrument matrix",
        "h_diffusion": "3 · Diffusion over time", "h_regions": "4 · Regions", "h_findings": "5 · Findings",
        "no_indicator": "No province-level indicator is available yet.",
        "spread_caption": "CV: standard deviation over mean. Gini: 0 when every province holds the same, (n−1)/n "
                          "when one holds everything. Max/min is undefined when the smallest value is 0. Top-3 "
                          "share: the three largest values over the total. Only provinces with a value enter; grey "
                          "rows rest on fewer than {min_n} provinces. Per-capita rows appear only where the "
                          "catalogue allows them.",
        "no_instruments": "No instrument data is available yet.",
        "matrix_caption": "Columns: own regulation, demonstration areas by batch, known city credit-score systems, "
                          "and every other province-level indicator in the catalogue (a new one appears here "
                          "automatically). Similarity sorting clusters provinces on the column-scaled values plus "
                          "one 'is missing' flag per column, so an unknown value is never treated as the column's "
                          "lowest. Adoption years: darker = earlier.",
        "matrix_table": "The matrix as a table",
        "no_years": "The provincial regulation years are not available yet.",
        "adoption_spread": "Spread of adoption years.",
        "adoption_none": "No province of {total} has an established adoption year.",
        "adoption_sentence": "First, in {first}: {first_names}; last, in {last}: {last_names}; median year {median}; "
                             "span {span} years (n = {n} of {total} provinces with an established year).",
        "undated": "City credit-score systems without a confirmed launch year (listed here, not in the curve):",
        "regions_table": "Every measure by region (with warnings)",
        "no_wealth": "GDP, population or demonstration areas are not available yet, so the wealth comparison is "
                     "left out.",
        "wealth_note": "**What this can and cannot show.** The seed paper suggests that wealthier regions produced "
                       "more of the system. These data can test one narrow version of that claim: whether provinces "
                       "with a higher GDP per capita hold more of the demonstration areas named by the NDRC and the "
                       "PBC. They cannot show how much local rule-making each province produced, because counts of "
                       "SCS documents per province are not established; the area counts are lower bounds "
                       "(incomplete batches); areas differ in level and size; and one year of GDP across provinces "
                       "cannot separate wealth from population, coastal location or administrative capacity. A "
                       "correlation here is an association, not a cause.",
        "no_findings": "Not enough data yet to state findings.",
        "undated_city": "City", "undated_province": "Province", "undated_score": "Score system",
        "undated_score_en": "English name (as published)",
        "undated_source_id": "Source",
        "findings_caption": "These sentences are generated from the processed data and change when it changes. "
                            "Full citations for every source id are on the Sources & data page.",
        "left_out_intro": "No spread is computed for {count} indicator(s) whose values are a sample, not the "
                          "provinces: a Gini, coefficient of variation or top-3 share among the few provinces a "
                          "source chose to name (its top five, say) describes the source's choice, not how the "
                          "provinces differ. A spread needs values for at least {minimum} of {total} provinces "
                          "(two thirds). Left out:",
        "left_out_item": "{title}: {n} of {total} provinces",
        "left_out_note": " ({note})",
        "left_out_heading": "Left out: values for too few provinces",
        "left_out_short": "No spread computed on a sample (values for fewer than {minimum} of {total} provinces; "
                          "see the page):",
    },
    "zh": {
        "play": "播放", "pause": "暂停",
        "fig_gini": "基尼系数（0 = 均等）", "fig_coefficient_of_variation": "变异系数",
        "fig_top3_share": "前三名占总数比例",
        "fig_reliable": "基于{min_n}个或更多省份",
        "fig_unreliable": "基于少于{min_n}个省份：不作为主要数字",
        "fig_spread_footer": "每项统计只计入有数值的省份（缺失不计为零）。灰色：少于{min_n}个省份，不作为主要数字。<br>"
                             "标为“至少”的数量为下限。{sources}",
        "fig_spread_title": "各指标在省份间分布的不均程度",
        "fig_spread_subtitle": "各指标的无单位不均等度量，范围为{n_total}个内地省份",
        "fig_diffusion_title": "随时间的扩散，{start}–{end}（所选：{year}）",
        "fig_diffusion_subtitle": "各年末累计数；虚线：所选年份{year}。每栏各有单位。",
        "fig_map_title": "截至{year}年末已通过本省社会信用条例的省份",
        "fig_map_subtitle": "颜色：通过年份（越深越早）。截至{year}年，{total}个省份中{adopted}个已通过；灰色：尚无已确认通过的条例。",
        "fig_absent": "{year}年之后通过",
        "fig_region_share": "占全国总数的比例 [占{n}个省份总数的%]",
        "fig_region_adopted": "已通过本省条例<br>[占该地区省份的%]",
        "fig_region_title": "国家统计局四大地区：谁持有这些工具",
        "fig_region_subtitle": "各地区占全国各项总数的比例，与其人口和GDP占比对照",
        "fig_wealth_title": "较富裕的省份是否获得了更多示范城市（区）？",
        "fig_wealth_subtitle": "每点一个省份；{total}个省份中{n}个两项数值齐全",
        "fig_nbs_region": "国家统计局地区",
        "page": "碎片化",
        "title": "碎片化 · Fragmentation",
        "sort_label": "矩阵行排序方式",
        "sort_region": "地区", "sort_adoption": "条例通过年份", "sort_similarity": "相似度",
        "year_label": "条例地图截至年末",
        "wealth_label": "示范城市（区）与人均GDP",
        "wealth_count": "数量", "wealth_per_capita": "每百万居民",
        "intro": "中国社会信用体系在多大程度上是许多地方体系而非一个体系？本页衡量各省持有其工具的不均程度、"
                 "哪些工具相伴出现、它们如何随时间扩散，以及较富裕的地区是否持有更多工具。每个数字都来自处理后的数据；"
                 "缺失值从不计为零；不对省份样本计算差异；少于{min_n}个省份的统计量以灰色标出。",
        "h_spread": "1 · 各指标的省际差异", "h_matrix": "2 · 省份与工具矩阵",
        "h_diffusion": "3 · 随时间的扩散", "h_regions": "4 · 地区", "h_findings": "5 · 主要发现",
        "no_indicator": "尚无省级指标。",
        "spread_caption": "变异系数：标准差除以均值。基尼系数：各省相同时为0，一省独占时为(n−1)/n。最小值为0时最大/最小比无定义。"
                          "前三名占比：最大三个值之和占总数的比例。只计入有数值的省份；灰色行少于{min_n}个省份。"
                          "仅在目录允许时给出人均行。",
        "no_instruments": "尚无工具数据。",
        "matrix_caption": "列：本省条例、分批次的示范城市（区）、已知的城市信用分，以及目录中其他所有省级指标（新指标会自动出现）。"
                          "按相似度排序时，依各列标准化后的数值及每列一个“是否缺失”标记对省份聚类，未知值绝不被当作该列最低值。"
                          "通过年份：颜色越深越早。",
        "matrix_table": "矩阵数据表",
        "no_years": "尚无省级条例通过年份。",
        "adoption_spread": "通过年份的分布。",
        "adoption_none": "{total}个省份均无确定的通过年份。",
        "adoption_sentence": "最早于{first}年：{first_names}；最晚于{last}年：{last_names}；年份中位数{median}；"
                             "跨度{span}年（{total}个省份中{n}个有确定的通过年份）。",
        "undated": "尚无确认启用年份的城市信用分（列于此处，不计入曲线）：",
        "regions_table": "各地区全部指标（含提示）",
        "no_wealth": "尚无GDP、人口或示范城市（区）数据，故不作财富比较。",
        "wealth_note": "**能说明什么、不能说明什么。** 种子论文认为较富裕的地区产出了更多的体系。本数据只能检验这一说法的一个狭义版本："
                       "人均GDP较高的省份是否持有更多由国家发展改革委和中国人民银行命名的示范城市（区）。它不能说明各省制定了多少地方规则，"
                       "因为各省社会信用文件的数量尚未确定；示范城市（区）数量是下限（批次不完整）；各地级别和规模不同；"
                       "而单一年份的省际GDP无法把财富与人口、沿海位置或行政能力区分开。此处的相关只是关联，不是因果。",
        "no_findings": "数据尚不足以得出结论。",
        "undated_city": "城市", "undated_province": "省份", "undated_score": "信用分体系",
        "undated_score_en": "英文名称（原文）",
        "undated_source_id": "来源",
        "findings_caption": "以下句子由处理后的数据生成，数据变化时随之变化。各来源编号的完整引文见“来源与数据”页。",
        "left_out_intro": "以下{count}项指标的数值只是样本而非全部省份，故不计算差异：在来源选择列出的少数省份（如前五名）"
                          "之间计算基尼系数、变异系数或前三名占比，反映的是来源的选择，而非各省之间的差异。"
                          "计算差异需要{total}个省份中至少{minimum}个（三分之二）有数值。未计算：",
        "left_out_item": "{title}：{total}个省份中{n}个有数值",
        "left_out_note": "（{note}）",
        "left_out_heading": "未计算：有数值的省份太少",
        "left_out_short": "不对样本计算差异（{total}个省份中少于{minimum}个有数值；见页面说明）：",
    },
}


# Headers and small cells of the Fragmentation page's spread and region tables
# (``dashboard.domain.fragmentation.spread_display``, ``dashboard.domain.regions.region_display``).
FRAGMENTATION_TABLE_WORDS = {
    "en": {
        "Indicator": "Indicator", "Basis": "Basis", "Unit": "Unit", "Provinces with a value": "Provinces with a value",
        "CV": "CV", "Gini": "Gini", "Max/min": "Max/min", "Top-3 share": "Top-3 share", "Warning": "Warning",
        "Caveat": "Caveat", "Sources": "Sources", "Measure": "Measure", "Region": "Region", "Total": "Total",
        "Mean": "Mean", "Median": "Median", "Share of total": "Share of total", "n_of": "{n} of {total}", "spread_row": "{basis}, n = {n} of {total}",
        "basis_absolute": "absolute", "basis_year": "year", "basis_per million residents": "per million residents",
        "note": "— ({note})", "note_a year, not an amount": "a year, not an amount", "note_minimum is 0": "minimum is 0",
        "note_no values": "no values", "lower_bound": "lower bound ('{qualifier}')", "quality": "{confidence} data",
        "caveat_sep": "; ", "year_caveat": "spread in time: see Diffusion",
        "Provinces": "Provinces", "Adopted": "Adopted", "Share adopted": "Share adopted", "First year": "First year",
        "Median year": "Median year", "Last year": "Last year",
    },
    "zh": {
        "Indicator": "指标", "Basis": "依据", "Unit": "单位", "Provinces with a value": "有数值的省份",
        "CV": "变异系数", "Gini": "基尼系数", "Max/min": "最大/最小", "Top-3 share": "前三名占比", "Warning": "警示",
        "Caveat": "注意事项", "Sources": "来源", "Measure": "指标", "Region": "地区", "Total": "合计",
        "Mean": "平均值", "Median": "中位数", "Share of total": "占总量比例", "n_of": "{total}个中{n}个", "spread_row": "{basis}，{total}个省份中{n}个有数值",
        "basis_absolute": "绝对数", "basis_year": "年份", "basis_per million residents": "每百万居民",
        "note": "—（{note}）", "note_a year, not an amount": "为年份，不是数量", "note_minimum is 0": "最小值为0",
        "note_no values": "没有数值", "lower_bound": "下限（“{qualifier}”）", "quality": "{confidence}数据",
        "caveat_sep": "；", "year_caveat": "时间上的分布：见“随时间的扩散”",
        "Provinces": "省份数", "Adopted": "已通过", "Share adopted": "已通过比例", "First year": "最早年份",
        "Median year": "年份中位数", "Last year": "最晚年份",
    },
}
