"""Labels of the Timeline page and its figures, the national figures included (English, Chinese)."""

from __future__ import annotations

TIMELINE_WORDS = {
    "en": {
        "play": "Play", "pause": "Pause",
        "page": "Timeline",
        "title": "Timeline · 时间线",
        "intro": "National documents frame the Social Credit System; provinces then passed their own regulations, "
                 "at different times. Hover a marker for its title, document number, adopting body, dates, source "
                 "id and confidence. Every source id is listed on the Sources & data page.",
        "lanes_label": "Lanes to show",
        "year_label": "Regulations adopted by the end of",
        "choose_lane": "Choose at least one lane in the sidebar to draw the timeline.",
        "n_national": "{n} national documents", "n_provincial": "{n} of {total} provinces' regulations",
        "n_events": "{n} milestones",
        "axis_title": "The Social Credit System on one time axis",
        "axis_subtitle": "{parts}. Each marker is one document or event (unit: documents).",
        "not_on_axis": "Not on the axis (no adopted provincial regulation established) — {names}.",
        "publication_year": "{names}: dated only by publication year (adoption date not established), placed at "
                            "1 January.",
        "open_markers": "Open markers: date known only to the month, year or decade, placed at the start of that "
                        "period; the hover says which.",
        "axis_sources": "Each marker's source id is in its hover. Confidence: {confidence}.",
        "axis_table": "Everything on the axis, as a table",
        "date_as_given": "date as given", "placed_at": "placed at",
        "no_adoption": "The derived indicator {name} is not built yet, so the adoption curve and map are not shown.",
        "counted_by_publication": " {names} counted by publication year (adoption date not established).",
        "none": "none",
        "curve_footer": "No adopted provincial regulation established — {names}.<br>Derived by the ETL from "
                        "{dataset} (confidence: derived).<br>{sources}",
        "curve_subtitle": "Unit: provinces, cumulative at the end of each year, by year of adoption.{note}",
        "map_caption": "{coverage} Press play on the map, or move the year in the sidebar, to see which provinces "
                       "had a regulation by then; darker = adopted earlier, white means adopted later, grey means "
                       "none established (which is not proof that none exists).",
        "national_heading": "National figures: the court's list, travel bans and the lists themselves",
        "national_intro": "What the Supreme People's Court and national reports say about the whole country. Sources "
                          "count in different units (people, names, person-times, tickets, trips, lists), so each "
                          "unit has its own panel and no line joins two sources. Hover a point for the source's "
                          "own wording, unit, source id and confidence.",
        "list_title": "The court's list of dishonest judgment debtors, {first}–{last}",
        "bans_title": "Flight and train bans for listed debtors, {first}–{last}",
        "series_subtitle": "One panel per unit; each point keeps its source's unit (hover). Filled: exact from "
                           "source; open: secondary or lower confidence. Gaps are periods no source covers.",
        "group_list_entries": "On the list, cumulative [people, names or debtors, as each source counts]",
        "group_list_person_times": "On the list, cumulative [person-times]",
        "group_flow_defaulters": "Added and exited in one year [defaulters]",
        "group_flow_person_times": "Added and exited in one year [person-times]",
        "group_complied": "Complied under pressure of credit punishment, cumulative [debtors]",
        "group_ban_purchases": "Blocked ticket purchases, cumulative [tickets, trips, times or person-times]",
        "group_ban_persons": "People barred [persons]",
        "reports": "{n} report(s)",
        "series_spc_defaulter_list": "SPC list of dishonest judgment debtors",
        "series_spc_defaulters_added": "Added in the year",
        "series_spc_credit_repairs": "Exited through credit repair in the year",
        "series_spc_complied_under_pressure": "Complied under pressure",
        "series_flight_bans": "Flights",
        "series_train_bans": "Trains",
        "hover": "<b>{series}</b><br>{as_of}: {value_text} [{unit}]<br>Source: {source} (confidence: {confidence})",
        "no_list_after": "No cumulative size of the list is established after {as_of}; later figures are annual "
                         "flows or a different count.",
        "footer": "Dataset {dataset}; {n_sources} cited sources. Confidence: {confidence}.",
        "as_of_year": "(year)",
        "marker_exact": "exact from source", "marker_other": "secondary or lower confidence",
        "end_of_year": "end of {year}",
        "totals_title": "How many lists: distinct blacklists and redlists counted at two levels",
        "totals_subtitle": "Unit: distinct lists (kinds of list, not listed entities). The two levels differ in "
                           "scope and source, so each has its own axis.",
        "totals_provincial": "Provincial level, all divisions combined",
        "totals_national": "National level (lists for companies)",
        "totals_axis": "distinct lists",
        "list_blacklists": "blacklists", "list_redlists": "redlists",
        "fragments_title": "Province fragments on blacklisting: what single reports name",
        "fragments_subtitle": "One panel per measure, each in its own unit and year. {unvalued} ranks and "
                              "statements without a number are listed in the table below, not drawn.",
        "figure12": "The seed paper's Figure 12 (companies, individuals and government bodies among the "
                    "blacklisted) is not drawn: no table here splits the listed entities by type over time. One "
                    "early report notes how many of the first names submitted were individuals (see its note in "
                    "the table); no source here counts government bodies.",
        "national_table": "The national figures as a table",
        "fragments_table": "Every fragment, with the ranks and statements that have no number",
        "not_built": "Not built yet, so not shown: {names}. Rebuild with `python -m etl`.",
        "list_sep": ", ", "parts_sep": "; ", "coverage_note": "{value} {unit}: {note}",
        "col_lane": "lane", "col_precision": "precision", "col_title_en": "title_en", "col_title_zh": "title_zh",
        "col_detail": "detail", "col_source_id": "source_id", "col_confidence": "confidence",
        "precision_day": "day", "precision_month": "month", "precision_year": "year", "precision_decade": "decade",
        "ncol_series": "series", "ncol_as_of": "as_of", "ncol_date": "date", "ncol_value": "value",
        "ncol_value_qualifier": "value_qualifier", "ncol_value_text": "value_text", "ncol_unit": "unit",
        "ncol_source_id": "source_id", "ncol_confidence": "confidence", "ncol_note": "note",
        "ncol_adcode": "adcode", "ncol_province_zh": "province_zh", "ncol_year": "year", "ncol_measure": "measure",
    },
    "zh": {
        "play": "播放", "pause": "暂停",
        "page": "时间线",
        "title": "时间线 · Timeline",
        "intro": "国家层面文件确立社会信用体系的框架；各省随后在不同时间通过各自的条例。悬停标记可见标题、文号、"
                 "通过机关、日期、来源编号和可信度。所有来源编号均列于“来源与数据”页。",
        "lanes_label": "显示的泳道",
        "year_label": "截至该年末已通过的条例",
        "choose_lane": "请在侧栏至少选择一条泳道以绘制时间线。",
        "n_national": "{n}份国家层面文件", "n_provincial": "{total}个省份中{n}个省份的条例",
        "n_events": "{n}个大事记",
        "axis_title": "社会信用体系时间线",
        "axis_subtitle": "{parts}。每个标记为一份文件或一个事件（单位：文件）。",
        "not_on_axis": "未在轴上（尚无已确认通过的省级条例）——{names}。",
        "publication_year": "{names}：只知公布年份（通过日期未确定），置于1月1日。",
        "open_markers": "空心标记：日期只精确到月、年或年代，置于该时期之初；悬停可见具体精度。",
        "axis_sources": "每个标记的来源编号见悬停。可信度：{confidence}。",
        "axis_table": "轴上全部内容（表格）",
        "date_as_given": "原始日期", "placed_at": "放置日期",
        "no_adoption": "派生指标 {name} 尚未生成，故不显示通过曲线和地图。",
        "counted_by_publication": " {names}按公布年份计（通过日期未确定）。",
        "none": "无",
        "curve_footer": "尚无已确认通过的省级条例——{names}。<br>由ETL从 {dataset} 派生（可信度：计算所得）。<br>{sources}",
        "curve_subtitle": "单位：省份，按通过年份计的各年末累计数。{note}",
        "map_caption": "{coverage} 点击地图上的播放，或在侧栏移动年份，可见截至当年哪些省份已有条例；颜色越深通过越早，"
                       "白色表示之后才通过，灰色表示尚未确认有条例（并不证明没有）。",
        "national_heading": "全国数据：法院失信名单、出行限制与名单数量",
        "national_intro": "最高人民法院及全国性报道给出的全国数字。各来源的计数单位不同（人、名、人次、机票、车次、名单），"
                          "故每种单位单独一栏，不同来源之间不连线。悬停可见来源原文、单位、来源编号和可信度。",
        "list_title": "法院失信被执行人名单，{first}–{last}",
        "bans_title": "失信被执行人限制乘机、乘车，{first}–{last}",
        "series_subtitle": "每种单位一栏；每个点保留来源的单位（悬停查看）。实心：来源原文数值；空心：二手或较低可信度。"
                           "空白处为无来源覆盖的时期。",
        "group_list_entries": "名单累计 [人、名或被执行人，依各来源计数]",
        "group_list_person_times": "名单累计 [人次]",
        "group_flow_defaulters": "当年新增与退出 [失信被执行人]",
        "group_flow_person_times": "当年新增与退出 [人次]",
        "group_complied": "迫于信用惩戒履行义务，累计 [被执行人]",
        "group_ban_purchases": "被限制购票，累计 [张、次或人次]",
        "group_ban_persons": "被限制人数 [人]",
        "reports": "{n}份报道",
        "series_spc_defaulter_list": "最高法失信被执行人名单",
        "series_spc_defaulters_added": "当年新增",
        "series_spc_credit_repairs": "当年经信用修复退出",
        "series_spc_complied_under_pressure": "迫于惩戒履行",
        "series_flight_bans": "乘机",
        "series_train_bans": "乘火车",
        "hover": "<b>{series}</b><br>{as_of}：{value_text} [{unit}]<br>来源：{source}（可信度：{confidence}）",
        "no_list_after": "{as_of}之后无已确认的名单累计规模；之后的数字为年度流量或不同口径。",
        "footer": "数据集 {dataset}；共引用{n_sources}个来源。可信度：{confidence}。",
        "as_of_year": "（全年）",
        "marker_exact": "来源原文数值", "marker_other": "二手或较低可信度",
        "end_of_year": "{year}年末",
        "totals_title": "名单有多少种：两个层级统计的黑名单与红名单种类",
        "totals_subtitle": "单位：名单种类（名单的种类，而非被列入的主体）。两个层级的范围和来源不同，故各用一条坐标轴。",
        "totals_provincial": "省级，各地合计",
        "totals_national": "国家级（针对企业的名单）",
        "totals_axis": "名单种类数",
        "list_blacklists": "黑名单", "list_redlists": "红名单",
        "fragments_title": "各省失信惩戒零散数据：单篇报道所列",
        "fragments_subtitle": "每项指标一栏，各有其单位和年份。{unvalued}条只有排名或定性表述、没有数字的记录列于下表，不绘图。",
        "figure12": "种子论文的图12（被列入黑名单者中企业、个人与政府机构的构成）未绘制：本项目的数据中没有按主体类型"
                    "逐年拆分的表。一篇早期报道提到首批提交名单中个人的数量（见表中该行说明）；没有来源统计政府机构。",
        "national_table": "全国数据表",
        "fragments_table": "全部零散数据，含没有数字的排名和表述",
        "not_built": "尚未生成，故不显示：{names}。请运行 `python -m etl` 重新生成。",
        "list_sep": "、", "parts_sep": "；", "coverage_note": "{unit}：{value}个。{note}",
        "col_lane": "泳道", "col_precision": "日期精度", "col_title_en": "英文标题", "col_title_zh": "中文标题",
        "col_detail": "文号与机关（原文）", "col_source_id": "来源编号", "col_confidence": "可信度",
        "precision_day": "精确到日", "precision_month": "精确到月", "precision_year": "精确到年",
        "precision_decade": "精确到年代",
        "ncol_series": "系列", "ncol_as_of": "时间（来源原文）", "ncol_date": "日期", "ncol_value": "数值",
        "ncol_value_qualifier": "数值限定", "ncol_value_text": "数值（来源原文）", "ncol_unit": "单位", "ncol_source_id": "来源编号",
        "ncol_confidence": "可信度", "ncol_note": "说明（原文）", "ncol_adcode": "行政区划代码", "ncol_province_zh": "省份",
        "ncol_year": "年份", "ncol_measure": "指标",
    },
}


# Texts inside the Timeline figures (``dashboard.figures.timeline``): axes, annotations, hovers, legends.
TIMELINE_FIGURE_WORDS = {
    "en": {
        "open_marker": "open marker: month, year or decade only",
        "curve_x": "year of adoption (end of year)",
        "curve_y": "provinces (cumulative)",
        "curve_hover": "<b>End of {year}: {adopted} of {total} provinces</b>",
        "curve_new": "New in {year}: {names}",
        "curve_none_new": "None new in {year}",
        "curve_all": "all {total} mainland provinces",
        "curve_by": "by {year}: {n} of {total}",
        "map_as_of": ", as of end of {year}",
        "map_subtitle": "Colour: year of adoption (darker = earlier). {n} of {total} provinces had adopted one by {year}.",
        "latest_year": "the latest year",
        "confidence": "Confidence: {levels}.",
        "absent": "No adopted regulation by {year}",
    },
    "zh": {
        "open_marker": "空心标记：日期只精确到月、年或年代",
        "curve_x": "通过年份（年末）",
        "curve_y": "省份（累计）",
        "curve_hover": "<b>{year}年末：{total}个省份中{adopted}个</b>",
        "curve_new": "{year}年新增：{names}",
        "curve_none_new": "{year}年无新增",
        "curve_all": "全部{total}个内地省份",
        "curve_by": "截至{year}年：{n}/{total}",
        "map_as_of": "（截至{year}年末）",
        "map_subtitle": "颜色：通过年份（越深越早）。截至{year}，{total}个省份中{n}个已通过本省条例。",
        "latest_year": "最近一年",
        "confidence": "可信度：{levels}。",
        "absent": "截至{year}年尚无已通过的条例",
    },
}

# Hover lines of the timeline's markers (``dashboard.domain.timeline``); the data's own notes stay as written.
TIMELINE_EVENT_WORDS = {
    "en": {
        "source": "Source: {id} · confidence: {confidence}{covers}",
        "doc_no": "Document no.: {doc_no}", "none_verified": "none verified",
        "issued_by": "Issued by: {issuer}", "date": "Date: {when}",
        "adopted_by": "Adopted by: {body}", "adopted": "Adopted: {adopted} · effective: {effective}",
        "not_established": "not established",
        "publication_year": "Dated only by publication year {year}; adoption date not established",
        "basis_year": "Dated only by {basis} year {year}",
        "date_by_basis": "{year} ({basis} year)", "basis_adoption": "adoption", "basis_publication": "publication",
        "when": "When: {when} ({precision})",
        "precision_month": "month only; placed at the start of the month",
        "precision_year": "year only; placed at the start of the year",
        "precision_decade": "decade only; placed at the start of the decade",
    },
    "zh": {
        "source": "来源：{id} · 可信度：{confidence}{covers}",
        "doc_no": "文号：{doc_no}", "none_verified": "未核实",
        "issued_by": "发文机关：{issuer}", "date": "日期：{when}",
        "adopted_by": "通过机关：{body}", "adopted": "通过：{adopted} · 施行：{effective}",
        "not_established": "未查明",
        "publication_year": "只知公布年份{year}年；通过日期未查明",
        "basis_year": "只知{basis}年份{year}年",
        "date_by_basis": "{year}（{basis}年份）", "basis_adoption": "通过", "basis_publication": "公布",
        "when": "时间：{when}（{precision}）",
        "precision_month": "只精确到月，置于该月之初",
        "precision_year": "只精确到年，置于该年之初",
        "precision_decade": "只精确到年代，置于该年代之初",
    },
}

# Why a province's regulation is not on the axis: the ``status`` of ``regulations_provincial`` (and its
# ``confidence_note``, which the English sentence quotes) in each language. ``{status} ({note}): {names}``.
TIMELINE_STATUS_WORDS = {
    "en": {
        "draft only": "draft only", "none found": "none found", "status not given": "status not given",
        "group": "{status}{note}: {names}", "note": " ({note})", "sep": "; ", "names_sep": ", ",
    },
    "zh": {
        "draft only": "仅有草案", "none found": "未找到", "status not given": "状态未注明",
        "group": "{status}{note}：{names}", "note": "（{note}）", "sep": "；", "names_sep": "、",
    },
}
