"""Sentences about the demonstration-area batches (English, Chinese); used by
``dashboard.domain.batches.batch_coverage`` on every page that counts demonstration areas."""

from __future__ import annotations

BATCH_WORDS = {
    "en": {
        "full": "batches {numbers} in full", "full_one": "batch {numbers} in full",
        "partial": "{known} of the {areas} members of {batch}", "partial_unknown": "{known} members of {batch}",
        "batch": "batch {batch}", "details": " ({bits})", "bit_year": "{year}", "bit_unknown": "size not established",
        "bit_size": "{areas} areas", "bits_sep": ", ",
        "includes": "Includes {parts}.", "none": "No demonstration areas are listed.",
        "gap_rest": "the other {rest} members of batch {batch}", "gap_rest_unknown": "the other members of batch {batch}",
        "gap_absent": "the members of {batch}",
        "not_established": " Not established: {gaps}. So every count here is 'at least': a place without a point "
                           "may still be a demonstration area.",
        "no_meta": " Whether other batches exist is not shown here.",
    },
    "zh": {
        "full": "第{numbers}批（完整）", "full_one": "第{numbers}批（完整）",
        "partial": "{batch}{areas}个成员中的{known}个", "partial_unknown": "{batch}的{known}个成员",
        "batch": "第{batch}批", "details": "（{bits}）", "bit_year": "{year}年", "bit_unknown": "规模未确定",
        "bit_size": "{areas}个示范区", "bits_sep": "，",
        "includes": "收录：{parts}。", "none": "未列出任何示范城市（区）。",
        "gap_rest": "第{batch}批其余{rest}个成员", "gap_rest_unknown": "第{batch}批其余成员",
        "gap_absent": "{batch}的成员",
        "not_established": "尚未查明：{gaps}。因此此处每个计数都是“至少”：没有标点的地方仍可能是示范城市（区）。",
        "no_meta": "此处不显示是否还有其他批次。",
    },
}
