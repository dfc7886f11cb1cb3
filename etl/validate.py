"""Turn a raw string table into a typed, checked table, or say exactly what is wrong.

Two passes: each cell is parsed by its declared type (so a bad cell gets one precise
message), then a pandera schema built from the registry checks the typed table
(required cells, allowed values, ranges, unique keys).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from etl.issues import Issue
from etl.provinces import ProvinceResolver, UnknownProvinceError
from etl.readers import LINE
from etl.registry import Column

FIRST_YEAR = 1990
# re.ASCII: \d is 0-9 only; full-width digits are turned into ASCII by NFKC first.
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
_INTEGER = re.compile(r"^-?\d+$", re.ASCII)
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
_SCIENTIFIC = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)[eE][-+]?\d+$", re.ASCII)
SCIENTIFIC_HINT = (
    "scientific notation is not accepted (Excel shows big numbers that way): format the column "
    "as Number with 0 decimals and re-save, or type the number in full"
)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def current_year() -> int:
    """This year, the upper bound for every year and date in the data."""
    return dt.date.today().year


def _plain(text: str) -> str:
    """Full-width digits, minus signs and dashes (as a Chinese IME types them) as ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def _numeral(text: str, pattern: re.Pattern, separated: str, what: str) -> str:
    """``text`` as a plain ASCII numeral matching ``pattern``, or an error a maintainer can act on."""
    text = _plain(text)
    if _SCIENTIFIC.match(text):
        raise ValueError(f"{text!r} is not {what} as written: {SCIENTIFIC_HINT}")
    if not pattern.match(text):
        hint = " (remove thousands separators)" if re.fullmatch(separated, text) else ""
        raise ValueError(f"{text!r} is not {what}{hint}")
    return text


def _parse_integer(text: str) -> int:
    return int(_numeral(text, _INTEGER, r"-?\d{1,3}(,\d{3})+", "a whole number"))


def _parse_number(text: str) -> float:
    return float(_numeral(text, _NUMBER, r"-?\d{1,3}(,\d{3})+(\.\d+)?", "a number"))


def _parse_count(text: str) -> float:
    """A count: a whole number as written, stored as a float beside other values."""
    return float(_parse_integer(text))


def _parse_boolean(text: str) -> bool:
    lowered = _plain(text).casefold()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false")


def _parse_year(text: str) -> int:
    year = _parse_integer(text)
    if not FIRST_YEAR <= year <= current_year():
        raise ValueError(f"year {year} is outside {FIRST_YEAR} to {current_year()}")
    return year


def _parse_date(text: str) -> str:
    text = _plain(text)
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if not FIRST_YEAR <= int(year) <= current_year():
        raise ValueError(f"date {text} is outside {FIRST_YEAR} to {current_year()}")
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None
    return text


_PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "integer": (_parse_integer, "Int64"),
    "number": (_parse_number, "Float64"),
    "count": (_parse_count, "Float64"),
    "boolean": (_parse_boolean, "boolean"),
    "year": (_parse_year, "Int64"),
    "date": (_parse_date, "string"),
    "string": (str, "string"),
    "source": (str, "string"),
    "province": (str, "string"),
}


def _schema(columns: dict[str, Column]) -> pa.DataFrameSchema:
    specs = {}
    for column in columns.values():
        checks = []
        if column.allowed is not None:
            checks.append(pa.Check.isin(list(column.allowed)))
        if column.min is not None:
            checks.append(pa.Check.ge(column.min))
        if column.max is not None:
            checks.append(pa.Check.le(column.max))
        dtype = "string" if column.type == "province" else _PARSERS[column.type][1]
        specs[column.name] = pa.Column(dtype, checks=checks, nullable=not column.required)
    return pa.DataFrameSchema(specs)


def _duplicates(typed: pd.DataFrame, key: tuple[str, ...], lines: list[int], file: str) -> list[Issue]:
    """Each row whose key another row also has, naming the other rows' lines."""
    if not key:
        return []
    keys = typed[list(key)]
    issues = []
    for _, group in keys[keys.duplicated(keep=False)].groupby(list(key), dropna=False, sort=False):
        rows = [lines[int(i)] for i in group.index]
        values = ", ".join(f"{c}={v!r}" for c, v in zip(key, group.iloc[0].tolist(), strict=True))
        for row in rows:
            others = ", ".join(str(r) for r in rows if r != row)
            issues.append(Issue(file, row, key[0], f"duplicate key ({values}): row {others} has the same"))
    return issues


def _describe(check: str, failure: object, column: Column | None) -> str:
    if check == "not_nullable":
        return "value is required but the cell is empty"
    if check.startswith("isin") and column is not None:
        return f"{failure!r} is not one of: {', '.join(map(str, column.allowed or ()))}"
    if check.startswith("greater_than_or_equal_to"):
        return f"{failure!r} is below the minimum {column.min if column else ''}".strip()
    if check.startswith("less_than_or_equal_to"):
        return f"{failure!r} is above the maximum {column.max if column else ''}".strip()
    return f"{failure!r} fails check {check}"


def validate_frame(
    frame: pd.DataFrame,
    columns: dict[str, Column],
    *,
    file: str,
    resolver: ProvinceResolver,
    source_ids: set[str],
    key: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, list[Issue]]:
    """Parse and check a raw table against its declared columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        Raw strings from :func:`etl.readers.read_csv_strict`, with the line column.
    columns : dict of str to Column
        The declared columns.
    file : str
        File name used in the issues.
    resolver : ProvinceResolver
        Resolves ``province`` columns to adcodes.
    source_ids : set of str
        Known source ids.
    key : tuple of str
        Columns whose combination must be unique.

    Returns
    -------
    typed : pandas.DataFrame
        Typed table; a ``province`` column holds adcodes. Only meaningful when there
        are no issues.
    issues : list of Issue
    """
    lines = frame[LINE].tolist()
    typed, issues, unparsable = _parse_cells(frame, columns, file, resolver, source_ids)
    issues += _schema_issues(typed, columns, lines, file, unparsable)
    issues += _duplicates(typed, key, lines, file)
    issues += _out_of_scope(typed, columns, lines, file, resolver)
    typed[LINE] = lines
    return typed, issues


def _parse_cell(cell: str, column: Column, resolver: ProvinceResolver, source_ids: set[str]) -> object:
    if column.type == "province":
        return resolver.resolve(cell)
    if column.type == "source":
        if cell not in source_ids:
            raise ValueError(f"source id {cell!r} is not in sources.csv")
        return cell
    return _PARSERS[column.type][0](cell)


def _parse_cells(
    frame: pd.DataFrame, columns: dict[str, Column], file: str, resolver: ProvinceResolver, source_ids: set[str]
) -> tuple[pd.DataFrame, list[Issue], set[tuple[int, str]]]:
    """Each cell parsed by its column's type; one issue per cell that does not parse."""
    lines = frame[LINE].tolist()
    issues: list[Issue] = []
    typed = pd.DataFrame(index=frame.index)
    unparsable: set[tuple[int, str]] = set()
    for name, column in columns.items():
        values: list[object] = []
        for position, cell in enumerate(frame[name].tolist() if name in frame else [pd.NA] * len(frame)):
            if cell is pd.NA or cell is None:
                values.append(pd.NA)
                continue
            try:
                values.append(_parse_cell(cell, column, resolver, source_ids))
            except (ValueError, UnknownProvinceError) as error:
                issues.append(Issue(file, lines[position], name, str(error)))
                unparsable.add((position, name))
                values.append(pd.NA)
        dtype = "string" if column.type == "province" else _PARSERS[column.type][1]
        typed[name] = pd.Series(values, index=frame.index, dtype=dtype)
    return typed, issues, unparsable


def _schema_issues(
    typed: pd.DataFrame, columns: dict[str, Column], lines: list[int], file: str, unparsable: set[tuple[int, str]]
) -> list[Issue]:
    """The pandera checks (required, allowed, ranges), skipping cells already reported."""
    try:
        _schema(columns).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        issues = []
        for case in errors.failure_cases.to_dict("records"):
            column_name = case.get("column")
            index = case.get("index")
            position = int(index) if index is not None and not pd.isna(index) else None
            if position is not None and (position, column_name) in unparsable:
                continue
            column = columns.get(column_name) if isinstance(column_name, str) else None
            line = lines[position] if position is not None else None
            issues.append(Issue(file, line, column_name, _describe(str(case["check"]), case["failure_case"], column)))
        return issues
    return []


def _out_of_scope(
    typed: pd.DataFrame, columns: dict[str, Column], lines: list[int], file: str, resolver: ProvinceResolver
) -> list[Issue]:
    """Hong Kong, Macao and Taiwan never get a value."""
    outside = set(resolver.table.index[resolver.table["in_scope"] != "true"])
    issues = []
    for name, column in columns.items():
        if column.type != "province":
            continue
        for position, code in enumerate(typed[name].tolist()):
            if code in outside:
                message = f"{resolver.table.at[code, 'name_en']} is outside the mainland SCS and never gets a value"
                issues.append(Issue(file, lines[position], name, message))
    return issues
