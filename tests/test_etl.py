"""The ETL end to end: round trip, incremental rebuilds, refusal of bad input, CLI, crashes.

Every test works on private copies of one snapshot of ``data/raw`` (see conftest.py), so it
can break inputs freely. Only ``population_2020`` and the reference files are assumed to
exist; other datasets are checked generically from whatever the registry declares.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pytest

import etl.outputs
import etl.tables
from etl.build import build, read_metadata
from etl.issues import Issue, ValidationFailed
from etl.provenance import stamp
from etl.provinces import load_resolver
from etl.readers import LINE, read_csv_strict
from etl.registry import load_registry
from etl.validate import validate_frame
from tests.conftest import ROOT, hash_tree, quiet

POPULATION = "population_2020.csv"
GUANGDONG = "440000"
OUT_OF_SCOPE = {"710000", "810000", "820000"}


# ----------------------------------------------------------------------------- helpers


def registry_of(raw: Path):
    datasets, issues = load_registry(raw.parent / "registry.toml")
    assert issues == []
    return datasets


def in_scope_adcodes(raw: Path) -> set[str]:
    provinces = pd.read_csv(raw / "provinces.csv", dtype=str, keep_default_na=False)
    return set(provinces.loc[provinces["in_scope"] == "true", "adcode"])


def read_raw(raw: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(raw / name, dtype=str, keep_default_na=False)


def line_of(path: Path, prefix: str) -> int:
    """Line number (1-based, as an editor shows it) of the first line starting with ``prefix``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starting with {prefix!r} in {path.name}")


def rewrite(path: Path, change: Callable[[str], str]) -> None:
    """Edit a raw file as a maintainer does: change it, then record the change (``--stamp``)."""
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the edit did not change the file"
    path.write_bytes(changed.encode("utf-8"))
    stamp(path.parent, path.stem)


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} not in the file"
        return text.replace(old, new, 1)

    return change


def find_issue(
    issues: list[Issue], file: str, row: int | None, column: str | None, text: str = ""
) -> Issue:
    for issue in issues:
        if (issue.file, issue.row, issue.column) == (file, row, column) and text in issue.message:
            return issue
    listing = "\n".join(map(str, issues))
    raise AssertionError(
        f"no issue for {file}, row {row}, column {column!r} mentioning {text!r}; got:\n{listing}"
    )


def build_must_fail(raw: Path, out: Path) -> list[Issue]:
    """Run the build, expect ValidationFailed, and check the output folder is untouched."""
    before = hash_tree(out)
    assert before, "the output folder should hold a previous build"
    with pytest.raises(ValidationFailed) as caught:
        build(raw, out, progress=quiet)
    assert hash_tree(out) == before, "a failed build changed the output folder"
    assert caught.value.issues
    return caught.value.issues


# ----------------------------------------------------------------------------- round trip


def test_population_round_trip(built_out, raw_snapshot):
    frame = pd.read_parquet(built_out / "population_2020.parquet")
    assert len(frame) == 31
    assert set(frame["adcode"]) == in_scope_adcodes(raw_snapshot)
    assert frame["adcode"].is_unique
    assert frame["value"].notna().all()
    assert frame.set_index("adcode").at[GUANGDONG, "value"] == 126012510
    assert frame["value"].sum() == 1409778724
    assert (frame["year"] == 2020).all()
    assert frame.set_index("adcode").at[GUANGDONG, "province_en"] == "Guangdong"
    assert frame.set_index("adcode").at[GUANGDONG, "province_zh"] == "广东省"
    # The row has no confidence of its own, so the source's default is filled in.
    assert (frame["confidence"] == "exact from source").all()
    assert (frame["source_id"] == "nbs_census7_communique3").all()


def test_population_parquet_matches_the_raw_file_row_by_row(built_out, raw_snapshot):
    resolver = load_resolver(raw_snapshot)
    raw = read_raw(raw_snapshot, POPULATION)
    expected = {
        resolver.resolve(p): float(v) for p, v in zip(raw["province"], raw["value"], strict=True)
    }
    frame = pd.read_parquet(built_out / "population_2020.parquet")
    assert dict(zip(frame["adcode"], frame["value"].astype(float), strict=True)) == expected


def test_every_province_indicator_round_trips(built_out, raw_snapshot):
    resolver = load_resolver(raw_snapshot)
    in_scope = in_scope_adcodes(raw_snapshot)
    datasets = [d for d in registry_of(raw_snapshot).values() if d.kind == "province_indicator"]
    assert "population_2020" in {d.name for d in datasets}
    for dataset in datasets:
        raw = read_raw(raw_snapshot, str(dataset.file))
        frame = pd.read_parquet(built_out / f"{dataset.name}.parquet")
        assert set(frame["adcode"]) == in_scope, dataset.name
        given = set()
        for row in raw.to_dict("records"):
            code = resolver.resolve(row["province"])
            given.add(code)
            year = int(row["year"]) if row["year"] else None
            match = frame[
                (frame["adcode"] == code)
                & (frame["year"].isna() if year is None else frame["year"] == year)
            ]
            assert len(match) == 1, (dataset.name, row)
            out = match.iloc[0]
            if row["value"]:
                assert out["value"] == pytest.approx(float(row["value"])), (dataset.name, row)
            else:
                assert pd.isna(out["value"]) and out["missing_reason"] == row["missing_reason"], (
                    dataset.name,
                    row,
                )
        filled = frame[~frame["adcode"].isin(given)]
        assert filled["value"].isna().all(), dataset.name
        assert (filled["missing_reason"] == dataset.missing_reason).all(), dataset.name


def test_every_table_keeps_every_row(built_out, raw_snapshot):
    for dataset in registry_of(raw_snapshot).values():
        if dataset.kind != "table":
            continue
        raw = read_raw(raw_snapshot, str(dataset.file))
        frame = pd.read_parquet(built_out / f"{dataset.name}.parquet")
        assert len(frame) == len(raw), dataset.name
        assert LINE not in frame.columns
        for column in dataset.columns.values():
            if column.type == "province":
                assert {"adcode", "province_en", "province_zh"} <= set(frame.columns), dataset.name
                assert not set(frame["adcode"].dropna()) & OUT_OF_SCOPE, dataset.name
            else:
                assert column.name in frame.columns, (dataset.name, column.name)
        if dataset.geocode:
            assert frame[["place_adcode", "lon", "lat"]].notna().all().all(), dataset.name


def test_every_field_has_a_description(built_out, raw_snapshot):
    names = [*registry_of(raw_snapshot), "indicators"]
    for name in names:
        schema = pq.read_schema(built_out / f"{name}.parquet")
        undescribed = [
            f.name for f in schema if not (f.metadata or {}).get(b"description", b"").strip()
        ]
        assert undescribed == [], name


def test_population_field_descriptions_and_metadata(built_out, raw_snapshot):
    schema = pq.read_schema(built_out / "population_2020.parquet")
    descriptions = {f.name: f.metadata[b"description"].decode() for f in schema}
    assert descriptions["value"] == "Value in persons"
    assert "GB/T 2260" in descriptions["adcode"]
    metadata = read_metadata(built_out / "population_2020.parquet")
    dataset = registry_of(raw_snapshot)["population_2020"]
    assert metadata["name"] == "population_2020"
    assert metadata["title"] == dataset.title
    assert metadata["unit"] == "persons"
    assert [s["source_id"] for s in metadata["sources_detail"]] == ["nbs_census7_communique3"]


def test_indicators_table(built_out, raw_snapshot):
    registry = registry_of(raw_snapshot)
    in_scope = in_scope_adcodes(raw_snapshot)
    indicators = pd.read_parquet(built_out / "indicators.parquet")
    assert set(indicators["indicator"]) == {n for n, d in registry.items() if d.is_province_level}
    assert not set(indicators["adcode"]) & OUT_OF_SCOPE
    for name, rows in indicators.groupby("indicator"):
        dataset = registry[name]
        assert set(rows["adcode"]) == in_scope, name
        assert (rows["unit"] == dataset.unit).all(), name
        assert rows["is_latest"].sum() == 31, name
        assert set(rows.loc[rows["is_latest"], "adcode"]) == in_scope, name
        assert rows.loc[rows["is_latest"], "adcode"].is_unique, name
        time_series = (
            dataset.kind == "derived" and dataset.method == "count" and dataset.time_column
        )
        if dataset.kind == "province_indicator":
            raw = read_raw(raw_snapshot, str(dataset.file))
            time_series = (
                raw["province"].map(load_resolver(raw_snapshot).resolve).duplicated().any()
            )
        if time_series:
            # Besides the latest values, one value per province as of each year.
            as_of = rows[~rows["is_latest"]]
            assert as_of["year"].notna().all(), name
            assert (as_of.groupby("year").size() == 31).all(), name
        else:
            assert len(rows) == 31, name
            assert rows["adcode"].is_unique, name


def test_indicators_carry_the_population_values(built_out):
    indicators = pd.read_parquet(built_out / "indicators.parquet")
    population = pd.read_parquet(built_out / "population_2020.parquet")
    mine = indicators[indicators["indicator"] == "population_2020"].set_index("adcode")["value"]
    assert len(mine) == 31
    assert mine.sum() == 1409778724
    assert (
        mine.sort_index().astype(float).to_dict()
        == population.set_index("adcode")["value"].astype(float).to_dict()
    )


def test_reference_outputs(built_out, raw_snapshot):
    provinces = pd.read_parquet(built_out / "provinces.parquet")
    assert len(provinces) == 34
    assert provinces["in_scope"].sum() == 31
    assert set(provinces.loc[~provinces["in_scope"], "adcode"]) == OUT_OF_SCOPE
    sources = pd.read_parquet(built_out / "sources.parquet")
    assert sources["source_id"].is_unique
    assert len(sources) == len(read_raw(raw_snapshot, "sources.csv"))
    layer = gpd.read_parquet(built_out / "boundaries.geoparquet")
    assert sorted(layer["adcode"]) == sorted(provinces["adcode"])
    assert layer.geometry.is_valid.all()


def test_manifest_describes_every_output(built_out):
    manifest = json.loads((built_out / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["outputs"].items():
        path = built_out / entry["file"]
        assert path.exists(), name
        if path.suffix == ".parquet":
            assert pq.read_metadata(path).num_rows == entry["rows"], name


# ----------------------------------------------------------------------------- incremental


def test_second_build_rebuilds_nothing_and_changes_no_byte(raw_copy, out_copy):
    before = hash_tree(out_copy)
    report = build(raw_copy, out_copy, progress=quiet)
    assert report.built == []
    assert "population_2020" in report.unchanged and "indicators" in report.unchanged
    assert hash_tree(out_copy) == before


def test_first_build_builds_everything_and_leaves_no_temporary(first_build, raw_snapshot):
    out, report = first_build
    assert report.unchanged == []
    expected = {"provinces", "sources", "boundaries", "indicators", *registry_of(raw_snapshot)}
    assert expected <= set(report.built)
    files = set(hash_tree(out))
    assert not [name for name in files if Path(name).name.startswith(".tmp-")]
    assert {"manifest.json", "provinces.geojson", "boundaries.json"} <= files


def test_editing_population_rebuilds_only_population_and_indicators(raw_copy, out_copy):
    before = hash_tree(out_copy)
    rewrite(raw_copy / POPULATION, replace_once("Guangdong,126012510,", "Guangdong,126012511,"))
    report = build(raw_copy, out_copy, progress=quiet)
    assert report.built == ["population_2020", "catalogue", "indicators"]
    after = hash_tree(out_copy)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    # The catalogue shows each raw file's recorded checksum, so it follows the stamp.
    assert changed == {"population_2020.parquet", "indicators.parquet", "catalogue.parquet", "manifest.json"}
    population = pd.read_parquet(out_copy / "population_2020.parquet").set_index("adcode")
    assert population.at[GUANGDONG, "value"] == 126012511
    indicators = pd.read_parquet(out_copy / "indicators.parquet")
    row = indicators[
        (indicators["indicator"] == "population_2020") & (indicators["adcode"] == GUANGDONG)
    ]
    assert row["value"].tolist() == [126012511]
    # And the next run is quiet again.
    assert build(raw_copy, out_copy, progress=quiet).built == []


def test_check_reports_stale_outputs_and_writes_nothing(raw_copy, out_copy):
    rewrite(raw_copy / POPULATION, replace_once("Guangdong,126012510,", "Guangdong,126012511,"))
    before = hash_tree(out_copy)
    report = build(raw_copy, out_copy, check=True, progress=quiet)
    assert report.checked_only
    assert report.built == ["population_2020", "catalogue", "indicators"]
    assert hash_tree(out_copy) == before


# ----------------------------------------------------------------------------- bad input


def _drop_column(name: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        rows = [line.split(",") for line in text.splitlines()]
        index = rows[0].index(name)
        return "\n".join(",".join(r[:index] + r[index + 1 :]) for r in rows) + "\n"

    return change


def _year(year: int) -> Callable[[str], str]:
    return replace_once("Beijing,21893095,2020,", f"Beijing,21893095,{year},")


BAD_POPULATION = [
    pytest.param(
        replace_once("Tianjin,", "Atlantis,"),
        "Atlantis,",
        "province",
        "Atlantis",
        id="unknown-province",
    ),
    pytest.param(
        replace_once("Tianjin,", "Beijing,"),
        "Beijing,13866009",
        "province",
        "duplicate",
        id="duplicate-key",
    ),
    pytest.param(
        replace_once("Tianjin,", "北京市,"),
        "北京市,",
        "province",
        "duplicate",
        id="duplicate-key-other-spelling",
    ),
    pytest.param(
        replace_once("Tianjin,13866009,", "Tianjin,-13866009,"),
        "Tianjin,",
        "value",
        "minimum",
        id="negative",
    ),
    pytest.param(
        replace_once("Tianjin,13866009,", "Tianjin,12a,"),
        "Tianjin,",
        "value",
        "'12a' is not a whole number",  # population is a count
        id="non-numeric",
    ),
    pytest.param(
        replace_once("Tianjin,13866009,", 'Tianjin,"13,866,009",'),
        "Tianjin,",
        "value",
        "thousands separators",
        id="thousands-separators",
    ),
    pytest.param(
        replace_once("Tianjin,13866009,", "Tianjin,,"),
        "Tianjin,",
        "missing_reason",
        "missing_reason is required",
        id="empty-value-without-reason",
    ),
    pytest.param(_year(1985), "Beijing,", "year", "1985", id="year-1985"),
    pytest.param(
        _year(dt.date.today().year + 1),
        "Beijing,",
        "year",
        str(dt.date.today().year + 1),
        id="next-year",
    ),
    pytest.param(
        replace_once(
            "Beijing,21893095,2020,nbs_census7_communique3,", "Beijing,21893095,2020,nbs_census8,"
        ),
        "Beijing,",
        "source_id",
        "nbs_census8",
        id="unknown-source",
    ),
    pytest.param(
        lambda text: text + "Hong Kong,7474200,2020,nbs_census7_communique3,,,\n",
        "Hong Kong,",
        "province",
        "Hong Kong",
        id="hong-kong",
    ),
    pytest.param(
        lambda text: text + "澳门,,2020,nbs_census7_communique3,,not reported by source,\n",
        "澳门,",
        "province",
        "Macao",
        id="macao-even-without-a-value",
    ),
    pytest.param(
        replace_once(
            "Beijing,21893095,2020,nbs_census7_communique3,,",
            "Beijing,21893095,2020,nbs_census7_communique3,sure,",
        ),
        "Beijing,",
        "confidence",
        "sure",
        id="unknown-confidence-label",
    ),
]


@pytest.mark.parametrize(("change", "line_prefix", "column", "text"), BAD_POPULATION)
def test_bad_cell_is_refused_with_file_row_and_column(
    raw_copy, out_copy, change, line_prefix, column, text
):
    path = raw_copy / POPULATION
    rewrite(path, change)
    row = line_of(path, line_prefix)
    issues = build_must_fail(raw_copy, out_copy)
    issue = find_issue(issues, POPULATION, row, column, text)
    # The message a maintainer reads names the place the same way.
    assert str(issue).startswith(f"{POPULATION}, row {row}, column '{column}': ")


def test_duplicate_key_names_both_rows(raw_copy, out_copy):
    rewrite(raw_copy / POPULATION, replace_once("Tianjin,", "Beijing,"))
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, POPULATION, 2, "province", "duplicate")
    find_issue(issues, POPULATION, 3, "province", "duplicate")


BAD_FILES = [
    pytest.param(
        lambda data: data.replace(b"Tianjin", b"Tian\xffjin", 1),
        3,
        None,
        "UTF-8",
        id="invalid-utf8",
    ),
    pytest.param(lambda data: b"", None, None, "empty", id="empty-file"),
    pytest.param(
        lambda data: data.split(b"\n")[0] + b"\n", None, None, "no rows", id="header-only"
    ),
    pytest.param(
        lambda data: _drop_column("missing_reason")(data.decode()).encode(),
        1,
        "missing_reason",
        "missing",
        id="missing-column",
    ),
    pytest.param(
        lambda data: data.replace(b"Tianjin,13866009", b"Tianjin,13,866009", 1),
        3,
        None,
        "fields",
        id="ragged-row",
    ),
    pytest.param(
        lambda data: data.replace(b"note\n", b"note,extra\n", 1),
        1,
        "extra",
        "not declared",
        id="undeclared-column",
    ),
]


@pytest.mark.parametrize(("change", "row", "column", "text"), BAD_FILES)
def test_bad_file_is_refused_with_file_and_row(raw_copy, out_copy, change, row, column, text):
    path = raw_copy / POPULATION
    data = path.read_bytes()
    path.write_bytes(change(data))
    assert path.read_bytes() != data
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, POPULATION, row, column, text)


def test_every_problem_in_one_file_is_reported_at_once(raw_copy, out_copy):
    path = raw_copy / POPULATION
    rewrite(path, replace_once("Tianjin,13866009,", "Tianjin,-1,"))
    rewrite(path, replace_once("Hebei,", "Atlantis,"))
    rewrite(
        path,
        replace_once("Shanxi,34915616,2020,nbs_census7_communique3", "Shanxi,34915616,1985,nosuch"),
    )
    rewrite(path, lambda text: text + "Taiwan,23000000,2020,nbs_census7_communique3,,,\n")
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, POPULATION, line_of(path, "Tianjin,"), "value", "minimum")
    find_issue(issues, POPULATION, line_of(path, "Atlantis,"), "province", "Atlantis")
    find_issue(issues, POPULATION, line_of(path, "Shanxi,"), "year", "1985")
    find_issue(issues, POPULATION, line_of(path, "Shanxi,"), "source_id", "nosuch")
    find_issue(issues, POPULATION, line_of(path, "Taiwan,"), "province", "Taiwan")


def test_problems_in_several_files_are_reported_at_once(raw_copy, out_copy):
    rewrite(raw_copy / POPULATION, replace_once("Tianjin,", "Atlantis,"))
    sources = raw_copy / "sources.csv"
    rewrite(sources, replace_once(",official text,2021-05-11,", ",official text,2021-13-11,"))
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, POPULATION, 3, "province", "Atlantis")
    find_issue(
        issues,
        "sources.csv",
        line_of(sources, "nbs_census7_communique3,"),
        "published",
        "2021-13-11",
    )


def test_row_numbers_count_blank_lines_and_multi_line_cells(raw_copy, out_copy):
    path = raw_copy / POPULATION
    rewrite(
        path,
        replace_once(
            "Beijing,21893095,2020,nbs_census7_communique3,,,",
            'Beijing,21893095,2020,nbs_census7_communique3,,,"two\nlines"\n',
        ),
    )
    rewrite(path, replace_once("Tianjin,", "Atlantis,"))
    assert line_of(path, "Atlantis,") == 5  # header, Beijing (2 lines), blank line, then this row
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, POPULATION, 5, "province", "Atlantis")


def test_alias_naming_two_units_is_refused(raw_copy, out_copy):
    rewrite(raw_copy / "province_aliases.csv", lambda text: text + "Shan-xi Province,610000,test\n")
    issues = build_must_fail(raw_copy, out_copy)
    find_issue(issues, "province_aliases.csv", None, "alias", "names both")


# Parsing of the cells that make ``build`` crash today (see the report): checked here at
# the level where the issue is produced.


def _population_frame(raw: Path, tmp_path: Path, change: Callable[[str], str]):
    path = tmp_path / POPULATION
    path.write_text(change((raw / POPULATION).read_text(encoding="utf-8")), encoding="utf-8")
    frame, problems = read_csv_strict(path, list(etl.tables.INDICATOR_COLUMNS_TYPED))
    assert problems == []
    resolver = load_resolver(raw)
    source_ids = set(read_raw(raw, "sources.csv")["source_id"])
    return validate_frame(
        frame,
        etl.tables.INDICATOR_COLUMNS_TYPED,
        file=POPULATION,
        resolver=resolver,
        source_ids=source_ids,
        key=("province", "year"),
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [("12a", "'12a' is not a number"), ("13,866,009", "remove thousands separators")],
)
def test_non_numeric_value_is_an_issue_at_its_cell(raw_snapshot, tmp_path, value, text):
    cell = f'"{value}"' if "," in value else value
    _, issues = _population_frame(
        raw_snapshot, tmp_path, replace_once("Tianjin,13866009,", f"Tianjin,{cell},")
    )
    find_issue(issues, POPULATION, 3, "value", text)


# ----------------------------------------------------------------------------- crashes


def test_crash_mid_write_leaves_the_old_set_and_no_staging(raw_copy, out_copy, monkeypatch):
    before = hash_tree(out_copy)
    rewrite(raw_copy / POPULATION, replace_once("Guangdong,126012510,", "Guangdong,126012511,"))
    real = etl.outputs.write_parquet
    calls: list[Path] = []

    def crash_after_first(path, table):
        calls.append(Path(path))
        if len(calls) > 1:
            raise RuntimeError("simulated crash")
        real(path, table)

    monkeypatch.setattr(etl.outputs, "write_parquet", crash_after_first)
    with pytest.raises(RuntimeError, match="simulated crash"):
        build(raw_copy, out_copy, progress=quiet)
    assert [p.name for p in calls] == ["population_2020.parquet", "catalogue.parquet"]
    # The new files went to a staging folder beside the output, never into it.
    assert all(p.parent != out_copy for p in calls)
    assert hash_tree(out_copy) == before
    assert sorted(p.name for p in out_copy.parent.iterdir() if p.name.startswith(".processed.staging")) == []
    # The manifest was not updated, so the next run finishes the job.
    monkeypatch.undo()
    assert build(raw_copy, out_copy, progress=quiet).built == ["population_2020", "catalogue", "indicators"]
    indicators = pd.read_parquet(out_copy / "indicators.parquet")
    assert 126012511 in indicators["value"].tolist()


def test_crash_inside_a_write_leaves_the_old_set(raw_copy, out_copy, monkeypatch):
    before = hash_tree(out_copy)
    rewrite(raw_copy / POPULATION, replace_once("Guangdong,126012510,", "Guangdong,126012511,"))

    def half_then_crash(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(etl.outputs.pq, "write_table", half_then_crash)
    with pytest.raises(OSError, match="disk full"):
        build(raw_copy, out_copy, progress=quiet)
    assert hash_tree(out_copy) == before
    for path in out_copy.glob("*.parquet"):
        pq.read_table(path)


# ----------------------------------------------------------------------------- CLI


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_check_exits_zero_and_writes_nothing(raw_copy, out_copy, tmp_path):
    rewrite(raw_copy / POPULATION, replace_once("Guangdong,126012510,", "Guangdong,126012511,"))
    raw_before, out_before = hash_tree(raw_copy.parent), hash_tree(out_copy)
    result = run_cli("--raw", raw_copy, "--out", out_copy, "--check")
    assert result.returncode == 0, result.stderr
    assert "All inputs are valid" in result.stdout
    assert "population_2020" in result.stdout and "indicators" in result.stdout
    assert hash_tree(out_copy) == out_before
    assert hash_tree(raw_copy.parent) == raw_before
    fresh = tmp_path / "never-written"
    result = run_cli("--raw", raw_copy, "--out", fresh, "--check")
    assert result.returncode == 0, result.stderr
    assert not fresh.exists()


def test_cli_bad_input_exits_one_and_names_file_row_column(raw_copy, out_copy):
    rewrite(raw_copy / POPULATION, replace_once("Tianjin,", "Atlantis,"))
    before = hash_tree(out_copy)
    for extra in ([], ["--check"]):
        result = run_cli("--raw", raw_copy, "--out", out_copy, *extra)
        assert result.returncode == 1, (extra, result.stdout, result.stderr)
        assert f"{POPULATION}, row 3, column 'province'" in result.stderr
        assert "Atlantis" in result.stderr
        assert "nothing was written" in result.stderr
        assert "Traceback" not in result.stderr
        assert hash_tree(out_copy) == before


def test_cli_build_with_nothing_to_do(raw_copy, out_copy):
    before = hash_tree(out_copy)
    result = run_cli("--raw", raw_copy, "--out", out_copy)
    assert result.returncode == 0, result.stderr
    assert "Nothing to rebuild" in result.stdout
    assert hash_tree(out_copy) == before
