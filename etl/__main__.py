"""Command line: ``python -m etl [--raw DIR] [--out DIR] [--static DIR] [--only NAME ...] [--check] [--force]``.

``python -m etl --stamp NAME`` records an intended change of ``raw/NAME.csv`` (its checksum
and today's date) in ``raw/NAME.meta.toml`` and builds nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import DEFAULT_OUT, DEFAULT_RAW, build
from etl.issues import ValidationFailed
from etl.provenance import stamp
from etl.publish import LockTimeout


def main(argv: list[str] | None = None) -> int:
    """Run the ETL; return the process exit code (0 ok, 1 invalid input)."""
    parser = argparse.ArgumentParser(prog="python -m etl", description="Rebuild data/processed from data/raw.")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw files (registry.toml is beside it)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of processed files")
    parser.add_argument(
        "--static", type=Path, default=None,
        help="folder for the browser's provinces.geojson (default: static/ for the default --out, else --out)",
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME",
        help="rebuild this output and everything computed from it (repeatable)",
    )
    parser.add_argument("--check", action="store_true", help="validate every input, write nothing")
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    parser.add_argument(
        "--stamp", action="append", metavar="NAME",
        help="record an intended change of raw/NAME.csv (checksum and date) in raw/NAME.meta.toml; builds nothing",
    )
    args = parser.parse_args(argv)
    if args.stamp:
        return _stamp(args.raw, args.stamp)
    try:
        report = build(args.raw, args.out, only=args.only, check=args.check, force=args.force, static=args.static)
    except ValidationFailed as failure:
        print(f"{len(failure.issues)} problem(s) in the inputs; nothing was written:", file=sys.stderr)
        for issue in failure.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    except LockTimeout as error:
        print(f"Not run: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _stamp(raw: Path, names: list[str]) -> int:
    for name in names:
        try:
            path = stamp(raw, name)
        except FileNotFoundError as error:
            print(f"Not stamped: {error}", file=sys.stderr)
            return 1
        print(f"Recorded the checksum of {name} in {path.name}; now run python -m etl.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
