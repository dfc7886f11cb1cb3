"""Registry metadata declared once: defaults, licences by id and common columns."""

from __future__ import annotations

from etl.schema import Entry, Shared, resolve

SHARED = Shared.model_validate({
    "defaults": {"missing_reason": "not reported by source"},
    "licences": {"open": "Open licence"},
    "columns": {
        "source_id": {"type": "source", "required": True, "description": "Id of the source"},
        "note": {"type": "string", "description": "Note for analysts"},
    },
})
TABLE = {
    "kind": "table", "title": "T", "description": "D", "unit": "rows", "topic": "t", "sources": ["s"],
    "file": "t.csv", "licence": "open",
    "columns": {"name": {"type": "string"}, "confidence": {"type": "string"}},
}


def test_a_table_inherits_the_common_columns_after_its_own():
    resolved = resolve(TABLE, SHARED)
    assert list(resolved["columns"]) == ["name", "confidence", "source_id", "note"]
    assert resolved["columns"]["source_id"]["description"] == "Id of the source"
    assert resolved["missing_reason"] == "not reported by source"
    Entry.model_validate(resolved)


def test_an_empty_column_table_places_a_common_column_and_a_key_overrides_it():
    columns = {"source_id": {}, "name": {"type": "string"}, "note": {"description": "Why"}}
    resolved = resolve(TABLE | {"columns": columns}, SHARED)
    assert list(resolved["columns"]) == ["source_id", "name", "note"]
    assert resolved["columns"]["source_id"]["type"] == "source"
    assert resolved["columns"]["note"] == {"type": "string", "description": "Why"}


def test_common_columns_limits_what_a_table_inherits():
    resolved = resolve(TABLE | {"common_columns": ["source_id"]}, SHARED)
    assert "note" not in resolved["columns"]


def test_an_entry_value_wins_over_the_defaults():
    resolved = resolve(TABLE | {"missing_reason": "list not published"}, SHARED)
    assert resolved["missing_reason"] == "list not published"
