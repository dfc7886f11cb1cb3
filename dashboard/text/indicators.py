"""Words around province-level indicators that are not data (normaliser labels come from the registry)."""

PER_WORDS = {
    "en": {"absolute": "Absolute"},
    "zh": {"absolute": "绝对值"},
}
