"""Country and town names in the reader's language. The six countries' names come from the catalogue, whose wording
the glossary fixes (docs/glossary.csv); their neighbours' names and the capitals' from the Unicode CLDR (Babel's
territory and exemplar-city names); Pristina's from the catalogue (CLDR names no city of Kosovo). Any other town keeps
its GeoNames name, a name in its own country's form, marked as such (`own`), except that Serbian in Cyrillic and
Macedonian write the towns of Serbia, Bosnia and Herzegovina and Montenegro in their own letters, as they do."""

from __future__ import annotations

from typing import Any

import cyrtranslit

from ._i18n import SOURCE, babel_locale, from_cldr, language
from ._schema import FOCUS_COUNTRIES

# Each country's capital's time zone: CLDR names a capital as the exemplar city of its zone.
CAPITAL_ZONES = {"RS": "Europe/Belgrade", "BA": "Europe/Sarajevo", "MK": "Europe/Skopje", "AL": "Europe/Tirane",
                 "ME": "Europe/Podgorica", "HR": "Europe/Zagreb", "SI": "Europe/Ljubljana", "HU": "Europe/Budapest",
                 "BG": "Europe/Sofia", "IT": "Europe/Rome", "GR": "Europe/Athens", "RO": "Europe/Bucharest"}
# Towns CLDR does not name, by GeoNames id: their names are catalogue messages (`town.<geonameid>`).
CATALOGUE_TOWNS = {786714: "Pristina"}
# Serbian and Macedonian in Cyrillic write these countries' towns' Latin names letter for letter in their own
# alphabet (Ниш, Бања Лука), by cyrtranslit's table for each
CYRILLIC_TOWNS = {"RS", "BA", "ME"}
CYRILLIC_SCRIPTS = {"sr-Cyrl": "sr", "mk": "mk"}


def country_label(properties: dict[str, Any]) -> str:
    """A country's name on the map: the catalogue's for the six, CLDR's for a neighbour (English: the boundary
    source's own name)."""
    from ._view import country_name

    code = properties.get("iso_a2", "")
    if code in FOCUS_COUNTRIES:
        return country_name(code)
    if language() == SOURCE:
        return properties["name"]
    name = babel_locale().territories.get(code)
    return from_cldr(name) if name else properties["name"]


def town_label(properties: dict[str, Any]) -> tuple[str, bool]:
    """A town's name, and whether it is its GeoNames name in its own country's form (not the reader's language's)."""
    from ._messages import t

    name, country = properties["name"], properties.get("country", "")
    geonameid = properties.get("geonameid")
    if geonameid in CATALOGUE_TOWNS:
        return t(f"town.{geonameid}", default=CATALOGUE_TOWNS[geonameid]), False
    if language() == SOURCE:
        return name, False
    if properties.get("capital") and country in CAPITAL_ZONES:
        city = babel_locale().time_zones.get(CAPITAL_ZONES[country], {}).get("city")
        if city:
            return from_cldr(city), False
    if language() in CYRILLIC_SCRIPTS and country in CYRILLIC_TOWNS:
        return cyrtranslit.to_cyrillic(name, CYRILLIC_SCRIPTS[language()]), False
    return name, True


def localized(countries: dict, towns: dict) -> tuple[dict, dict]:
    """The boundaries with their `name`s in the reader's language (towns also `own`: see `town_label`)."""
    def country(f: dict) -> dict:
        return {**f, "properties": {**f["properties"], "name": country_label(f["properties"])}}

    def town(f: dict) -> dict:
        name, own = town_label(f["properties"])
        return {**f, "properties": {**f["properties"], "name": name, "own": own}}

    return ({**countries, "features": [country(f) for f in countries["features"]]},
            {**towns, "features": [town(f) for f in towns["features"]]})
