"""The dashboard's languages: the English source of every message (the catalogue in layers/_messages.py and the words
the registry and the schema name), its extraction for Babel, and the gettext catalogues that translate it
(locale/<locale>/LC_MESSAGES/messages.po, compiled to .mo). Each message is looked up by its key as context and its
English as msgid, so a changed English text makes its translations fuzzy until they are checked again.

Serbian in Cyrillic is never written by hand: it is made from the Latin catalogue with cyrtranslit (`cyrillic_po`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages import plurals
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "locale"
DOMAIN = "messages"
# The languages the dashboard speaks: tag (as in links and the page's lang attribute) -> Babel's locale and own name.
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("en", "English"),
    "sr-Latn": ("sr_Latn", "Srpski · Bosanski · Hrvatski · Crnogorski"),
    "sr-Cyrl": ("sr_Cyrl", "Српски (ћирилица)"),
    "mk": ("mk", "Македонски"),
    "sq": ("sq", "Shqip"),
}
SOURCE = "en"
# The pseudo-language of the tests (WB_PSEUDO_LOCALE=1): every message in ⟦ ⟧, so a browser test can find any
# interface text that does not come from the catalogue. English otherwise (numbers, dates, plural rule).
PSEUDO = "qps"
MARKS = ("⟦", "⟧")
if os.environ.get("WB_PSEUDO_LOCALE") == "1":
    LANGUAGES[PSEUDO] = ("en", "⟦pseudo⟧")
# Babel's table of gettext plural rules lacks Macedonian: CLDR's rule (one: i % 10 = 1 and i % 100 != 11).
plurals.PLURALS.setdefault("mk", (2, "(n%10==1 && n%100!=11 ? 0 : 1)"))
GENERATED = {"sr-Cyrl": "sr-Latn"}  # made from another catalogue, never edited
_current: ContextVar[str] = ContextVar("language", default=SOURCE)


def language() -> str:
    """The language of what is being made now (a session's run, an export)."""
    return _current.get()


@contextmanager
def speaking(tag: str) -> Iterator[None]:
    """Make everything inside in `tag`'s language."""
    token = _current.set(tag if tag in LANGUAGES else SOURCE)
    try:
        yield
    finally:
        _current.reset(token)


def set_language(tag: str) -> None:
    """For a whole script run (a Streamlit session's thread): what follows is in `tag`'s language."""
    _current.set(tag if tag in LANGUAGES else SOURCE)


def from_cldr(text: str) -> str:
    """A word taken from CLDR's data (a country's or capital's name), marked in the pseudo-language as messages are."""
    return MARKS[0] + text + MARKS[1] if language() == PSEUDO else text


def babel_locale(tag: str | None = None) -> Locale:
    return Locale.parse(LANGUAGES[tag or language()][0])


def plural_samples(tag: str | None = None) -> dict[str, int]:
    """A number of each CLDR plural category of the language ("one": 1, "few": 2, "other": 0 in Serbian): the count
    that picks each of a message's gettext forms, for a script that picks among them by category."""
    return _plural_samples(tag or language())


@cache
def _plural_samples(tag: str) -> dict[str, int]:
    rule = babel_locale(tag).plural_form
    out: dict[str, int] = {}
    for n in range(0, 1000):
        out.setdefault(rule(n), n)
    return out


# --- the English source -------------------------------------------------------------------------------------------

def english() -> dict[str, str | tuple[str, str]]:
    """Every message key and its English: a text, or (singular, plural) for one that takes a count. The catalogue's
    own messages, then what the registry and the schema name (layer titles and descriptions, field labels, the
    vocabularies' words, the keys' entries, country names), each with the English the code falls back to."""
    from . import LAYERS
    from ._messages import MESSAGES
    from ._schema import COMMON_FIELDS, FOCUS_COUNTRIES, VOCABULARIES
    from ._view import word_fallback

    source = MESSAGES[SOURCE]
    out: dict[str, str | tuple[str, str]] = {}
    for key, text in source.items():
        if key.endswith(".one"):
            continue
        out[key] = (source[f"{key}.one"], text) if f"{key}.one" in source else text
    for code, name in FOCUS_COUNTRIES.items():
        out.setdefault(f"country.{code}", name)
    for vocab, words in VOCABULARIES.items():
        for value in words:
            out.setdefault(f"word.{vocab}.{value}", word_fallback(vocab, value))
    for field in COMMON_FIELDS:
        out.setdefault(f"field.{field.name}", field.name.replace("_", " "))
    for layer in LAYERS.values():
        out.setdefault(f"layer.{layer.id}.title", layer.title)
        out.setdefault(f"layer.{layer.id}.description", layer.description)
        for field in layer.fields:
            out.setdefault(f"field.{field.name}", field.name.replace("_", " "))
        for field_name, palette in layer.palettes.items():
            for value, (_, label) in palette.items():
                out.setdefault(f"legend.{layer.id}.{field_name}.{value}", label)
    return out


def extract_catalogue(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel's extraction method for layers/_messages.py (babel.cfg): the English source, each message with its key as
    context. The file itself is not parsed: the catalogue and the registry are the source."""
    for number, (key, text) in enumerate(sorted(english().items()), start=1):
        if isinstance(text, tuple):
            yield number, "npgettext", (key, text[0], text[1]), []
        else:
            yield number, "pgettext", (key, text), []


# --- the catalogues ----------------------------------------------------------------------------------------------

def po_path(tag: str) -> Path:
    return LOCALE_DIR / LANGUAGES[tag][0] / "LC_MESSAGES" / f"{DOMAIN}.po"


# Kept as they are in a Cyrillic text: {placeholders}, **emphasis** markers' contents stay transliterated, but names
# that are written in Latin letters in Serbian Cyrillic texts too (a brand, a dataset, an address) do not change.
KEEP_LATIN = re.compile(r"\{[^}]*\}|`[^`]*`|https?://\S+|\b[\w.-]+/|\b[\w.-]+\.(?:py|csv|geojson|md|cff|json|zip|org|com)\b"
                        r"|\b(?:AidData at William & Mary|AidData|William & Mary|GCDF|GeoNames|Natural Earth|Leaflet|OpenStreetMap|Streamlit|GitHub|"
                        r"CC BY|ODC-By|JavaScript|Chrome|Edge|Firefox|Safari|Huawei|ZTE|Hikvision|Dahua|IRI|IEA|RFE/RL|BIRN|"
                        r"CeSID|ISAC|Unicode|CLDR|Babel|EUR|USD|CNY|RSD|BAM|CAD|MW|CSV|GeoJSON|ZIP|XK|ISO|URL|MIT)\b")


def to_cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic (cyrtranslit), leaving what KEEP_LATIN names as it is."""
    import cyrtranslit

    out, last = [], 0
    for kept in KEEP_LATIN.finditer(text):
        out += [cyrtranslit.to_cyrillic(text[last:kept.start()], "sr"), kept.group(0)]
        last = kept.end()
    return "".join(out + [cyrtranslit.to_cyrillic(text[last:], "sr")])


def cyrillic_po(latin: Path, target: Path) -> None:
    """The Cyrillic catalogue, made from the Latin one: every translation transliterated, nothing else changed."""
    with latin.open("rb") as f:
        catalog = read_po(f, locale="sr_Cyrl")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(to_cyrillic(s) for s in message.string)
        elif message.string:
            message.string = to_cyrillic(message.string)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        write_po(f, catalog, width=120)


def compiled(tag: str) -> Path | None:
    """The language's .mo, compiled from its .po (and a generated .po from its source) when missing or older."""
    if tag in (SOURCE, PSEUDO):
        return None
    po = po_path(tag)
    if tag in GENERATED:
        source = po_path(GENERATED[tag])
        if not source.exists():
            return None
        made_by = Path(__file__).stat().st_mtime  # a change to the transliteration here makes it again too
        if not po.exists() or po.stat().st_mtime < max(source.stat().st_mtime, made_by):
            cyrillic_po(source, po)
    if not po.exists():
        return None
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with po.open("rb") as f:
            catalog = read_po(f, locale=LANGUAGES[tag][0])
        with mo.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation yet: English shows
    return mo


class PseudoTranslations(NullTranslations):
    """Every message marked: ⟦English⟧."""

    def pgettext(self, context: str, message: str) -> str:
        return MARKS[0] + message + MARKS[1]

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return MARKS[0] + (singular if n == 1 else plural) + MARKS[1]


@cache
def translations(tag: str) -> NullTranslations:
    """The language's gettext translations (English: none, the msgids are English)."""
    if tag == PSEUDO:
        return PseudoTranslations()
    mo = compiled(tag)
    if mo is None:
        return NullTranslations()
    with mo.open("rb") as f:
        return Translations(f, domain=DOMAIN)


# --- choosing a language -----------------------------------------------------------------------------------------

# A browser's language (navigator.language, as Streamlit's st.context.locale reports it) -> the catalogue that reads
# to its speaker: Bosnian, Croatian, Montenegrin and Serbo-Croatian read the Latin one; Serbian the script the browser
# names, else the one CLDR's likely-subtags data gives its region (Cyrillic, Latin in Montenegro).
BROWSER_LANGUAGES = {"en": "en", "sr": "sr-Cyrl", "bs": "sr-Latn", "hr": "sr-Latn", "cnr": "sr-Latn",
                     "sh": "sr-Latn", "mk": "mk", "sq": "sq"}


def from_browser(locale: object) -> str:
    """The language for a browser's locale tag ("sr-Latn-RS", "mk", "de-DE"…), English for any other or none."""
    if not isinstance(locale, str) or not locale.strip():
        return SOURCE
    parts = locale.strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    if primary == "sr":  # the script the tag names, else CLDR's likely one for its region (sr-ME: Latin)
        from babel.core import get_global

        region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), "")
        script = next((part.title() for part in parts[1:] if len(part) == 4), None)
        likely = get_global("likely_subtags").get(f"sr_{region}" if region else "sr", "sr_Cyrl")
        return "sr-Latn" if (script or likely.split("_")[1]) == "Latn" else "sr-Cyrl"
    return BROWSER_LANGUAGES.get(primary, SOURCE)


def from_link(value: object) -> str | None:
    """The language a link's `lang` names, matched as a browser's tag would be but exactly one of LANGUAGES ("sr-latn"
    and "sr_Latn" read as "sr-Latn"); None for one the dashboard does not speak."""
    if not isinstance(value, str):
        return None
    wanted = value.strip().replace("_", "-").lower()
    return next((tag for tag in LANGUAGES if tag.lower() == wanted), None)
