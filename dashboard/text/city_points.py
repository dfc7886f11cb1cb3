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
