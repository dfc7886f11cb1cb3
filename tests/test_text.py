"""The one text module: wrapping, missing values, names, escaping."""

from __future__ import annotations

import pandas as pd

from dashboard.text import (
    as_text,
    bilingual,
    escape_html,
    escape_markdown,
    join_words,
    name_pair,
    wrap,
)


def test_wrap_counts_chinese_as_double_width_and_keeps_line_breaks():
    assert wrap("aaaa bbbb cccc", 9) == "aaaa bbbb<br>cccc"
    assert wrap("中文中文 abcd", 9) == "中文中文<br>abcd"
    assert wrap("one<br>two three", 5) == "one<br>two<br>three"
    assert wrap("aaa bbb ccc<br>ddd", 7) == "aaa bbb<br>ccc<br>ddd"
    assert wrap("上海市社会", 6) == "上海市<br>社会"


def test_wrap_breaks_long_lines_under_the_width():
    lines = wrap("short<br>" + "word " * 60, 50).split("<br>")
    assert lines[0] == "short"
    assert len(lines) > 2
    assert all(len(line) <= 50 for line in lines)


def test_missing_values_become_the_empty_text():
    for missing in (None, float("nan"), pd.NA):
        assert as_text(missing) == ""
        assert as_text(missing, "—") == "—"
    assert as_text(0) == "0"
    assert as_text([1, 2]) == "[1, 2]"


def test_bilingual_and_name_pairs_follow_the_language():
    assert bilingual("Compare", "比较") == "Compare · 比较"
    assert bilingual("Compare", "比较", "zh") == "比较 · Compare"
    assert name_pair("杭州市", "Hangzhou") == "Hangzhou 杭州市"
    assert name_pair("杭州市", "Hangzhou", "zh") == "杭州市 Hangzhou"
    assert name_pair(None, "Hangzhou") == "Hangzhou"
    assert join_words(["a", "", "b", "c"]) == "a, b and c"


def test_escaping_makes_markdown_and_html_inert():
    hostile = "![t](http://evil.example.com/p.png) [x](http://evil.example.com) <img src=x> <script>"
    assert escape_markdown(hostile) == f"`{hostile}`"  # a code span: Markdown interprets nothing in it
    assert escape_markdown("a `b` c") == "``a `b` c``"
    assert escape_markdown("`x") == "`` `x ``"
    assert escape_markdown(None) == ""
    assert escape_markdown("costs $5 *now*", keep_links=True) == "costs \\$5 \\*now\\*"
    assert escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_swapped_pairs_give_the_other_languages_order():
    from dashboard.text import name_pair, swapped_pairs

    for zh, en in (("内蒙古自治区", "Inner Mongolia"), ("杭州市", "Hangzhou")):
        assert name_pair(zh, en, "zh") in swapped_pairs(name_pair(zh, en, "en"))
        assert name_pair(zh, en, "en") in swapped_pairs(name_pair(zh, en, "zh"))
    assert swapped_pairs("Beijing") == ["Beijing"]


def test_chinese_count_writes_wan_and_yi_exactly():
    from dashboard.text import chinese_count

    assert [chinese_count(v) for v in (0, 800, 15_000, 2_500_000, 15_000_000, 250_000_000)] == \
        ["0", "800", "1.5万", "250万", "1500万", "2.5亿"]
    assert chinese_count(0.25) == "0.25"


def test_sentences_join_with_a_space_in_english_and_none_in_chinese():
    from dashboard.text import sentences

    assert sentences("Unit: areas.", "", "Values for 5 of 31.") == "Unit: areas. Values for 5 of 31."
    assert sentences("单位：示范区。", "31个中5个有数值。", lang="zh") == "单位：示范区。31个中5个有数值。"
