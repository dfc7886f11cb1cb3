"""Read raw CSV files strictly: UTF-8, rectangular, not empty, every structure problem named.

What Excel and WPS legitimately save is accepted and gives the same data as the plain
file: "CSV UTF-8" (a UTF-8 byte-order mark) and CRLF line ends. Everything else that is
not a clean CSV is refused with the file and line: other encodings (GBK/GB18030 named as
such), NUL bytes, unterminated or stray quotes, a quoted field that swallows rows, rows
with the wrong number of fields, cells over the csv module's field size limit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from etl.issues import Issue

LINE = "__line__"  # column that carries each row's line number in the raw file
BOM = b"\xef\xbb\xbf"
RESAVE = "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; in WPS: Save As > CSV, encoding UTF-8"


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def decode(name: str, data: bytes) -> tuple[str | None, list[Issue]]:
    """The text of a raw file, with a BOM dropped and CRLF turned into LF, or why not."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            guess = ""
        else:
            guess = " It looks like GBK/GB18030 (the default of Chinese Windows)."
        message = f"not valid UTF-8 (byte {error.start}).{guess} Re-save it as UTF-8 ({RESAVE})"
        return None, [Issue(name, line, None, message)]
    nul = text.find("\x00")
    if nul >= 0:
        line = text[:nul].count("\n") + 1
        message = "contains a NUL byte (often a UTF-16 file or a binary file); " f"re-save it as UTF-8 ({RESAVE})"
        return None, [Issue(name, line, None, message)]
    return text.replace("\r\n", "\n"), []


def _swallowed_rows(cell: str, width: int) -> int:
    """How many lines inside a multi-line cell look like whole rows of the table."""
    if width < 3:
        return 0
    return sum(1 for line in cell.split("\n")[1:] if line.count(",") >= width - 1)


def parse(name: str, text: str) -> tuple[list[str], list[list[str]], list[int], list[Issue]]:
    """Header, records and each record's first line, with every structure problem."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    issues: list[Issue] = []
    records: list[list[str]] = []
    lines: list[int] = []
    header: list[str] = []
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            issues.append(Issue(name, start, None, _csv_error(error, start, reader.line_num)))
            break  # the reader cannot resynchronise after a broken quote
        if not header:
            header = [h.strip() for h in record]
        elif any(cell.strip() for cell in record):
            for cell in record:
                swallowed = _swallowed_rows(cell, len(header))
                if swallowed:
                    issues.append(
                        Issue(name, start, None, f"a quoted field runs from line {start} to line "
                              f"{reader.line_num} and holds {swallowed} line(s) that look like rows: "
                              "a closing quote is probably missing")
                    )
            if len(record) != len(header):
                issues.append(Issue(name, start, None, f"row has {len(record)} fields, the header has {len(header)}"))
            else:
                records.append([cell.strip() for cell in record])
                lines.append(start)
        start = reader.line_num + 1
    return header, records, lines, issues


def _csv_error(error: csv.Error, start: int, end: int) -> str:
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return f"a quoted field starts on line {start} and is never closed (it runs to the end of the file, line {end})"
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit()} characters (often an unclosed quote)"
    if "expected" in text and "after" in text:
        return f"stray quote: a quote inside a field must be doubled (\"\") and the field quoted ({text})"
    return f"not a well-formed CSV: {text}"


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
    if not path.is_file():
        return None, [Issue(name, None, None, "file does not exist")]
    text, issues = decode(name, path.read_bytes())
    if text is None:
        return None, issues
    if not text.strip():
        return None, [Issue(name, None, None, "file is empty")]
    header, records, lines, issues = parse(name, text)
    duplicated = {h for h in header if header.count(h) > 1}
    for h in sorted(duplicated):
        issues.append(Issue(name, 1, h, "column appears more than once in the header"))
    if not records and not issues:
        issues.append(Issue(name, None, None, "file has a header but no rows"))
    if expected is not None:
        for column in expected:
            if column not in header:
                issues.append(Issue(name, 1, column, "required column is missing from the header"))
        for column in header:
            if column not in expected:
                issues.append(Issue(name, 1, column, "column is not declared in the registry"))
    if duplicated or any(i.column is None and i.row for i in issues):
        return None, issues
    frame = pd.DataFrame(records, columns=header, dtype=object)
    frame = frame.mask(frame == "", pd.NA)
    frame[LINE] = lines
    return frame, issues
