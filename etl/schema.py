"""The declared schema of ``registry.toml``, and every way an entry can be wrong as a message.

The models (pydantic v2, ``extra="forbid"``, strict types) say which keys an entry may
have and of which type; :func:`cross_check` adds what one key says about another (a
``key`` names declared columns, ``from`` names a table, ``file`` is a plain file name in
the raw folder). Every problem becomes an :class:`~etl.issues.Issue` naming the file, the
entry's key path and, where the file has one, its line; all are reported at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from etl.issues import Issue

KINDS = ("province_indicator", "table", "derived")
COLUMN_TYPES = ("string", "integer", "number", "boolean", "date", "year", "province", "source")
VALUE_TYPES = ("count", "amount", "share", "year")
DERIVED_METHODS = ("count", "min")

Text = Annotated[str, StringConstraints(min_length=1)]
Scalar = bool | str | int | float  # bool first: TOML true must stay a boolean, not 1


class Strict(BaseModel):
    """No unknown keys, no silent conversion (``min = "0"`` is a string, not a number)."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class ColumnSpec(Strict):
    type: Literal[COLUMN_TYPES] = "string"  # type: ignore[valid-type]
    required: bool = False
    description: str = ""
    unit: str | None = None
    allowed: list[Scalar] | None = None
    min: float | None = None
    max: float | None = None


class Geocode(Strict):
    name: Text
    province: Text
    parent: Text | None = None


class Entry(Strict):
    kind: Literal[KINDS]  # type: ignore[valid-type]
    title: Text
    title_zh: str = ""
    description: Text
    # The Chinese of each text the pages show; a missing one is a build error naming the
    # dataset and key (see _check_chinese), so no page falls back to English.
    description_zh: Text
    unit: Text
    topic: Text
    sources: list[Text] = Field(min_length=1)
    file: Text | None = None
    origin: str = ""
    origin_zh: str = ""
    licence: str = ""  # an id in [licences]
    value_type: Literal[VALUE_TYPES] | None = None  # type: ignore[valid-type]
    # One unit of the dataset in its base unit: gdp_2020 is in 100 million yuan, so 1e8 (yuan).
    unit_scale: float = Field(1.0, gt=0)
    base_unit: str = ""
    normalise: list[Text] = []
    missing_reason: str = "not reported by source"
    coverage_note: str = ""
    # A year indicator: what a province whose year is after the one chosen is called ({year}).
    absent_label: str = ""
    absent_label_zh: str = ""
    columns: dict[str, ColumnSpec] = {}
    common_columns: list[Text] | None = None  # default: every column of [columns]
    key: list[Text] = []
    geocode: Geocode | None = None
    from_: Text | None = Field(None, alias="from")
    method: Literal[DERIVED_METHODS] | None = None  # type: ignore[valid-type]
    column: Text | None = None
    where: dict[str, list[Scalar]] = {}
    time_column: Text | None = None
    qualifier: str = ""
    zero_note: str = ""
    zero_note_zh: str = ""
    # False for a count from a list that is not complete: a province with no row in it is
    # then missing (its missing_reason), never 0, because the list cannot tell us it has none.
    exhaustive: bool = True


Locate = Callable[[tuple[str, ...]], int | None]
_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+?)\s*=")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))


def issues_locator(path: Path) -> Locate:
    """A function from a key path (``datasets``, name, key, ...) to its line in the file.

    A light scan of table headers and keys, enough for the hand-written registry: the
    line of the deepest table header on the path, or of the key under it.
    """
    headers: dict[tuple[str, ...], int] = {}
    keys: dict[tuple[str, ...], int] = {}
    current: tuple[str, ...] = ()
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = _dotted(header.group(1))
            headers.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            keys.setdefault(current + _dotted(key.group(1)), number)

    def locate(loc: tuple[str, ...]) -> int | None:
        for length in range(len(loc), 0, -1):
            prefix = loc[:length]
            if prefix in keys:
                return keys[prefix]
            if prefix in headers:
                return headers[prefix]
        return None

    return locate


def read_toml(path: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The parsed registry, or a message with line and column of what stops it parsing."""
    name = path.name
    if not path.is_file():
        return None, [Issue(name, None, None, f"the registry file does not exist (looked for {name} beside the raw folder)")]
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Issue(name, 1, None, "column 1: the file starts with a UTF-8 byte-order mark, which TOML "
                            "does not allow; save it as UTF-8 without BOM")]
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Issue(name, line, None, f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")]
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_position(str(error))
        cause = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return None, [Issue(name, line, None, f"not valid TOML at column {column}: {cause}")]
    if not isinstance(document.get("datasets"), dict) or not document["datasets"]:
        return None, [Issue(name, None, "datasets", "the registry declares no [datasets.NAME] tables")]
    return document, []


def _toml_position(message: str) -> tuple[int | None, int | None]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _describe(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (a typo, or a key the registry does not declare)"
    if error["type"] == "missing":
        return "is required"
    value = error.get("input")
    return f"{error['msg']} (got {value!r})" if not isinstance(value, dict) else error["msg"]


def _plain_file_name(name: str) -> str | None:
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("~") or ":" in name:
        return "must be a plain file name in the raw folder (no folder, no '..', no absolute path)"
    if not name.endswith(".csv"):
        return "must name a .csv file"
    return None


def cross_check(
    name: str, entry: Entry, entries: dict[str, Entry], raw: dict[str, Any]
) -> list[tuple[tuple[str, ...], str]]:
    """What one key says about another, as (key path, message) pairs."""
    problems: list[tuple[tuple[str, ...], str]] = []
    wants_file = entry.kind in ("province_indicator", "table")
    if wants_file and not entry.file:
        problems.append((("file",), "is required for a " + entry.kind))
    if entry.file and (problem := _plain_file_name(entry.file)):
        problems.append((("file",), f"{entry.file!r} {problem}"))
    if entry.kind == "table":
        problems += _check_table(entry)
    elif entry.columns or entry.key or entry.geocode:
        problems.append((("columns",), f"only a table declares columns, key or geocode, not a {entry.kind}"))
    problems += _check_chinese(entry)
    if entry.kind == "derived":
        problems += _check_derived(entry, entries, raw)
    else:
        for key in ("from_", "method", "column", "where", "time_column"):
            if key in entry.model_fields_set:
                problems.append(((key.rstrip("_"),), f"only a derived dataset has this key, not a {entry.kind}"))
    return problems


# Texts the pages show, each with the key of its Chinese (description_zh is required outright).
CHINESE_KEYS = {"origin": "origin_zh", "zero_note": "zero_note_zh"}


def _check_chinese(entry: Entry) -> list[tuple[tuple[str, ...], str]]:
    """An English text the pages show without its Chinese, or a Chinese text without its English."""
    problems: list[tuple[tuple[str, ...], str]] = []
    for key, zh in CHINESE_KEYS.items():
        if getattr(entry, key) and not getattr(entry, zh):
            problems.append(((zh,), f"is required when {key} is set: the Chinese pages show it in place of {key}"))
        elif getattr(entry, zh) and not getattr(entry, key):
            problems.append(((zh,), f"is set, but {key} is empty"))
    return problems


def _check_table(entry: Entry) -> list[tuple[tuple[str, ...], str]]:
    problems: list[tuple[tuple[str, ...], str]] = []
    if not entry.columns:
        problems.append((("columns",), "a table declares its columns"))
    for required in ("source_id", "confidence"):
        if entry.columns and required not in entry.columns:
            problems.append((("columns",), f"a table needs a {required!r} column"))
    for position, column in enumerate(entry.key):
        if column not in entry.columns:
            problems.append((("key",), f"key column {column!r} (item {position + 1}) is not a declared column"))
    if entry.geocode:
        for role in ("name", "province", "parent"):
            column = getattr(entry.geocode, role)
            if column is not None and column not in entry.columns:
                problems.append((("geocode", role), f"{column!r} is not a declared column"))
    for column, spec in entry.columns.items():
        if spec.min is not None and spec.max is not None and spec.min > spec.max:
            problems.append((("columns", column, "min"), f"min {spec.min} is above max {spec.max}"))
    return problems


def _check_derived(entry: Entry, entries: dict[str, Entry], raw: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    problems: list[tuple[tuple[str, ...], str]] = []
    if entry.method is None:
        problems.append((("method",), f"is required for a derived dataset: one of {', '.join(DERIVED_METHODS)}"))
    if entry.from_ is None:
        problems.append((("from",), "is required for a derived dataset"))
        return problems
    # The base is read as written, so a mistake in it does not hide one here.
    base = raw.get(entry.from_)
    kind = base.get("kind") if isinstance(base, dict) else None
    if kind != "table":
        what = "is not declared" if base is None else f"is a {kind}"
        problems.append((("from",), f"{entry.from_!r} {what}; 'from' must name a table dataset"))
        return problems
    columns = base.get("columns") if isinstance(base.get("columns"), dict) else {}
    if entry.method == "min" and not entry.column:
        problems.append((("column",), "method 'min' needs a column"))
    for key, column in (("column", entry.column), ("time_column", entry.time_column)):
        if column is not None and column not in columns:
            problems.append(((key,), f"{column!r} is not a column of {entry.from_!r}"))
    for column in entry.where:
        if column not in columns:
            problems.append((("where", column), f"{column!r} is not a column of {entry.from_!r}"))
    return problems


def check_citations(
    file: str, datasets: dict[str, Any], source_ids: set[str], locate: Locate
) -> list[Issue]:
    """Every source id a dataset cites (as written in the registry) exists in ``sources.csv``."""
    issues = []
    for name, entry in datasets.items():
        cited = entry.get("sources") if isinstance(entry, dict) else None
        if not isinstance(cited, list):
            continue  # the schema reports it
        for position, source in enumerate(cited):
            if isinstance(source, str) and source not in source_ids:
                issues.append(Issue(file, locate(("datasets", name, "sources")), f"{name}.sources",
                                    f"source id {source!r} (item {position + 1}) is not in sources.csv"))
    return issues
