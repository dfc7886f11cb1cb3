"""Legend and base-map words of the Cities point map (``dashboard.figures.cities``), both languages."""

CITY_POINT_WORDS = {
    "en": {
        "mainland": "Mainland province",
        "selected": "Selected province",
        "batch": "Demonstration areas, batch {batch}{year} ({n})",
        "scores": "City credit-score systems ({n})",
        "cameras_one": "CCTV estimates, {n} city (measure population)",
        "cameras_many": "CCTV estimates, {n} cities (measure population)",
    },
    "zh": {
        "mainland": "内地省级行政区",
        "selected": "所选省级行政区",
        "batch": "示范城市（区），第{batch}批{year}（{n}）",
        "scores": "城市信用分（{n}）",
        "cameras_one": "监控摄像头估计，{n}个城市（反映人口）",
        "cameras_many": "监控摄像头估计，{n}个城市（反映人口）",
    },
}

# Hover popups and table cells of the Cities points (``dashboard.domain.cities``).
CITY_HOVER_WORDS = {
    "en": {
        "under": "{level}, under {parent}",
        "area": "Demonstration area, batch {batch}; announced {date}",
        "score": "Score system: {name}",
        "form": "Form: {form}; launched {date}",
        "source": "Source: {ids} (confidence: {confidence})",
        "no_date": "date not established",
        "cameras": "Estimated CCTV cameras: {n}",
        "population": "City population 2025 (Comparitech): {n}",
        "caveat": "Caveat: {caveat}.",
        "kind_area": "Demonstration area",
        "kind_score": "City score system",
        "batch": "Batch {batch}",
        "not_established": "not established",
    },
    "zh": {
        "under": "{level}，隶属{parent}",
        "area": "示范城市（区），第{batch}批；公布于{date}",
        "score": "信用分：{name}",
        "form": "形式：{form}；上线于{date}",
        "source": "来源：{ids}（可信度：{confidence}）",
        "no_date": "日期未查明",
        "cameras": "监控摄像头估计数：{n}",
        "population": "2025年城市人口（Comparitech）：{n}",
        "caveat": "注意：{caveat}。",
        "kind_area": "示范城市（区）",
        "kind_score": "城市信用分",
        "batch": "第{batch}批",
        "not_established": "未查明",
    },
}
