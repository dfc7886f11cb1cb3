"""Province reference table and the name resolver every dataset goes through.

The resolver turns any common spelling of a provincial-level unit into its 6-digit
GB/T 2260 adcode. Which spellings exist is data (``provinces.csv`` and
``province_aliases.csv``), not code; this module only normalises text and looks it up.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# English words that qualify a name without changing which unit it names. They are
# stripped from the end, so "Guangxi Zhuang Autonomous Region" reads as "guangxi".
_ENGLISH_SUFFIXES = (
    "special administrative region",
    "autonomous region",
    "province",
    "municipality",
    "sar",
    "region",
    "city",
    "shi",
    "sheng",
    "zizhiqu",
    # Ethnic qualifiers of the autonomous regions; removed only after the suffixes above.
    "zhuang",
    "uyghur",
    "uygur",
    "uighur",
    "hui",
)
_CHINESE_SUFFIXES = ("特别行政区", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")
_SEPARATORS = re.compile(r"[\s\-_'’.·,]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class UnknownProvinceError(ValueError):
    """A name that matches no provincial-level unit, or more than one."""

    def __init__(self, name: str, suggestions: list[str], ambiguous: bool = False):
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        kind = "ambiguous province name" if ambiguous else "unknown province name"
        hint = f"; closest matches: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{kind} {name!r}{hint}")


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _has_tones(text: str) -> bool:
    return _strip_tones(text) != unicodedata.normalize("NFD", text)


def _words(text: str) -> list[str]:
    return [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", text).casefold()) if w]


def normalise_key(name: str) -> str:
    """Return the lookup key for a name: case-folded, separators and qualifiers removed.

    Tone marks are kept, so that Shǎnxī (陕西) and Shānxī (山西) stay distinct.

    Parameters
    ----------
    name : str
        Any spelling of a provincial-level unit.

    Returns
    -------
    str
        The key under which the resolver files that spelling.
    """
    text = unicodedata.normalize("NFC", str(name)).strip()
    if _HAN.search(text):
        compact = _SEPARATORS.sub("", text)
        for suffix in _CHINESE_SUFFIXES:
            if compact.endswith(suffix) and len(compact) > len(suffix) + 1:
                return compact[: -len(suffix)]
        return compact
    words = _words(text)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for suffix in _ENGLISH_SUFFIXES:
            parts = suffix.split()
            if len(words) > len(parts) and words[-len(parts) :] == parts:
                words = words[: -len(parts)]
                changed = True
                break
    return "".join(words)


@dataclass(frozen=True)
class ProvinceResolver:
    """Look up provincial-level units by any known spelling.

    Build one with :func:`load_resolver`; call :meth:`resolve` for each name.
    """

    table: pd.DataFrame
    exact: dict[str, str]  # key with tone marks -> adcode
    toneless: dict[str, str]  # key without tone marks -> adcode (only unambiguous ones)
    pinyin: dict[str, str]  # adcode -> tone-marked pinyin key, for tone-aware matching

    def resolve(self, name: object) -> str:
        """Return the adcode for ``name`` or raise :class:`UnknownProvinceError`.

        Parameters
        ----------
        name : object
            A Chinese full or short name, an English name with or without its
            qualifiers, pinyin with or without tones, an ISO 3166-2 code or an adcode
            (also as the 2-digit prefix).

        Returns
        -------
        str
            The 6-digit GB/T 2260 adcode.
        """
        text = "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name)
        text = text.strip()
        if not text:
            raise UnknownProvinceError(text, [])
        if re.fullmatch(r"\d{2}(0000)?", text):
            code = text[:2] + "0000"
            if code in self.table.index:
                return code
        key = normalise_key(text)
        if key in self.exact:
            return self.exact[key]
        plain = _strip_tones(key)
        if _has_tones(key):
            # Tone marks the input does carry must agree with the unit's pinyin, which is
            # what separates Shǎnxī (陕西) from Shānxī (山西).
            matches = [code for code, py in self.pinyin.items() if _tones_compatible(key, py)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise UnknownProvinceError(text, self._names(matches), ambiguous=True)
        elif plain in self.toneless:
            return self.toneless[plain]
        raise UnknownProvinceError(text, self.suggest(text))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Return up to ``n`` English names closest to ``name``."""
        key = _strip_tones(normalise_key(name))
        candidates = {**self.toneless, **{_strip_tones(k): v for k, v in self.exact.items()}}
        close = difflib.get_close_matches(key, list(candidates), n=n * 3, cutoff=0.5)
        codes = list(dict.fromkeys(candidates[c] for c in close))[:n]
        return self._names(codes)

    def _names(self, codes: list[str]) -> list[str]:
        return [f"{self.table.at[c, 'name_en']} ({self.table.at[c, 'name_zh']}, {c})" for c in codes]


def _tones_compatible(given: str, reference: str) -> bool:
    given_chars = unicodedata.normalize("NFC", given)
    reference_chars = unicodedata.normalize("NFC", reference)
    if len(given_chars) != len(reference_chars):
        return False
    for g, r in zip(given_chars, reference_chars, strict=True):
        if g == r:
            continue
        if _has_tones(g) or _strip_tones(g) != _strip_tones(r):
            return False
    return True


def build_resolver(provinces: pd.DataFrame, aliases: pd.DataFrame) -> ProvinceResolver:
    """Build a resolver from the reference table and the alias table.

    Parameters
    ----------
    provinces : pandas.DataFrame
        ``provinces.csv``: adcode, iso_3166_2, name_zh, short_zh, name_en, pinyin, ...
    aliases : pandas.DataFrame
        ``province_aliases.csv``: alias, adcode.

    Returns
    -------
    ProvinceResolver

    Raises
    ------
    ValueError
        If one spelling would name two different units.
    """
    table = provinces.set_index("adcode", drop=False)
    exact: dict[str, str] = {}

    def add(spelling: str, code: str) -> None:
        key = normalise_key(spelling)
        if not key:
            return
        if exact.get(key, code) != code:
            raise ValueError(f"spelling {spelling!r} names both {exact[key]} and {code}")
        exact[key] = code

    for row in table.itertuples(index=False):
        for spelling in (row.adcode, row.iso_3166_2, row.name_zh, row.short_zh, row.name_en):
            add(spelling, row.adcode)
        add(row.pinyin, row.adcode)
    for row in aliases.itertuples(index=False):
        add(row.alias, str(row.adcode))

    # Toneless forms: a form claimed by one unit's English name or alias wins; a form
    # that only pinyin produces and that two units share is left out, so "shanxi" is
    # Shanxi (山西) by its English name, never the toneless pinyin of Shǎnxī (陕西).
    toneless: dict[str, str] = {}
    claimed_by_name: set[str] = set()
    for key, code in exact.items():
        if not _has_tones(key):
            toneless[key] = code
            claimed_by_name.add(key)
    pinyin_forms: dict[str, set[str]] = {}
    for key, code in exact.items():
        if _has_tones(key):
            pinyin_forms.setdefault(_strip_tones(key), set()).add(code)
    for plain, codes in pinyin_forms.items():
        if plain not in claimed_by_name and len(codes) == 1:
            toneless[plain] = next(iter(codes))
    pinyin = {row.adcode: normalise_key(row.pinyin) for row in table.itertuples(index=False)}
    return ProvinceResolver(table=table, exact=exact, toneless=toneless, pinyin=pinyin)


def read_reference(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read ``provinces.csv`` and ``province_aliases.csv`` as string tables."""
    provinces = pd.read_csv(raw_dir / "provinces.csv", dtype=str, keep_default_na=False)
    aliases = pd.read_csv(raw_dir / "province_aliases.csv", dtype=str, keep_default_na=False)
    return provinces, aliases


def load_resolver(raw_dir: Path) -> ProvinceResolver:
    """Build the resolver from the reference files in ``raw_dir``."""
    return build_resolver(*read_reference(raw_dir))
