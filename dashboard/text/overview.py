"""Labels of the first screen, the Overview page (English, Chinese)."""

from __future__ import annotations

OVERVIEW_WORDS = {
    "en": {
        "title": "China's social credit systems, region by region",
        "thesis": "Beijing plans; the provinces legislate. Each province's own regulation decides which lists, "
                  "punishments and rights its social credit system has: a shared core, and local choices at the margins.",
        "regulations_value": "{n} of {total}", "regulations_label": "provinces have passed their own social credit "
                                                                   "regulation ({first}–{last})",
        "shared_value": "{all} of {n}", "shared_label": "provisions are in every provincial regulation; {few} are in "
                                                        "fewer than half",
        "areas_value": "{n}", "areas_label": "demonstration cities and districts named in the known batches, "
                                             "in {provinces} provinces",
        "scores_value": "at least {n}", "scores_label": "city credit-score schemes for residents (a list that is not "
                                                        "exhaustive)",
        "open": "Open the page", "source": "Sources",
        "matrix_title": "What each provincial regulation provides for, in order of adoption",
        "how": "Every number on this dashboard comes from a cited source: the Sources & data page lists them, with "
               "confidence labels. Missing values are shown as missing, never as zero.",
    },
    "zh": {
        "title": "中国社会信用体系：分地区看",
        "thesis": "中央规划，地方立法。各省自己的条例决定其社会信用体系设哪些名单、惩戒与权利：共同核心之外，各地在边缘处自行取舍。",
        "regulations_value": "{n}/{total}", "regulations_label": "个省级行政区已通过本地社会信用条例（{first}–{last}年）",
        "shared_value": "{all}/{n}", "shared_label": "项制度规定为所有省级条例共有；{few}项不到半数条例具备",
        "areas_value": "{n}", "areas_label": "个示范城市（区）见于已知批次，分布在{provinces}个省级行政区",
        "scores_value": "至少{n}", "scores_label": "个面向居民的城市信用分（名单并不完整）",
        "open": "打开页面", "source": "来源",
        "matrix_title": "各省条例的规定（按通过时间排列）",
        "how": "本看板每个数字均有出处，见“来源与数据”页（含可信度标注）。缺失值显示为缺失，绝不记为零。",
    },
}
