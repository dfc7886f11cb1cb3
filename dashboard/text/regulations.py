"""Labels of the Regulations page (English, Chinese)."""

from __future__ import annotations

# ------------------------------------------------------------------ the Regulations page

REGULATION_WORDS = {
    "en": {
        "title": "Regulations", "sidebar_header": "Regulations",
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
        "articles_header": "articles", "not_applicable": "n/a",
        "col_regulation": "Regulation", "col_jurisdiction": "Code", "col_item": "Item id", "col_label": "Item",
        "col_present": "Provides for it", "col_articles": "Articles", "col_value": "Value", "col_coding": "Coding",
        "col_note": "Note", "col_source_id": "Source id", "col_confidence": "Confidence",
        "present_yes": "yes", "present_no": "no (whole text read)",
        "coding_agreed": "coders agreed", "coding_reconciled": "reconciled", "coding_recoded": "recoded",
    },
    "zh": {
        "title": "社会信用条例", "sidebar_header": "条例",
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
        "articles_header": "条款", "not_applicable": "无定义",
        "col_regulation": "条例", "col_jurisdiction": "代码", "col_item": "项目编号", "col_label": "项目",
        "col_present": "是否有规定", "col_articles": "条款", "col_value": "数值", "col_coding": "编码情况",
        "col_note": "说明（英文）", "col_source_id": "来源编号", "col_confidence": "可信度",
        "present_yes": "有", "present_no": "无（已通读全文）",
        "coding_agreed": "编码一致", "coding_reconciled": "经核对统一", "coding_recoded": "重新编码",
    },
}
