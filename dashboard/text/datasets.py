"""Words of the Sources & data page's table of datasets and of its full sources table (English, Chinese)."""

from __future__ import annotations

DATASET_WORDS = {
    "en": {
        "heading": "Datasets · 数据集",
        "caption": "{n} datasets. Select a row (or choose a dataset in the sidebar) to show its description, "
                   "every source it cites, its licence and the provenance of its raw file below. Click a column "
                   "header to sort; the table's search icon finds any word.",
        "pick": "Select a dataset in the table above, or in the sidebar, to see its sources and provenance here.",
        "present_item": "{title} (`{name}`) · {coverage}",
        "show_all": "Show the full sources table ({n} sources)",
        "show_all_help": "The table is long; the search above finds a source without it, and the download "
                         "below has every source.",
        "origin_link": "site",
    },
    "zh": {
        "heading": "数据集 · Datasets",
        "caption": "共{n}个数据集。选择一行（或在侧栏选择数据集），即可在下方查看其说明、引用的全部来源、许可及原始文件的来历。"
                   "点击列标题可排序；表格的搜索图标可查找任意词。",
        "pick": "在上表或侧栏中选择一个数据集，即可在此查看其来源与来历。",
        "present_item": "{title}（`{name}`）· {coverage}",
        "show_all": "显示完整来源表（共{n}条来源）",
        "show_all_help": "此表较长；无需展开即可用上方搜索查找来源，下方下载文件包含全部来源。",
        "origin_link": "网站",
    },
}

# Column headers of the table of datasets, by column id.
DATASET_HEADER_WORDS = {
    "en": {"title": "Dataset", "dataset": "Id", "topic": "Topic", "coverage": "Coverage", "sources": "Sources",
           "confidence": "Confidence", "licence": "Licence", "accessed": "Accessed", "origin": "Origin"},
    "zh": {"title": "数据集", "dataset": "编号", "topic": "主题", "coverage": "覆盖范围", "sources": "来源数",
           "confidence": "可信度", "licence": "许可", "accessed": "访问日期", "origin": "原始网址"},
}
