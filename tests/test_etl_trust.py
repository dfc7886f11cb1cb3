"""The ETL never silently changes what the input says, and every mistake is a message.

Each case runs the command line (in-process through ``etl.__main__.main``, or as a real
subprocess where the process itself matters) on private copies of the inputs and of a
built output folder, and asserts the exit code, the message a maintainer reads (file,
line or entry, column) and that the output folder did not change by one byte. The
variants Excel and WPS legitimately save must give byte-identical data.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from etl.__main__ import main
from tests.conftest import ROOT, hash_tree

POPULATION = "population_2020.csv"
REGISTRY = "registry.toml"


def run(capsys: pytest.CaptureFixture, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(capsys, raw: Path, out: Path, *expected: str) -> str:
    """Run the ETL, expect exit 1 with every ``expected`` text, and an untouched output."""
    before = hash_tree(out)
    code, _, err = run(capsys, "--raw", raw, "--out", out)
    assert code == 1, err
    assert "nothing was written" in err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, f"{text!r} not in:\n{err}"
    assert hash_tree(out) == before, "a refused run changed the output folder"
    return err


def edit_bytes(path: Path, change: Callable[[bytes], bytes]) -> None:
    data = path.read_bytes()
    changed = change(data)
    assert changed != data, "the edit did not change the file"
    path.write_bytes(changed)


def edit(path: Path, old: str, new: str) -> None:
    edit_bytes(path, lambda data: _replace(data.decode("utf-8"), old, new).encode("utf-8"))


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the file"
    return text.replace(old, new, 1)


def line_of(path: Path, prefix: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starting with {prefix!r} in {path.name}")


# ----------------------------------------------------------------------------- CSV structure


def _unterminated_quote(data: bytes) -> bytes:
    lines = data.split(b"\n")
    assert lines[1].endswith(b","), "line 2 should end in an empty note"
    lines[1] += b'"oops'
    return b"\n".join(lines)


def _swallowing_quote(data: bytes) -> bytes:
    # The quote opened on line 2 is closed by a stray quote on line 5: rows 3 and 4 vanish
    # into one note unless the reader notices.
    lines = data.split(b"\n")
    lines[1] += b'"oops'
    lines[4] = lines[4][:-1] + b'"'
    return b"\n".join(lines)


CSV_STRUCTURE = [
    pytest.param(_unterminated_quote, "row 2: a quoted field starts on line 2 and is never closed", id="unterminated-quote"),
    pytest.param(_swallowing_quote, "row 2: a quoted field runs from line 2 to line 5", id="quote-swallows-rows"),
    pytest.param(
        lambda d: d.replace(b"Tianjin,13866009", b"Tianjin,13,866009", 1), "row 3: row has 8 fields, the header has 7",
        id="too-many-fields",
    ),
    pytest.param(
        lambda d: d.replace(b"Tianjin,13866009,2020,", b"Tianjin,13866009,", 1), "row 3: row has 6 fields", id="too-few-fields"
    ),
    pytest.param(lambda d: d.replace(b"Tianjin", b"Tian\x00jin", 1), "row 3: contains a NUL byte", id="nul-byte"),
    pytest.param(
        lambda d: d.replace(b"Tianjin,13866009,2020,nbs_census7_communique3,,,",
                            b'Tianjin,13866009,2020,nbs_census7_communique3,,,"' + b"x" * (csv.field_size_limit() + 1) + b'"', 1),
        f"row 3: a cell is longer than {csv.field_size_limit()} characters", id="cell-over-field-limit",
    ),
    pytest.param(
        lambda d: d.replace(b"Tianjin,", b'"Tian"jin,', 1), "row 3: stray quote", id="stray-quote"
    ),
    pytest.param(
        lambda d: (d.decode("utf-8") + "澳门,,2020,nbs_census7_communique3,,not reported by source,\n").encode("gbk"),
        "row 33: not valid UTF-8 (byte", id="gbk",
    ),
    pytest.param(
        lambda d: (d.decode("utf-8") + "澳门,,2020,nbs_census7_communique3,,not reported by source,\n").encode("gb18030"),
        "row 33: not valid UTF-8", id="gb18030",
    ),
]


@pytest.mark.parametrize(("change", "text"), CSV_STRUCTURE)
def test_csv_structure_problem_is_an_error_naming_file_and_line(capsys, raw_copy, out_copy, change, text):
    edit_bytes(raw_copy / POPULATION, change)
    refused(capsys, raw_copy, out_copy, f"{POPULATION}, {text}")


def test_gbk_message_says_how_to_resave(capsys, raw_copy, out_copy):
    edit_bytes(raw_copy / POPULATION, lambda d: d.decode("utf-8").encode("gb18030") + "澳门\n".encode("gb18030"))
    refused(capsys, raw_copy, out_copy, "GBK/GB18030", "Save As", "CSV UTF-8")


def test_unterminated_quote_is_a_clean_exit_one_in_a_real_process(raw_copy, out_copy):
    edit_bytes(raw_copy / POPULATION, _unterminated_quote)
    before = hash_tree(out_copy)
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--raw", str(raw_copy), "--out", str(out_copy)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    assert f"{POPULATION}, row 2: a quoted field starts on line 2" in result.stderr
    assert "Traceback" not in result.stderr
    assert hash_tree(out_copy) == before


# ----------------------------------------------------------------------------- what Excel saves


def _bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _bom_crlf(data: bytes) -> bytes:
    return _bom(_crlf(data))


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        (POPULATION, _bom),
        (POPULATION, _crlf),
        (POPULATION, _bom_crlf),
        ("sources.csv", _bom_crlf),  # on main a BOM here blocked every build
        ("demonstration_areas.csv", _bom_crlf),
        ("provinces.csv", _bom),
    ],
    ids=["population-bom", "population-crlf", "population-bom-crlf", "sources-bom-crlf", "table-bom-crlf", "provinces-bom"],
)
def test_what_excel_saves_gives_identical_data(capsys, raw_copy, out_copy, name, variant):
    before = hash_tree(out_copy)
    edit_bytes(raw_copy / name, variant)
    code, out, err = run(capsys, "--raw", raw_copy, "--out", out_copy)
    assert "Rebuilt" in out  # the raw bytes changed, so the outputs were really rebuilt
    assert code == 0, err
    after = hash_tree(out_copy)
    # Every data file is byte-identical; only the manifest's record of the raw bytes differs.
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


def test_crlf_inside_a_multi_line_cell_gives_the_same_text(capsys, raw_copy, out_copy):
    path = raw_copy / POPULATION
    edit(path, "Beijing,21893095,2020,nbs_census7_communique3,,,", 'Beijing,21893095,2020,nbs_census7_communique3,,,"two\nlines"')
    assert run(capsys, "--raw", raw_copy, "--stamp", path.stem)[0] == 0
    assert run(capsys, "--raw", raw_copy, "--out", out_copy)[0] == 0
    plain = hash_tree(out_copy)
    edit_bytes(path, _crlf)
    code, out, _ = run(capsys, "--raw", raw_copy, "--out", out_copy)
    assert code == 0 and "Rebuilt" in out
    windows = hash_tree(out_copy)
    for name in ("population_2020.parquet", "indicators.parquet"):
        assert plain[name] == windows[name]
    note = pd.read_parquet(out_copy / "population_2020.parquet").set_index("adcode").at["110000", "note"]
    assert note == "two\nlines"


# ----------------------------------------------------------------------------- numbers and dates


def test_scientific_notation_count_is_refused_with_a_hint(capsys, raw_copy, out_copy):
    path = raw_copy / POPULATION
    edit(path, "Beijing,21893095,", "Beijing,2.19E+07,")
    row = line_of(path, "Beijing,")
    refused(
        capsys, raw_copy, out_copy,
        f"{POPULATION}, row {row}, column 'value': '2.19E+07' is not a whole number as written",
        "format the column as Number with 0 decimals and re-save",
    )


def test_scientific_notation_is_refused_in_a_number_column(capsys, raw_copy, out_copy):
    path = raw_copy / "gdp_2020.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    line = path.read_text(encoding="utf-8").splitlines()[1]
    cells = line.split(",")
    value = header.split(",").index("value")
    cells[value] = "3.6E+04"
    edit(path, line, ",".join(cells))
    refused(capsys, raw_copy, out_copy, "gdp_2020.csv, row 2, column 'value': '3.6E+04'", "scientific notation")


def test_count_with_a_decimal_point_is_refused(capsys, raw_copy, out_copy):
    edit(raw_copy / POPULATION, "Beijing,21893095,", "Beijing,21893095.5,")
    refused(capsys, raw_copy, out_copy, f"{POPULATION}, row 2, column 'value': '21893095.5' is not a whole number")


def test_full_width_date_is_stored_as_iso(capsys, raw_copy, out_copy):
    path = raw_copy / "national_documents.csv"
    text = path.read_text(encoding="utf-8")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    iso = next(d for d in frame["date"] if len(d) == 10)
    full_width = iso.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    path.write_text(text.replace(f",{iso},", f",{full_width},", 1), encoding="utf-8")
    assert run(capsys, "--raw", raw_copy, "--stamp", path.stem)[0] == 0
    before = pd.read_parquet(out_copy / "national_documents.parquet")
    code, _, err = run(capsys, "--raw", raw_copy, "--out", out_copy)
    assert code == 0, err
    after = pd.read_parquet(out_copy / "national_documents.parquet")
    assert after["date"].tolist() == before["date"].tolist()
    assert full_width not in after["date"].tolist()


def test_other_unicode_digits_are_refused(capsys, raw_copy, out_copy):
    # Arabic-Indic digits are digits to Python's \d and int(), but not a date anyone meant.
    edit(raw_copy / POPULATION, "Beijing,21893095,2020,", "Beijing,21893095,٢٠٢٠,")
    refused(capsys, raw_copy, out_copy, f"{POPULATION}, row 2, column 'year'")


# ----------------------------------------------------------------------------- metadata


def _registry(raw: Path) -> Path:
    return raw.parent / REGISTRY


def _header_line(raw: Path, header: str) -> int:
    return line_of(_registry(raw), header)


def _key_line(raw: Path, header: str, key: str) -> int:
    lines = _registry(raw).read_text(encoding="utf-8").splitlines()
    start = lines.index(header)
    for number in range(start + 1, len(lines)):
        if lines[number].startswith(f"{key} ") or lines[number].startswith(f"{key}="):
            return number + 1
    raise AssertionError(f"no {key} under {header}")


def test_unclosed_quote_in_registry_names_line_and_column(capsys, raw_copy, out_copy):
    line = _key_line(raw_copy, "[datasets.population_2020]", "title")
    edit(_registry(raw_copy), 'title = "Resident population, 2020 census"', 'title = "Resident population, 2020 census')
    refused(capsys, raw_copy, out_copy, f"{REGISTRY}, line {line}: not valid TOML at column 42")


def test_registry_with_a_bom_is_a_message(capsys, raw_copy, out_copy):
    edit_bytes(_registry(raw_copy), _bom)
    refused(capsys, raw_copy, out_copy, f"{REGISTRY}, line 1: column 1: the file starts with a UTF-8 byte-order mark")


def test_missing_registry_is_a_message(capsys, raw_copy, out_copy):
    _registry(raw_copy).unlink()
    refused(capsys, raw_copy, out_copy, f"{REGISTRY}: the registry file does not exist")


# (old, new, entry, message, header of the line, key on the line or None for the header)
REGISTRY_MISTAKES = [
    pytest.param(
        'where = { batch = [1, 2, 3, 4] }', 'where = { batches = [1, 2, 3, 4] }',
        "demonstration_areas_per_province.where.batches", "'batches' is not a column of 'demonstration_areas'",
        "[datasets.demonstration_areas_per_province]", "where", id="where-undeclared-column",
    ),
    pytest.param(
        'from = "demonstration_areas"\nmethod = "count"\nwhere = { batch = [1, 2, 3, 4] }\ntime_column = "year"',
        'from = "demonstration_areas"\nmethod = "count"\nwhere = { batch = [1, 2, 3, 4] }\ntime_column = "years"',
        "demonstration_areas_per_province.time_column", "'years' is not a column of 'demonstration_areas'",
        "[datasets.demonstration_areas_per_province]", "time_column", id="time-column-undeclared",
    ),
    pytest.param(
        'from = "regulations_provincial"', 'from = "regulations_provincal"',
        "regulation_adoption_year.from", "'regulations_provincal' is not declared",
        "[datasets.regulation_adoption_year]", "from", id="from-missing-table",
    ),
    pytest.param(
        'from = "regulations_provincial"', 'from = "population_2020"',
        "regulation_adoption_year.from", "'population_2020' is a province_indicator",
        "[datasets.regulation_adoption_year]", "from", id="from-not-a-table",
    ),
    pytest.param(
        "[datasets.demonstration_areas.columns.batch]\ntype = \"integer\"\nrequired = true\n"
        "description = \"Batch number of the national programme\"\nmin = 1",
        "[datasets.demonstration_areas.columns.batch]\ntype = \"integer\"\nrequired = true\n"
        "description = \"Batch number of the national programme\"\nmin = \"0\"",
        "demonstration_areas.columns.batch.min", "Input should be a valid number (got '0')",
        "[datasets.demonstration_areas.columns.batch]", "min", id="min-as-string",
    ),
    pytest.param(
        'sources = ["nbs_census7_communique3"]', 'sources = ["no_such_source"]',
        "population_2020.sources", "source id 'no_such_source' (item 1) is not in sources.csv",
        "[datasets.population_2020]", "sources", id="unknown-source-id",
    ),
    pytest.param(
        'sources = ["nbs_census7_communique3"]', 'sources = "nbs_census7_communique3"',
        "population_2020.sources", "Input should be a valid list",
        "[datasets.population_2020]", "sources", id="sources-as-string",
    ),
    pytest.param(
        'geocode = { name = "name_zh", province = "province", parent = "parent_zh" }',
        'geocode = { name = "name_zh", province = "province", parent = "parent_zh", county = "name_en" }',
        "demonstration_areas.geocode.county", "unknown key",
        "[datasets.demonstration_areas]", "geocode", id="undeclared-geocode-key",
    ),
    pytest.param(
        'geocode = { name = "name_zh", province = "province", parent = "parent_zh" }',
        'geocode = { name = "name_zh", province = "province", parent = "parent" }',
        "demonstration_areas.geocode.parent", "'parent' is not a declared column",
        "[datasets.demonstration_areas]", "geocode", id="geocode-parent-undeclared-column",
    ),
    pytest.param(
        'origin = "Hand-transcribed from the NBS Seventh',
        'missing_reasons = "x"\norigin = "Hand-transcribed from the NBS Seventh',
        "population_2020.missing_reasons", "unknown key",
        "[datasets.population_2020]", "missing_reasons", id="undeclared-key",
    ),
    pytest.param(
        'licence = "public_statistics"\n', 'licence = "Public government statistics"\n',
        "population_2020.licence", "'Public government statistics' is not an id in [licences]",
        "[datasets.population_2020]", "licence", id="licence-not-an-id",
    ),
    pytest.param(
        'common_columns = ["source_id", "confidence"]', 'common_columns = ["source_id", "confidance"]',
        "national_documents.common_columns", "'confidance' (item 2) is not a column of [columns]",
        "[datasets.national_documents]", "common_columns", id="common-column-unknown",
    ),
    pytest.param(
        'normalise = []                              #', 'normalize = []                              #',
        "defaults.normalize", "unknown key", "[defaults]", "normalize", id="defaults-unknown-key",
    ),
    pytest.param(
        'file = "population_2020.csv"', 'file = "../../README.md"',
        "population_2020.file", "'../../README.md' must be a plain file name in the raw folder",
        "[datasets.population_2020]", "file", id="file-outside-raw",
    ),
    pytest.param(
        'file = "population_2020.csv"', 'file = "/etc/passwd.csv"',
        "population_2020.file", "'/etc/passwd.csv' must be a plain file name in the raw folder",
        "[datasets.population_2020]", "file", id="file-absolute",
    ),
    pytest.param(
        'kind = "province_indicator"\ntitle = "Resident population, 2020 census"',
        'kind = "province_indicators"\ntitle = "Resident population, 2020 census"',
        "population_2020.kind", "Input should be 'province_indicator', 'table' or 'derived'",
        "[datasets.population_2020]", "kind", id="unknown-kind",
    ),
]


@pytest.mark.parametrize(("old", "new", "entry", "message", "header", "key"), REGISTRY_MISTAKES)
def test_registry_mistake_is_a_message_with_entry_and_line(capsys, raw_copy, out_copy, old, new, entry, message, header, key):
    edit(_registry(raw_copy), old, new)
    line = _key_line(raw_copy, header, key) if key else _header_line(raw_copy, header)
    refused(capsys, raw_copy, out_copy, f"{REGISTRY}, line {line}, entry '{entry}': {message}")


def test_every_registry_mistake_is_reported_at_once(capsys, raw_copy, out_copy):
    registry = _registry(raw_copy)
    chosen = [p for p in REGISTRY_MISTAKES if p.id in ("where-undeclared-column", "from-missing-table",
                                                       "min-as-string", "unknown-source-id", "file-outside-raw")]
    for param in chosen:
        edit(registry, *param.values[:2])
    err = refused(capsys, raw_copy, out_copy, *(f"entry '{p.values[2]}': {p.values[3]}" for p in chosen))
    assert err.startswith(f"{len(chosen)} problem(s)")


def test_duplicate_source_id_names_both_lines(capsys, raw_copy, out_copy):
    path = raw_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[3]]) + "\n", encoding="utf-8")
    source = lines[3].split(",")[0]
    last = len(lines) + 1
    refused(
        capsys, raw_copy, out_copy,
        f"sources.csv, row 4, column 'source_id': duplicate key (source_id='{source}'): row {last} has the same",
        f"sources.csv, row {last}, column 'source_id': duplicate key (source_id='{source}'): row 4 has the same",
    )


def test_metadata_and_data_mistakes_in_the_reference_files_come_together(capsys, raw_copy, out_copy):
    edit(_registry(raw_copy), 'sources = ["nbs_census7_communique3"]', 'sources = ["no_such_source"]')
    edit(raw_copy / "sources.csv", ",official text,2021-05-11,", ",official text,2021-13-11,")
    refused(capsys, raw_copy, out_copy, "population_2020.sources", "sources.csv, row", "2021-13-11")
