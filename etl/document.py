"""The registry as a whole: the sections declared once and how an entry inherits from them.

``[defaults]``, ``[licences]``, ``[columns]``, ``[normalisers]``, ``[topics]`` and
``[confidence]`` are validated as one :class:`Shared` model; each ``[datasets.NAME]`` is
resolved against it (:func:`resolve`) and then checked as an :class:`~etl.schema.Entry`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError

from etl.issues import Issue
from etl.schema import ColumnSpec, Entry, Locate, Strict, Text, _describe, cross_check

SECTIONS = ("defaults", "licences", "licences_zh", "columns", "normalisers", "topics", "confidence", "datasets")


class Defaults(Strict):
    """``[defaults]``: what every dataset takes unless its entry says otherwise."""

    missing_reason: Text = "not reported by source"
    normalise: list[Text] = []


class Normaliser(Strict):
    """``[normalisers.ID]``: a province-level dataset a map may divide values by.

    A value divided by the normaliser's value (taken in its base unit, i.e. times the
    normalising dataset's ``unit_scale``) and multiplied by ``per`` is in ``unit``:
    ``per = 1e6`` over persons gives "per million residents".
    """

    dataset: Text
    per: float = Field(gt=0)
    unit: Text
    unit_zh: str = ""
    label: Text  # the choice on the pages, e.g. "Per capita"
    label_zh: str = ""
    suffix: Text  # added to a figure title, e.g. ", per capita"
    suffix_zh: str = ""


class Topic(Strict):
    """``[topics.ID]``: how a topic is named on the pages."""

    label: Text
    label_zh: Text


class Gloss(Strict):
    """``[confidence."LABEL"]``: what a confidence label means."""

    gloss: Text
    gloss_zh: str = ""


class Shared(Strict):
    """Everything the registry declares once for all datasets (``datasets`` is read entry by entry)."""

    defaults: Defaults = Defaults()
    # id -> the licence sentence; a dataset (and a raw file's sidecar) names a licence by id.
    licences: dict[str, Text] = {}
    # id -> the same sentence in Chinese; every id of [licences] has one (check_licences).
    licences_zh: dict[str, Text] = {}
    # Columns every table has unless it declares its own of the same name or lists the
    # common columns it has in ``common_columns``.
    columns: dict[str, ColumnSpec] = {}
    normalisers: dict[str, Normaliser] = {}
    topics: dict[str, Topic] = {}
    # Every confidence label a row or source may carry, in the order the pages list them.
    confidence: dict[str, Gloss] = {}
    datasets: dict[str, Any] = {}


def _problems(file: str, error: ValidationError, prefix: tuple[str, ...], locate: Locate) -> list[Issue]:
    """One issue per pydantic error; the key path shown leaves out ``datasets``."""
    issues = []
    for problem in error.errors():
        loc = (*prefix, *(str(part) for part in problem["loc"]))
        shown = loc[1:] if loc[0] == "datasets" else loc
        issues.append(Issue(file, locate(loc), ".".join(shown), _describe(problem)))
    return issues


def resolve(raw: dict[str, Any], shared: Shared) -> dict[str, Any]:
    """One entry as written, with the registry's defaults and the common columns filled in.

    A key the entry sets wins over ``[defaults]``. A table gets every column of
    ``[columns]`` (only those in ``common_columns`` if it lists them), after its own; a
    column it declares under a common column's name (even as an empty table, to place
    it in the CSV's order) takes the keys it does not set from ``[columns]``.
    """
    resolved = shared.defaults.model_dump() | raw
    if raw.get("kind") == "table" and isinstance(raw.get("columns"), dict):
        wanted = raw.get("common_columns")
        wanted = list(shared.columns) if not isinstance(wanted, list) else wanted
        common = {name: spec.model_dump(exclude_unset=True) for name, spec in shared.columns.items()}
        own = {
            name: common.get(name, {}) | spec if isinstance(spec, dict) else spec
            for name, spec in raw["columns"].items()
        }
        resolved["columns"] = own | {n: s for n, s in common.items() if n in wanted and n not in own}
    return resolved


def validate_document(
    file: str, document: dict[str, Any], locate: Locate
) -> tuple[Shared | None, dict[str, dict[str, Any]], dict[str, Entry], list[Issue]]:
    """The shared sections, every resolved entry that passes the schema and the cross-checks, and every problem.

    Returns
    -------
    shared : Shared or None
        ``[defaults]``, ``[licences]``, ``[columns]`` ...; None if they are invalid (then
        no entry is checked: each would fail for the same reason).
    resolved : dict
        Each entry as a plain dict with defaults and common columns filled in.
    entries : dict of str to Entry
        The entries without a problem.
    issues : list of Issue
    """
    issues: list[Issue] = []
    for key in document:
        if key not in SECTIONS:
            issues.append(Issue(file, locate((key,)), key, f"unknown top-level key; the registry has {', '.join(SECTIONS)}"))
    try:
        shared = Shared.model_validate({k: v for k, v in document.items() if k in SECTIONS})
    except ValidationError as error:
        return None, {}, {}, issues + _problems(file, error, (), locate)
    resolved: dict[str, dict[str, Any]] = {}
    entries: dict[str, Entry] = {}
    for name, raw in document["datasets"].items():
        if not isinstance(raw, dict):
            issues.append(Issue(file, locate(("datasets", name)), name, "must be a table [datasets.NAME]"))
            continue
        resolved[name] = resolve(raw, shared)
        try:
            entries[name] = Entry.model_validate(resolved[name])
        except ValidationError as error:
            issues += _problems(file, error, ("datasets", name), locate)
    for name, entry in entries.items():
        for loc, message in cross_check(name, entry, entries, document["datasets"]) + check_shared(entry, shared):
            issues.append(Issue(file, locate(("datasets", name, *loc)), ".".join((name, *loc)), message))
    issues += check_licences(file, shared, locate)
    for key, normaliser in shared.normalisers.items():
        target = entries.get(normaliser.dataset)
        if target is None or target.kind == "table":
            what = "is not declared" if target is None else "is a table"
            issues.append(Issue(file, locate(("normalisers", key, "dataset")), f"normalisers.{key}.dataset",
                                f"{normaliser.dataset!r} {what}; a normaliser divides by a province-level dataset"))
    failed = {i.column.split(".")[0] for i in issues if i.column}
    return shared, resolved, {n: e for n, e in entries.items() if n not in failed}, issues


def check_shared(entry: Entry, shared: Shared) -> list[tuple[tuple[str, ...], str]]:
    """What an entry names in the shared sections exists there."""
    problems: list[tuple[tuple[str, ...], str]] = []
    if entry.licence and entry.licence not in shared.licences:
        known = ", ".join(shared.licences) or "none declared"
        problems.append((("licence",), f"{entry.licence!r} is not an id in [licences] (known: {known})"))
    if entry.topic not in shared.topics:
        problems.append((("topic",), f"{entry.topic!r} is not a topic of [topics]: declare its label and label_zh there"))
    if entry.common_columns is not None and entry.kind != "table":
        problems.append((("common_columns",), f"only a table has common columns, not a {entry.kind}"))
    for position, normaliser in enumerate(entry.normalise):
        if normaliser not in shared.normalisers:
            known = ", ".join(shared.normalisers) or "none declared"
            problems.append((("normalise",), f"{normaliser!r} (item {position + 1}) is not an id in [normalisers] "
                             f"(known: {known})"))
    for position, column in enumerate(entry.common_columns or []):
        if column not in shared.columns:
            problems.append((("common_columns",), f"{column!r} (item {position + 1}) is not a column of [columns]"))
    return problems


def check_licences(file: str, shared: Shared, locate: Locate) -> list[Issue]:
    """Every licence sentence has its Chinese in ``[licences_zh]``, and nothing else is there."""
    issues = []
    for key in shared.licences:
        if key not in shared.licences_zh:
            issues.append(Issue(file, locate(("licences", key)), f"licences_zh.{key}",
                                "is required: every licence of [licences] has its Chinese sentence in [licences_zh]"))
    for key in shared.licences_zh:
        if key not in shared.licences:
            issues.append(Issue(file, locate(("licences_zh", key)), f"licences_zh.{key}", "is not an id in [licences]"))
    return issues
