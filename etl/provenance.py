"""Provenance beside each raw file: ``raw/NAME.meta.toml`` for ``raw/NAME.csv``.

A sidecar says what the file is, where its facts come from (origin URLs, the sources'
access dates), under which licence (an id of the registry's ``[licences]``), how it was
made, and the SHA-256 of its content, as owid/etl's snapshot ``.dvc`` files do. The
checksum is of the canonical text (byte-order mark dropped, CRLF read as LF), so a file
re-saved from Excel in good faith still matches; any other change stops the ETL until a
maintainer records it with ``python -m etl --stamp NAME``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import StringConstraints, ValidationError

from etl.issues import Issue
from etl.paths import sha256
from etl.schema import Strict, Text, issues_locator

SUFFIX = ".meta.toml"
BOM = b"\xef\xbb\xbf"
Date = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$|^unknown$")]
Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Sidecar(Strict):
    """The keys of a sidecar; no other key is allowed."""

    file: Text  # the CSV it describes, beside it
    what: Text  # what the file is
    origin_urls: list[Text] = []  # public URLs of the sources the file cites
    accessed: list[Date]  # the cited sources' access dates ("unknown" where not recorded)
    licence: Text  # an id of [licences] in registry.toml
    transcribed: Text  # who made the file and how
    transcribed_zh: Text  # the same in Chinese, shown on the Chinese pages
    sha256: Hex  # of the canonical text
    stamped: Date  # when the checksum was last recorded (python -m etl --stamp)


def sidecar_path(csv: Path) -> Path:
    """``raw/NAME.meta.toml`` for ``raw/NAME.csv``."""
    return csv.with_name(csv.stem + SUFFIX)


def canonical_checksum(data: bytes) -> str:
    """SHA-256 of a file's canonical bytes: no byte-order mark, LF line ends."""
    return sha256(data.removeprefix(BOM).replace(b"\r\n", b"\n"))


def stamp_command(csv: Path) -> str:
    return f"python -m etl --stamp {csv.stem}"


def read_sidecar(csv: Path, licences: set[str]) -> tuple[Sidecar | None, list[Issue]]:
    """The validated sidecar of one raw CSV, or the problems with it (file and key named)."""
    path = sidecar_path(csv)
    if not path.is_file():
        return None, [Issue(csv.name, None, None, f"has no provenance file {path.name} beside it: copy another "
                            f"*.meta.toml, describe this file, then run {stamp_command(csv)}")]
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return None, [Issue(path.name, None, None, f"not valid UTF-8 TOML: {error}")]
    locate = issues_locator(path)
    try:
        sidecar = Sidecar.model_validate(document)
    except ValidationError as error:
        return None, [_issue(path, locate, problem) for problem in error.errors()]
    issues = []
    if sidecar.file != csv.name:
        issues.append(Issue(path.name, locate(("file",)), "file", f"names {sidecar.file!r}, but it sits beside {csv.name}"))
    if sidecar.licence not in licences:
        issues.append(Issue(path.name, locate(("licence",)), "licence",
                            f"{sidecar.licence!r} is not an id in [licences] of registry.toml"))
    return (None if issues else sidecar), issues


def _issue(path: Path, locate, problem: dict) -> Issue:
    loc = tuple(str(part) for part in problem["loc"])
    if problem["type"] == "extra_forbidden":
        message = "unknown key (a typo, or a key sidecars do not have)"
    elif problem["type"] == "missing":
        message = "is required"
    else:
        message = f"{problem['msg']} (got {problem.get('input')!r})"
    return Issue(path.name, locate(loc[:1]), ".".join(loc), message)


def check_checksum(csv: Path, sidecar: Sidecar) -> list[Issue]:
    """A message naming the file and the command that records an intended change."""
    actual = canonical_checksum(csv.read_bytes())
    if actual == sidecar.sha256:
        return []
    return [Issue(csv.name, None, None, f"its content changed since its checksum was recorded in "
                  f"{sidecar_path(csv).name} (recorded {sidecar.sha256[:12]}…, now {actual[:12]}…). "
                  f"If the change is intended, record it with: {stamp_command(csv)}")]


def read_all(raw: Path, licences: set[str]) -> tuple[dict[str, Sidecar], list[Issue]]:
    """Every raw CSV's sidecar, by CSV file name, and every problem (missing, invalid, changed)."""
    sidecars: dict[str, Sidecar] = {}
    issues: list[Issue] = []
    for csv in sorted(raw.glob("*.csv")):
        sidecar, problems = read_sidecar(csv, licences)
        issues += problems
        if sidecar is not None:
            issues += check_checksum(csv, sidecar)
            sidecars[csv.name] = sidecar
    return sidecars, issues


def stamp(raw: Path, name: str, today: dt.date | None = None) -> Path:
    """Record the current checksum and today's date in ``raw/NAME.meta.toml``.

    Parameters
    ----------
    raw : pathlib.Path
        Folder of raw files.
    name : str
        The CSV's name without ``.csv`` (``population_2020``), or with it.

    Returns
    -------
    pathlib.Path
        The sidecar rewritten; its other lines (and comments) are kept.

    Raises
    ------
    FileNotFoundError
        If the CSV or its sidecar does not exist.
    """
    csv = raw / (name if name.endswith(".csv") else f"{name}.csv")
    path = sidecar_path(csv)
    if not csv.is_file() or not path.is_file():
        missing = csv if not csv.is_file() else path
        raise FileNotFoundError(f"{missing.name} does not exist in {raw.name}/")
    text = path.read_text(encoding="utf-8")
    values = {"sha256": canonical_checksum(csv.read_bytes()), "stamped": (today or dt.date.today()).isoformat()}
    for key, value in values.items():
        line = f'{key} = "{value}"'
        text, count = re.subn(rf"(?m)^{key}\s*=.*$", line, text)
        if not count:
            text = text.rstrip("\n") + f"\n{line}\n"
    path.write_text(text, encoding="utf-8")
    return path
