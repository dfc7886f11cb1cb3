"""Write recorded figures as a static site: one page, CSV, PNG and SVG per figure, and an index.

Layout of the site (every path relative, so any static host or a folder on disk serves it)::

    index.html, index-zh.html          the index in English and Chinese
    assets/plotly.min.js               the plotly.js the installed plotly package ships
    assets/provinces.geojson           the province outlines every map draws
    assets/topojson/world_110m.json    the local base-map stub (no CDN)
    en/<figure>.html|.csv|.png|.svg    one figure, as the English pages show it
    zh/<figure>.html|.csv|.png|.svg    the same in Chinese
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.domain.indicators import source_line, split_source_ids
from dashboard.figures.export import image_session, static_image
from dashboard.figures.maps import plot_config
from dashboard.figures.style import GEOJSON_URL, TOPOJSON_URL
from dashboard.text import PAGE_TITLES
from dashboard.text.export import EXPORT_WORDS
from dashboard.ui import table_csv
from export.record import PAGES, Baked

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
IMAGE_FORMATS = ("png", "svg")
STATIC_ROUTE = GEOJSON_URL.rsplit("/", 1)[0] + "/"  # where the app serves static/: /app/static/
GEO_TRACES = {"choropleth", "choroplethmap", "choroplethmapbox"}
INDEX = {"en": "index.html", "zh": "index-zh.html"}
STYLE = (
    "body{font-family:'Noto Sans CJK SC','Noto Sans',Arial,sans-serif;margin:1.5rem auto;max-width:1280px;"
    "padding:0 1rem;color:#222}nav a,li a{margin-right:.8rem}h2{margin-top:2rem}"
    "li{margin:.5rem 0}.meta{color:#555;font-size:.9rem}.sources{font-size:.85rem;color:#444}"
)


@dataclass(frozen=True)
class Summary:
    """What was written: figures, files and bytes."""

    figures: int
    files: int
    bytes: int


def plain(text: object) -> str:
    """Figure text without its HTML tags (``<br>``, ``<b>``), as one line."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(text or ""))).strip()


def cited_ids(table: pd.DataFrame) -> list[str]:
    """Every source id in the table's source columns (ids joined by ';' or ', '), in order."""
    ids: list[str] = []
    for column in (c for c in table.columns if "source" in str(c).lower()):
        ids += split_source_ids(table[column].dropna().astype(str).str.replace(", ", ";", regex=False))
    return list(dict.fromkeys(ids))


def coverage(table: pd.DataFrame, lang: str) -> str:
    """'values for 25 of 31 provinces' where the rows are provinces with a state; else the row count."""
    words = EXPORT_WORDS[lang]
    if {"adcode", "state"} <= set(table.columns):
        known = int(table["state"].isin(["value", "absent"]).sum())
        return words["coverage"].format(n=known, total=table["adcode"].nunique())
    return words["rows"].format(n=len(table))


def title_of(item: Baked) -> str:
    """The figure's own title, as plain text (the file name if it has none)."""
    return plain(item.figure.layout.title.text) or item.filename


def relocated(figure: go.Figure, place: Callable[[str], object]) -> go.Figure:
    """A copy whose maps take their outlines from ``place(path)`` instead of the app's static route.

    ``path`` is the file under ``static/`` a trace's GeoJSON URL names (``provinces.geojson``).
    """
    local = go.Figure(figure)
    for trace in local.data:
        url = getattr(trace, "geojson", None) if trace.type in GEO_TRACES else None
        if isinstance(url, str) and url.startswith(STATIC_ROUTE):
            trace.geojson = place(url.removeprefix(STATIC_ROUTE))
    return local


def copy_assets(out: Path) -> None:
    """plotly.js, and the app's static folder (GeoJSON, base-map stub), into ``out/assets``."""
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PLOTLY_JS, assets / "plotly.min.js")
    shutil.copytree(STATIC, assets / "static", dirs_exist_ok=True)


def _links(item: Baked, images: bool) -> str:
    words = EXPORT_WORDS[item.lang]
    links = [f'<a href="{item.filename}.csv" download>{words["csv"]}</a>']
    if images:
        links += [f'<a href="{item.filename}.{fmt}" download>{fmt.upper()}</a>' for fmt in IMAGE_FORMATS]
    return " ".join(links)


def _source_list(ids: list[str], sources: dict[str, dict]) -> str:
    rows = []
    for source_id in ids:
        source = sources.get(source_id)
        if source is None:
            continue
        url = str(source.get("url") or "")
        link = f' <a href="{html.escape(url)}" rel="noreferrer">{html.escape(url)}</a>' if url else ""
        rows.append(f"<li><code>{html.escape(source_id)}</code> {html.escape(str(source['citation']))}{link}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def figure_page(item: Baked, sources: dict[str, dict], images: bool) -> str:
    """The standalone page of one figure: the figure, its downloads and every source in full."""
    words = EXPORT_WORDS[item.lang]
    topojson = "../assets/static/" + TOPOJSON_URL.removeprefix(STATIC_ROUTE)
    config = plot_config(item.filename) | {"topojsonURL": topojson, "responsive": True}
    div = pio.to_html(relocated(item.figure, lambda path: f"../assets/static/{path}"), include_plotlyjs=False, full_html=False, config=config,
                      div_id="figure")
    title = html.escape(title_of(item))
    return (
        f'<!doctype html><html lang="{item.lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>{title}</title>'
        f'<style>{STYLE}</style><script src="../assets/plotly.min.js"></script></head><body>'
        f'<nav><a href="../{INDEX[item.lang]}">{words["index"]}</a> {_links(item, images)}</nav>'
        f'{div}<section class="sources"><h2>{words["cited"]}</h2>{_source_list(cited_ids(item.table), sources)}'
        "</section></body></html>"
    )


def _entry(item: Baked, sources: dict[str, dict], images: bool) -> str:
    words = EXPORT_WORDS[item.lang]
    folder = item.lang
    credit = html.escape(plain(source_line(cited_ids(item.table), sources, lang=item.lang)))
    links = _links(item, images).replace('href="', f'href="{folder}/')
    return (
        f'<li><a class="figure" href="{folder}/{item.filename}.html">{html.escape(title_of(item))}</a>'
        f'<div class="meta">{html.escape(coverage(item.table, item.lang))} · {links} · {words["view"]}: '
        f'<code>{html.escape(item.view.page + item.view.query(item.lang))}</code></div>'
        f'<div class="sources">{credit}</div></li>'
    )


def index_page(items: list[Baked], lang: str, sources: dict[str, dict], images: bool, version: str) -> str:
    """The index in ``lang``: per page, every figure with its title, coverage, sources and files."""
    words = EXPORT_WORDS[lang]
    other = "zh" if lang == "en" else "en"
    chosen = [item for item in items if item.lang == lang]
    sections = []
    for page in PAGES:
        entries = [_entry(item, sources, images) for item in chosen if item.view.page == page]
        if entries:
            heading = html.escape(PAGE_TITLES[page][lang == "zh"])
            sections.append(f"<h2>{heading}</h2><ul>{''.join(entries)}</ul>")
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>{words["title"]}</title>'
        f'<style>{STYLE}</style></head><body><nav><a href="{INDEX[other]}">{words["other_language"]}</a></nav>'
        f'<h1>{words["title"]}</h1><p>{words["intro"]}</p>'
        f'<p class="meta">{words["figures"].format(n=len(chosen))}. {words["built"].format(version=version)}</p>'
        f'{"".join(sections)}</body></html>'
    )


def write_images(out: Path, items: list[Baked], progress: Callable[[str], None] = print) -> None:
    """PNG and SVG of every figure (kaleido, one Chromium for all), beside its page."""
    outlines: dict[str, dict] = {}

    def inline(path: str) -> dict:
        if path not in outlines:
            outlines[path] = json.loads((STATIC / path).read_text(encoding="utf-8"))
        return outlines[path]

    topojson = STATIC / TOPOJSON_URL.removeprefix(STATIC_ROUTE).rstrip("/")
    with image_session():
        for item in items:
            figure = relocated(item.figure, inline)
            for fmt in IMAGE_FORMATS:
                image = static_image(figure, fmt, topojson=topojson)
                (out / item.lang / f"{item.filename}.{fmt}").write_bytes(image)
            progress(f"images {item.lang}/{item.filename}")


def bake(out: Path, items: list[Baked], sources: dict[str, dict], *, images: bool = True, version: str = "",
         progress: Callable[[str], None] = print) -> Summary:
    """Write the whole site into ``out`` (created if needed; files of the same names replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    for lang in sorted({item.lang for item in items}):
        (out / lang).mkdir(exist_ok=True)
    for item in items:
        folder = out / item.lang
        (folder / f"{item.filename}.html").write_text(figure_page(item, sources, images), encoding="utf-8")
        (folder / f"{item.filename}.csv").write_bytes(table_csv(item.table))
    for lang in sorted({item.lang for item in items}):
        (out / INDEX[lang]).write_text(index_page(items, lang, sources, images, version), encoding="utf-8")
    if images:
        write_images(out, items, progress)
    files = [path for path in out.rglob("*") if path.is_file()]
    return Summary(figures=len(items), files=len(files), bytes=sum(path.stat().st_size for path in files))
