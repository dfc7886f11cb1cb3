"""Registry metadata declared once: defaults, licences by id and common columns."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from etl.__main__ import main
from etl.build import build
from etl.document import Shared, resolve
from etl.issues import ValidationFailed
from etl.provenance import canonical_checksum, read_all, sidecar_path
from etl.registry import load_registry_and_shared
from etl.schema import Entry
from tests.conftest import REPO_REGISTRY, quiet

LICENCES = set(load_registry_and_shared(REPO_REGISTRY)[1].licences)

SHARED = Shared.model_validate({
    "defaults": {"missing_reason": "not reported by source"},
    "licences": {"open": "Open licence"},
    "columns": {
        "source_id": {"type": "source", "required": True, "description": "Id of the source"},
        "note": {"type": "string", "description": "Note for analysts"},
    },
})
TABLE = {
    "kind": "table", "title": "T", "description": "D", "description_zh": "说明", "unit": "rows", "topic": "t", "sources": ["s"],
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


# ----------------------------------------------------------------------------- provenance sidecars


def _population(raw: Path) -> Path:
    return raw / "population_2020.csv"


def test_a_changed_raw_file_stops_the_etl_naming_the_file_and_the_stamp_command(raw_copy, out_copy):
    path = _population(raw_copy)
    path.write_text(path.read_text(encoding="utf-8").replace("Guangdong,126012510,", "Guangdong,126012511,", 1),
                    encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        build(raw_copy, out_copy, progress=quiet)
    message = str(failure.value)
    assert "population_2020.csv: its content changed since its checksum was recorded in population_2020.meta.toml" in message
    assert "python -m etl --stamp population_2020" in message


def test_a_bom_and_crlf_copy_matches_the_recorded_checksum(raw_copy):
    path = _population(raw_copy)
    data = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    assert canonical_checksum(path.read_bytes()) == canonical_checksum(data)
    _, issues = read_all(raw_copy, LICENCES)
    assert [i for i in issues if i.file.startswith("population_2020")] == []


def test_a_raw_file_without_a_sidecar_is_an_error_naming_it(raw_copy, out_copy):
    sidecar_path(_population(raw_copy)).unlink()
    with pytest.raises(ValidationFailed) as failure:
        build(raw_copy, out_copy, progress=quiet)
    assert "population_2020.csv: has no provenance file population_2020.meta.toml" in str(failure.value)


def test_an_unknown_sidecar_key_is_named_with_file_and_line(raw_copy):
    path = sidecar_path(_population(raw_copy))
    path.write_text(path.read_text(encoding="utf-8") + 'acessed = ["2020-01-01"]\n', encoding="utf-8")
    _, issues = read_all(raw_copy, LICENCES)
    problem = next(i for i in issues if i.file == path.name)
    assert problem.column == "acessed" and "unknown key" in problem.message
    assert problem.row == len(path.read_text(encoding="utf-8").splitlines())


def test_stamp_records_an_intended_change_and_the_build_then_passes(raw_copy, out_copy, capsys):
    path = _population(raw_copy)
    path.write_text(path.read_text(encoding="utf-8").replace("Guangdong,126012510,", "Guangdong,126012511,", 1),
                    encoding="utf-8")
    assert main(["--raw", str(raw_copy), "--stamp", "population_2020"]) == 0
    sidecar = tomllib.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert sidecar["sha256"] == canonical_checksum(path.read_bytes())
    assert sidecar["stamped"] == dt.date.today().isoformat()
    assert "# Provenance of population_2020.csv" in sidecar_path(path).read_text(encoding="utf-8")  # comments kept
    build(raw_copy, out_copy, progress=quiet)
    catalogue = pd.read_parquet(out_copy / "catalogue.parquet").set_index("name")
    assert catalogue.at["population_2020", "sha256"] == sidecar["sha256"]
    assert catalogue.at["population_2020", "licence_id"] == "public_statistics"
