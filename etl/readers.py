"""Read raw CSV files strictly: UTF-8, no byte-order mark, rectangular, not empty."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from etl.issues import Issue

LINE = "__line__"  # column that carries each row's line number in the raw file


def read_csv_strict(path: Path, expected: list[str] | None = None) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Read a CSV file as strings, keeping each row's line number.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    expected : list of str, optional
        Columns the file must have, and the only ones it may have.

    Returns
    -------
    frame : pandas.DataFrame or None
        All cells as strings with empty cells as ``pd.NA``, plus a ``__line__`` column;
        None when the file cannot be read at all.
    issues : list of Issue
    """
    name = path.name
    if not path.exists():
        return None, [Issue(name, None, None, "file does not exist")]
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Issue(name, 1, None, "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Issue(name, line, None, f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")]
    if not text.strip():
        return None, [Issue(name, None, None, "file is empty")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    header = [h.strip() for h in header]
    issues: list[Issue] = []
    duplicated = {h for h in header if header.count(h) > 1}
    for h in sorted(duplicated):
        issues.append(Issue(name, 1, h, "column appears more than once in the header"))
    records: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    for record in reader:
        if not any(cell.strip() for cell in record):
            start = reader.line_num + 1
            continue
        if len(record) != len(header):
            issues.append(Issue(name, start, None, f"row has {len(record)} fields, the header has {len(header)}"))
        else:
            records.append([cell.strip() for cell in record])
            lines.append(start)
        start = reader.line_num + 1
    if not records and not issues:
        issues.append(Issue(name, None, None, "file has a header but no rows"))
    if expected is not None:
        for column in expected:
            if column not in header:
                issues.append(Issue(name, 1, column, "required column is missing from the header"))
        for column in header:
            if column not in expected:
                issues.append(Issue(name, 1, column, "column is not declared in the registry"))
    if duplicated:
        return None, issues
    frame = pd.DataFrame(records, columns=header, dtype=object)
    frame = frame.mask(frame == "", pd.NA)
    frame[LINE] = lines
    return frame, issues
