"""The words of the one figure footer (``dashboard.domain.indicators.source_line``), both languages."""

FOOTER_WORDS = {
    "en": {
        "source": "Source: ",
        "sources": "Sources: ",
        "group": "{n} texts at {host} ({years})",
        "group_undated": "{n} texts at {host}",
        "separator": "; ",
        "stop": ".",
        "data_date": "Data: sources read up to {date} (latest access date of the sources cited).",
        "none": "Source: none cited.",
        "coding": "Coded twice, independently, by this project from the official texts (agreement on the "
                  "Regulations page).",
    },
    "zh": {
        "source": "来源：",
        "sources": "来源：",
        "group": "{host} 所载文本 {n} 件（{years}）",
        "group_undated": "{host} 所载文本 {n} 件",
        "separator": "；",
        "stop": "。",
        "data_date": "数据日期：所引来源的最近查阅日期为 {date}。",
        "none": "来源：无。",
        "coding": "本项目依官方文本双人独立编码（一致性见“条例”页）。",
    },
}
