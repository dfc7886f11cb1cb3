"""Labels of the Fragmentation page and its figures (English, Chinese)."""

from __future__ import annotations

FRAGMENTATION_WORDS = {
    "en": {
        "play": "Play", "pause": "Pause",
        "left_out_intro": "No spread is computed for {count} indicator(s) whose values are a sample, not the "
                          "provinces: a Gini, coefficient of variation or top-3 share among the few provinces a "
                          "source chose to name (its top five, say) describes the source's choice, not how the "
                          "provinces differ. A spread needs values for at least {minimum} of {total} provinces "
                          "(two thirds). Left out:",
        "left_out_item": "{title}: {n} of {total} provinces",
        "left_out_note": " ({note})",
        "left_out_heading": "Left out: values for too few provinces",
    },
    "zh": {
        "play": "播放", "pause": "暂停",
        "left_out_intro": "以下{count}项指标的数值只是样本而非全部省份，故不计算差异：在来源选择列出的少数省份（如前五名）"
                          "之间计算基尼系数、变异系数或前三名占比，反映的是来源的选择，而非各省之间的差异。"
                          "计算差异需要{total}个省份中至少{minimum}个（三分之二）有数值。未计算：",
        "left_out_item": "{title}：{total}个省份中{n}个有数值",
        "left_out_note": "（{note}）",
        "left_out_heading": "未计算：有数值的省份太少",
    },
}
