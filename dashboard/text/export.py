"""Words of the static site baked by ``python -m export`` (index and figure pages), both languages."""

EXPORT_WORDS = {
    "en": {
        "title": "China's social credit systems, region by region: every figure",
        "intro": "Every figure of the dashboard as a standalone page, with the rows it draws (CSV) and slide "
                 "images (PNG, SVG). Each figure names its sources and the date they were read; the CSV gives "
                 "every row's source id and confidence. Missing values are empty, never zero.",
        "other_language": "中文",
        "built": "Baked from the processed data of code version {version}.",
        "figures": "{n} figures",
        "rows": "{n} rows in the CSV",
        "coverage": "values for {n} of {total} provinces",
        "view": "Open",
        "index": "All figures",
        "csv": "Rows shown (CSV)",
        "cited": "Sources cited",
    },
    "zh": {
        "title": "中国社会信用体系：分地区视图（全部图表）",
        "intro": "仪表板的每一幅图表均为独立页面，并附所绘数据（CSV）和幻灯片图片（PNG、SVG）。每幅图注明来源及查阅日期；"
                 "CSV 给出每行的来源编号和可信度。缺失值为空，绝不记为零。",
        "other_language": "English",
        "built": "由代码版本 {version} 的处理后数据生成。",
        "figures": "{n} 幅图表",
        "rows": "CSV 共 {n} 行",
        "coverage": "{total} 个省份中 {n} 个有数值",
        "view": "打开",
        "index": "全部图表",
        "csv": "所示数据（CSV）",
        "cited": "所引来源",
    },
}
