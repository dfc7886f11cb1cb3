"""``python -m export DIR [--no-images] [--defaults-only] [--lang en zh]``: bake the static site."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from dashboard import data
from export.record import LANGUAGES, record_all, views
from export.site import bake


def main(argv: list[str] | None = None) -> int:
    """Record every view in every language, write the site, print what was written and how long it took."""
    parser = argparse.ArgumentParser(prog="python -m export", description=__doc__)
    parser.add_argument("directory", type=Path, help="folder to write the site into (created if needed)")
    parser.add_argument("--no-images", action="store_true", help="skip PNG and SVG (HTML and CSV only)")
    parser.add_argument("--defaults-only", action="store_true",
                        help="each page at its defaults only (not every indicator on the map explorer)")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    # AppTest runs the pages outside a server; Streamlit warns about that on every run.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    progress = (lambda _message: None) if args.quiet else print
    started = time.perf_counter()
    items = record_all(views(every_indicator=not args.defaults_only), tuple(args.lang), progress=progress)
    recorded = time.perf_counter() - started
    summary = bake(args.directory, items, data.sources_by_id(), images=not args.no_images,
                   version=data.manifest().get("code_version", ""), progress=progress)
    total = time.perf_counter() - started
    print(f"{summary.figures} figures, {summary.files} files, {summary.bytes / 1e6:.1f} MB in {args.directory} "
          f"({recorded:.0f} s running the pages, {total:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
