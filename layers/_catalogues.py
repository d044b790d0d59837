"""Keeping the translations in step with the English, with Babel: extract the English source into
locale/messages.pot, merge it into each hand-written catalogue (a changed English text turns its translation fuzzy),
make the Cyrillic catalogue from the Latin one, compile every catalogue, and check them all (`python -m layers
catalogues`, `--compile`, `--check`)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from ._i18n import GENERATED, LANGUAGES, LOCALE_DIR, PSEUDO, ROOT, SOURCE, compiled, po_path

TEMPLATE = LOCALE_DIR / "messages.pot"
GLOSSARY = ROOT / "docs" / "glossary.csv"
WIDTH = 120
PLACEHOLDER = re.compile(r"\{(\w+)\}")
HAND_WRITTEN = [tag for tag in LANGUAGES if tag not in (SOURCE, PSEUDO) and tag not in GENERATED]


def extract() -> Catalog:
    """The English source as a template catalogue (babel.cfg names the extraction method)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="China in the Western Balkans", copyright_holder="the project's contributors",
                      msgid_bugs_address="", charset="utf-8")
    for _, _, message, comments, context in extract_from_dir(str(ROOT), method_map, options_map):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=WIDTH, omit_header=False, ignore_obsolete=True, include_previous=True)


def update() -> None:
    """Extract, then merge the template into each hand-written catalogue (a new language gets a new, empty one)."""
    template = extract()
    write(template, TEMPLATE)
    for tag in HAND_WRITTEN:
        path = po_path(tag)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=LANGUAGES[tag][0])
        else:
            catalog = Catalog(locale=LANGUAGES[tag][0], project=template.project, charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        write(catalog, path)


def compile_all() -> list[Path]:
    """The generated catalogues made again and every catalogue compiled (layers._i18n.compiled)."""
    return [mo for tag in LANGUAGES if (mo := compiled(tag)) is not None]


@dataclass(frozen=True)
class Problem:
    tag: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{po_path(self.tag).relative_to(ROOT)}: {self.key}: {self.message}"


def glossary() -> list[dict[str, str]]:
    """docs/glossary.csv: the fixed wording of contested and technical terms, language by language."""
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check() -> list[Problem]:
    """Every hand-written catalogue holds every message of the template, translated, not fuzzy, with the same
    {placeholders}; the glossary's wording is used where its row names a message; the generated one is in step."""
    template = extract()
    problems: list[Problem] = []
    catalogs = {}
    for tag in HAND_WRITTEN:
        path = po_path(tag)
        if not path.exists():
            problems.append(Problem(tag, "", "catalogue missing: run `python -m layers catalogues`"))
            continue
        with path.open("rb") as f:
            catalogs[tag] = catalog = read_po(f, locale=LANGUAGES[tag][0])
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            key = message.context or ""
            if found is None:
                problems.append(Problem(tag, key, "not in the catalogue: run `python -m layers catalogues`"))
                continue
            strings = found.string if isinstance(found.string, tuple) else (found.string,)
            if not all(strings):
                problems.append(Problem(tag, key, "not translated"))
                continue
            if found.fuzzy:
                problems.append(Problem(tag, key, "fuzzy: the English changed; check the translation"))
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = set().union(*(set(PLACEHOLDER.findall(text)) for text in ids))
            for text in strings:
                if set(PLACEHOLDER.findall(text)) - wanted:
                    problems.append(Problem(tag, key, f"unknown placeholder in {text!r}"))
                # every plural form keeps every placeholder: a language's "one" form serves 21 and 31 too
                missing = wanted - set(PLACEHOLDER.findall(text))
                if missing:
                    problems.append(Problem(tag, key, f"placeholder {sorted(missing)} dropped in {text!r}"))
    for row in glossary():
        for tag in (t for t in HAND_WRITTEN if t in catalogs and row.get("key")):
            found = catalogs[tag].get(_msgid(template, row["key"]), context=row["key"])
            wording = row.get(tag, "")
            text = found.string if found is not None else ""
            text = " ".join(text) if isinstance(text, tuple) else text
            forms = [form for form in wording.split("|") if form]  # declined forms, any of which will do
            if forms and not any(form.lower() in (text or "").lower() for form in forms):
                problems.append(Problem(tag, row["key"], f"the glossary's wording {wording!r} is not used"))
    return problems


def _msgid(template: Catalog, key: str):
    for message in template:
        if message.context == key:
            return message.id
    return None
