"""The English source of every piece of UI text, by key (translations: locale/*.po, read by layers/_i18n.py)."""

from __future__ import annotations

from string import Formatter

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "China in the Western Balkans",
        "app.subtitle": "Infrastructure, surveillance, diplomacy, public opinion and vaccine diplomacy in Serbia, Kosovo, "
        "Bosnia and Herzegovina, Montenegro, North Macedonia and Albania. Every mark traces to a named source.",
        "control.loading": "Loading the controls…",
        "control.find": "Find",
        "control.find_placeholder": "Search by name…",
        "control.find_help": "Type part of a name. Opens its details, marks it on the map, and moves to a year that shows it.",
        "control.year": "Year",
        "timeline.label": "Year on the map",
        "timeline.slider": "Year",
        "timeline.previous": "Previous year",
        "timeline.next": "Next year",
        "timeline.play": "Play through the years",
        "timeline.pause": "Pause",
        "control.year_help": "Shows what applied in that year: projects from their start, events in their year.",
        "control.layers": "Layers",
        "control.fill": "Country colours",
        "control.fill_none": "None",
        "control.dimension": "Diplomatic status to colour by",
        "control.series": "Survey wave",
        "control.no_waves": "No survey wave in {year}. Polls are on the map for {years}.",
        "control.series_years": "This series' polls: {years}. Only waves of one series compare.",
        "control.where_on_narrow": "Search, layers and country colours are in the menu: tap » at the top left.",
        "control.tiles": "Show a street-map background",
        "control.tiles_help": "Loads map tiles from openstreetmap.org: your browser then contacts a third party.",
        "control.tiles_notice": "The street-map background is loaded from openstreetmap.org (a third party).",
        "legend.title": "Legend",
        "map.cluster": "{count} marks close together: zoom in to separate them",
        "map.cluster.one": "{count} mark: zoom in",
        "legend.cluster": "marks close together, with how many: click or zoom in to separate them",
        "legend.confidence": "Confidence (fill)",
        "legend.precision": "Location (outline)",
        "legend.no_data": "no data for this year",
        "poll.reported_by": "{pollster}, as reported by {publisher}",
        "legend.sentiment.share": "Share of respondents giving the answer named in each country's tooltip, under the "
                                  "question asked.",
        "legend.disagree": "sources disagree (see the tooltip)",
        "legend.vaccines.delivered": "Chinese vaccines delivered that year (click for the list)",
        "legend.vaccines.none": "no vaccine received",
        "legend.country_level": "{count} country-level records have no place of their own: see the country profiles.",
        "legend.country_level.one": "1 country-level record has no place of its own: see the country profiles.",
        "panel.empty": "Click a mark on the map for its details and sources, or a country for its profile in the chosen year.",
        "panel.sources": "Sources",
        "panel.primary_source": "primary source",
        "panel.figures": "Figures",
        "panel.confidence": "Confidence",
        "panel.precision": "Location",
        "panel.coord_source": "Coordinates from",
        "panel.notes": "Notes",
        "panel.same_place": "Also drawn on the same point in {year} (their marks lie under each other):",
        "panel.not_in_year": "Not on the map in {year}: this record is for {span}.",
        "panel.span_open": "{start} onwards",
        "panel.status_then": "{then} in {year}; {now} according to its latest sources",
        "panel.show_in_year": "Show it on the map in {year}",
        "panel.published": "published {date}",
        "panel.undated": "undated",
        "panel.close": "Close",
        "panel.not_found": "Record {id} is not in the data shown.",
        "panel.failed": "The details of {what} could not be shown (the error is in the server log); the map and the "
                        "controls still work.",
        "profile.title": "{country} in {year}",
        "profile.status": "Diplomatic status",
        "profile.sentiment": "Latest public-opinion figure",
        "profile.no_sentiment": "No poll figure up to {year}.",
        "profile.no_status": "No status recorded for {year}.",
        "profile.projects": "Infrastructure and investment",
        "profile.deployments": "Surveillance and digital",
        "profile.deployments_count": "{count}; {apart} with a Chinese vendor named",
        "profile.events": "Events",
        "profile.vaccines": "Vaccine diplomacy",
        "profile.none": "None recorded for {year}.",
        "profile.according_to": "according to",
        "profile.question": "Question (as reported)",
        "profile.disagree": "Sources disagree on this poll: also reported as {others}.",
        "map.details_below": "Details ↓",
        "map.details_below_label": "Show the details, below the map",
        "map.two_fingers": "Use two fingers to move the map",
        "map.mark_label": "{name} ({layer})",
        "map.keys_hint": "Arrow keys: the next or previous country or mark. Enter: open it. Escape: back to the map.",
        "map.attribution": "Boundaries: Natural Earth (Kosovo as its own unit; boundaries approximate, implying no judgement "
        "on legal status). Towns: GeoNames (CC BY 4.0). Data: each record's sources are in its details; what the dataset "
        "holds and how to read it is under *About this map* below.",
        "map.names_credit": "Names of countries and capitals in this language: Unicode CLDR (Babel); other towns by their "
        "GeoNames names.",
        "problem.layer_disabled": "The {layer} layer is switched off: its data did not pass validation.",
        "problem.boundaries": "The map cannot be drawn: the boundary files in {folder} could not be read ({error}).",
        "problem.more": "… and {count} more problems.",
        "problem.more.one": "… and 1 more problem.",
        "field.type": "Type",
        "field.chinese_company": "Chinese company",
        "field.financier": "Financier",
        "field.status": "Status",
        "field.status_detail": "Milestones",
        "field.completion_year": "Completed",
        "field.status_since": "Current status since",
        "field.earlier_status": "Status before that",
        "field.year_from": "From",
        "field.year_to": "Until",
        "field.place": "Place",
        "field.country": "Country",
        "field.programme": "Programme",
        "field.buyer": "Buyer or operator",
        "field.vendor": "Vendor",
        "field.vendor_origin": "Vendor origin",
        "field.facial_recognition": "Face recognition",
        "field.kind": "Kind",
        "field.date": "Date",
        "field.category": "Category",
        "field.details": "What happened",
        "field.pollster": "Pollster",
        "field.fieldwork": "Fieldwork",
        "field.question": "Question (as reported)",
        "field.metric": "Answer counted",
        "field.value": "Share",
        "field.sample_n": "Sample size",
        "field.series": "Series",
        "field.conflicts_with": "Conflicting figure",
        "field.vaccine": "Vaccine",
        "field.doses": "Doses",
        "field.mode": "How",
        "field.donor_or_seller": "Seller or donor",
        "field.cumulative": "Running total",
        "field.sector": "Sector",
        "field.length_note": "The line as drawn",
        "field.aiddata_id": "In AidData's GCDF 3.0",
        "panel.aiddata_project": "project {id}",
        "field.prc_recognition": "Recognition by the PRC",
        "field.prc_relations": "Relations with the PRC",
        "field.nato": "NATO",
        "field.eu": "European Union",
        "field.china_cee": "16+1 / 17+1",
        "field.visa_china": "Visas with China",
        "qualifier.about": "about",
        "qualifier.more_than": "more than",
        "qualifier.at_least": "at least",
        "qualifier.up_to": "up to",
        "qualifier.range_low": "from",
        "qualifier.range_high": "up to",
        "unit.million": "{currency} {value} million",
        "unit.million.one": "{currency} {value} million",
        "unit.amount": "{currency} {value}",
        "unit.MW": "{value} MW",
        "unit.km": "{value} km",
        "unit.cameras": "{value} cameras",
        "unit.cameras.one": "{value} camera",
        "unit.people": "{value} people",
        "unit.people.one": "{value} person",
        "unit.years": "{value} years",
        "unit.years.one": "{value} year",
        "qualifier.amount": "{qualifier} {amount}",
        "word.vendor_origin.chinese": "Chinese",
        "word.vendor_origin.non_chinese": "not Chinese",
        "word.vendor_origin.not_identified": "not identified",
        "word.vendor_origin.classified": "kept secret",
        "word.vaccine_mode.third_country_donation": "donated by a third country",
        "word.vaccine_mode.none": "none received",
        "word.vaccine_mode.eu_grant": "EU grant (context)",
        "word.event_category.soft_power": "soft power",
        "word.event_category.tech_security": "technology and security",
        "word.event_category.eu": "EU",
        "word.event_category.nato": "NATO",
        "profile.basis": "Based on",
        "panel.basis_later": "in {year}, after this year",
        "permalink.notice": "Parts of the link were ignored: {details}",
        "permalink.too_long": "{param} is too long",
        "permalink.bad_year": "year '{value}' is not between {low} and {high}",
        "permalink.not_a_year": "year '{value}' is not a year",
        "permalink.bad_layers": "unknown layers {value}",
        "permalink.bad_layers.one": "unknown layer {value}",
        "permalink.bad_layers_default": "unknown layers {value}: the default layers are shown",
        "permalink.bad_layers_default.one": "unknown layer {value}: the default layers are shown",
        "permalink.one_fill": "only one country colouring at a time (kept {kept})",
        "permalink.bad_dimension": "unknown diplomatic status '{value}'",
        "permalink.bad_series": "unknown survey series '{value}'",
        "permalink.series_not_in_year": "survey series '{value}' has no poll in {year}",
        "permalink.bad_country": "unknown country '{value}'",
        "permalink.bad_record": "no record '{value}'",
        "permalink.bad_filter": "{param}: unknown values {value}",
        "permalink.bad_filter.one": "{param}: unknown value {value}",
        "permalink.bad_text": "{param} is longer than {count} characters",
        "share.title": "Share and download",
        "share.link": "This view's link (the address bar updates as you explore):",
        "download.view_csv": "Records shown (CSV)",
        "download.view_geojson": "Records shown (GeoJSON)",
        "download.all": "Whole dataset (ZIP)",
        "download.help": "{count} records in this view, with their sources and figures.",
        "download.help.one": "1 record in this view, with its sources and figures.",
        "download.licence": "Data licence: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). The zip holds the "
                            "licence's terms (LICENSE-DATA.md) and how to cite the data (CITATION.cff).",
        "about.title": "About this map",
        "about.holdings": "Every record names its source (address, publisher, and the date where the source gives one) "
        "and how sure the project is of it. "
        "The dataset holds the records below, {figures} sourced figures, and {sources} distinct sources{newest}.",
        "about.newest": ", the newest with a full date published on {date}",
        "about.confidence": "Confidence (a mark's fill)",
        "about.precision": "Location (a mark's outline)",
        "about.disagree": "**Where sources disagree**, each figure is shown with its own source, and where polls of one "
        "country and year disagree its fill says *sources disagree* (the tooltip gives both). Claims the project could "
        "not verify are attributed to whoever made them (\"according to …\"): the map does not make them its own.",
        "about.year_rule": "**The year** drives every layer: a record shows in the years it applied (a project from its "
        "start, an event in its year), and a country's diplomatic status is the one at the end of that year. A "
        "project shows the status it had that year where its sources date the change: agreed before its works began, "
        "under construction before it was completed, and its earlier status (agreed, say, or operating) before it was "
        "stalled, cancelled or sold.",
        "about.gaps": "**Known gaps and corrections.** The dataset's README (geodata/README.md, in the ZIP under *Share "
        "and download*) lists what is missing or approximate and how to correct a record. Corrections are welcome, "
        "with a source.",
        "about.coverage": "**Coverage.** {projects} Chinese-built, -financed or -owned infrastructure projects. Of the "
        "{rows} projects for these countries in AidData's geolocated Global Chinese Development Finance data (GCDF "
        "3.0), {mapped} are records here, each linked to its AidData page, and the other {listed} are listed with the reason "
        "they are not drawn (small grants, donated equipment, scholarships). The counts by country, sector and status "
        "and every AidData row are in geodata/COVERAGE.md{where}. AidData's data: © AidData at William & Mary, "
        "ODC-By 1.0.",
        "about.coverage_where": " (in the ZIP under *Share and download*)",
        "compare.title": "The six countries in {year}",
        "compare.country": "Country",
        "compare.nato": "NATO",
        "compare.eu": "EU",
        "compare.prc_recognition": "The PRC",
        "compare.nato.member": "member",
        "compare.nato.partnership_for_peace": "Partnership for Peace",
        "compare.nato.not_member": "not a member",
        "compare.eu.candidate": "candidate",
        "compare.eu.applicant": "applied",
        "compare.eu.not_candidate": "not a candidate",
        "compare.prc_recognition.recognised": "recognises it",
        "compare.prc_recognition.not_recognised": "does not recognise it",
        "compare.infrastructure": "Projects",
        "compare.surveillance": "Surveillance",
        "compare.events": "Events",
        "compare.chinese": "Chinese vendor: {count}",
        "compare.note": "Status at the end of {year}; a status the sources do not confirm is marked reported or claimed. The "
        "numbers count the records of each layer that apply to the country in {year}, as its profile lists them: with "
        "or without a place on the map, whatever their status, claims included; for surveillance, the number in brackets "
        "counts the deployments whose sources name a Chinese vendor or Chinese-made equipment. Click a country on the map for the "
        "event behind each status and the records behind each number.",
        "cite.title": "Cite or share",
        "cite.copy": "The link, to copy (the button at its right copies it):",
        "cite.copy_button": "Copy link",
        "cite.copied": "Link copied",
        "cite.work": "China in the Western Balkans: a sourced dataset and map dashboard",
        "cite.work_version": "{work}, version {version}",
        "cite.text": "“{name}”, {what}. {work}. Accessed {accessed}.",
        "cite.record": "record {id}",
        "cite.profile": "country profile, {year}",
        "yes": "yes",
        "no": "no",
        "map.country_tip": "Click for the country profile",
        "tip.no_poll": "No poll of this series here in this year. Click for the country profile.",
        "export.earlier_status": "In {year} this project was {before} ({now} by {since}, according to its sources). "
        "The details below give its status as of the latest source.",
        "export.back": "← {country}",
        "export.attribution": "Boundaries: Natural Earth (Kosovo as its own unit; boundaries approximate, implying no "
        "judgement on legal status). Towns: GeoNames (CC BY 4.0). Map drawn with Leaflet. A static copy of the dashboard: "
        "this page loads nothing from other sites; only the sources in the details panels link out.",
        "export.map_attribution": "Natural Earth · GeoNames (CC BY 4.0)",
        "export.controls_label": "Map controls",
        "export.map_label": "Map of the records for the chosen year",
        "export.about_gaps": "**Known gaps and corrections.** The dataset's README (geodata/README.md in the project's "
        "repository, with the data files) lists what is missing or approximate and how to correct a record. Corrections "
        "are welcome, with a source.",
        "export.noscript": "The map needs JavaScript. The data is in geodata/ of the project's repository.",
        "control.language": "Language",
        "table.title": "Table of the records ({count})",
        "table.title.one": "Table of the records ({count})",
        "table.help": "The records this view shows, as on the map. Sort by a column's heading, search with the "
        "magnifier above the table; choosing a row opens its details and marks it on the map. Amounts: the largest "
        "figure the sources give in each currency, in millions, not converted.",
        "table.layer": "Layer",
        "table.name": "Name",
        "table.country": "Country",
        "table.since": "From",
        "table.kind": "Sector or kind",
        "table.company": "Company or vendor",
        "table.financier": "Financier",
        "table.eur": "EUR (million)",
        "table.usd": "USD (million)",
        "table.status": "Status",
        "table.confidence": "Confidence",
        "profile.download_title": "Download",
        "profile.download_help": "Every record of {country}, of every layer and year, with its sources and figures.",
        "profile.download_csv": "Records (CSV)",
        "profile.download_geojson": "Records (GeoJSON)",
        "control.compare": "Compare with another year",
        "control.compare_help": "The map and the table then show only what changed between the two years.",
        "control.since": "Compared with",
        "changes.title": "What changed, {first} → {second}",
        "changes.map_note": "The map shows what changed between {first} and {second}: what started, ended, came and "
        "went, or changed status.",
        "changes.timeline_rests": "The map's own year control rests while two years are compared.",
        "changes.records": "Records ({count})",
        "changes.records.one": "Records ({count})",
        "changes.none": "No record of the layers shown changed.",
        "changes.countries": "Countries",
        "changes.country_none": "No change in its diplomatic status and no poll of one series in both years.",
        "changes.started": "started in {year}",
        "changes.ended": "ended in {year}",
        "changes.between": "came and went in between ({year})",
        "changes.status": "status: {before} → {after}",
        "changes.country_status": "{field}: {before} → {after}",
        "changes.poll": "{series}, {metric}: {before} ({before_year}) → {after} ({after_year})",
        "changes.points": "({points} points)",
        "changes.poll_note": "Polls are compared only within one series (the same question, pollster and answer), "
        "each year's latest wave on or before it.",
        "table.change": "Change",
        "filter.title": "Filters",
        "filter.title_on": "Filters ({count} on)",
        "filter.title_on.one": "Filters ({count} on)",
        "filter.help": "Filters choose the marks on the map, the rows of the table, the charts and the downloads; the "
        "country colours stay whole. A filter on something a layer's records do not have (a poll has no financier) "
        "leaves none of that layer.",
        "filter.any": "Any",
        "filter.countries": "Countries",
        "filter.kinds": "Sector or kind",
        "filter.kind_option": "{kind} ({layer})",
        "filter.company": "Company or vendor",
        "filter.financier": "Financier",
        "filter.name_help": "Part of a name, as the sources write it: 'Huawei', 'Export-Import Bank'. Capitals and "
        "accents do not matter.",
        "filter.statuses": "Project status in the year",
        "filter.statuses_help": "A project's status in the year shown: one completed in 2019 was under construction "
        "before.",
        "filter.confidence": "Confidence",
        "filter.clear": "Clear the filters",
        "filter.on": "Filtered: {filters}",
        "export.table_help": "The records this view shows, as on the map. Sort by a column's heading; a name opens "
        "its details.",
        "field.layer": "layer",
        "field.figures": "figures",
        "field.more_sources": "more sources",
        "town.786714": "Pristina",
        "permalink.bad_lang": "unknown language {value}",
        "control.language_help": "The dashboard's own words in this language. The records' texts (names, notes, "
        "milestones) are as their sources and editors wrote them, in English, and are marked so.",
        "data.english": "(English)",
        "legend.marks.confirmed": "confirmed: read in the cited source",
        "legend.marks.reported": "reported: secondary copy, derived or contested",
        "legend.marks.claimed": "claimed: not verified, attributed to its source",
        "legend.marks.exact": "exact site",
        "legend.marks.approximate": "approximate (near the site; lines drawn through named places)",
        "legend.marks.town_centre": "town centre standing in for the site",
        "term.confidence.confirmed": "confirmed",
        "term.confidence.reported": "reported",
        "term.confidence.claimed": "claimed",
        "term.precision.exact": "exact",
        "term.precision.approximate": "approximate",
        "term.precision.town_centre": "town centre",
        "term.precision.country": "country",
        "export.old_browser": "This browser cannot read the map's data: a browser from 2023 or later is needed (Chrome or "
                              "Edge 80, Firefox 113, Safari 16.4). The data is in geodata/ of the project's repository.",
        "trends.title": "Trends over the years",
        "trends.help": "Charts of the records the filters keep. A point or bar that stands for a record opens its "
        "details; a bar that stands for a year moves the map to that year. Amounts are in the currency the sources "
        "give, in millions, never converted.",
        "trends.polls_heading": "Public opinion, one survey series at a time",
        "trends.series_control": "Survey series",
        "trends.poll_caption": "Question as reported: {questions}. Answer counted: {metrics}. Pollster: {pollsters}. "
        "Sources: {sources}. Only results of one series compare.",
        "trends.poll_wordings": "The question's wording differs between results: a line joins only those asked in the "
        "same words.",
        "trends.poll_disagree": "Sources disagree on {places}: each figure is shown, with no line through them.",
        "trends.counts_heading": "Records by the year they began",
        "trends.count_control": "Records of",
        "trends.by": "Stacked by",
        "trends.by_country": "country",
        "trends.by_kind": "sector or kind",
        "trends.count_caption": "Counted from the records of “{layer}” the filters keep, by the year each began; a "
        "record in several countries counts in each. Each record's sources are in its details.",
        "trends.earlier": "{count} records began before {year} and are not in the chart.",
        "trends.earlier.one": "{count} record began before {year} and is not in the chart.",
        "trends.money_heading": "Projects' money by the year they began",
        "trends.money_caption": "A bar's part is a project: its largest money figure in that currency (investment, "
        "contract value, loan, cost or purchase price), as its sources give it, in millions. Figures are never "
        "converted: a project with figures in euros and in dollars is in both charts. From geodata/figures.csv; every "
        "figure, with its source, is in the project's details.",
        "trends.money_others": "Figures in other currencies ({currencies}) are not charted.",
        "trends.debt_heading": "A project's loan and debt over time",
        "trends.debt_caption": "Each figure at the date its source gives it: the loan, the debt still owed and the "
        "amount repaid, in the currency of the source. Figures that disagree are all shown. From geodata/figures.csv: "
        "{sources}.",
        "trends.no_debt": "No project the filters keep has loan or debt figures at two dates or more.",
        "trends.no_polls": "No poll result passes the filters.",
        "trends.no_money": "No project the filters keep has money figures in {currency}.",
        "trends.export_help": "The dashboard's charts of every record (the filters do not apply here), drawn when this "
        "page was made. Each record's sources are in its details on the map.",
        "trends.wave_year": "Year of the survey wave",
        "trends.share_axis": "Share of respondents (%)",
        "trends.share": "Share",
        "trends.answer": "Answer counted",
        "trends.question": "Question",
        "trends.source": "Source",
        "trends.country": "Country",
        "trends.kind": "Sector or kind",
        "trends.start_year": "Year it began",
        "trends.records_axis": "Records",
        "trends.ids": "Record ids",
        "trends.record": "Record",
        "trends.amount": "Amount",
        "trends.money_axis": "{currency} million (not converted)",
        "trends.as_of": "As of",
        "trends.figure": "Figure",
        "trends.per_year_title": "{layer}: records by the year they began",
        "trends.money_title": "Projects' money in {currency}, by the year they began",
        "trends.debt_title": "Loan, debt and repayments in {currency}",
        "trends.poll_description": "Chart of {count} results of the poll series “{series}”, by country and year of the "
        "survey wave.",
        "trends.poll_description.one": "Chart of {count} result of the poll series “{series}”, by country and year of "
        "the survey wave.",
        "trends.per_year_description": "Bar chart of {count} records of “{layer}” by the year they began, {first} to "
        "{last}, stacked by {by}.",
        "trends.per_year_description.one": "Bar chart of {count} record of “{layer}” by the year it began, {first} to "
        "{last}, stacked by {by}.",
        "trends.money_description": "Bar chart of the largest {currency} figure of {count} projects, by the year each "
        "began.",
        "trends.money_description.one": "Bar chart of the largest {currency} figure of {count} project, by the year it "
        "began.",
        "trends.debt_description": "Chart of {count} dated figures in {currency} of {name}.",
        "trends.debt_description.one": "Chart of {count} dated figure in {currency} of {name}.",
    }
}

def _english(key: str, default: str | None) -> str | tuple[str, str]:
    """A key's English: its text, or (singular, plural) for one that takes a count."""
    source = MESSAGES["en"]
    text = source.get(key, default)
    if text is None:
        raise KeyError(f"message {key!r} is not in the catalogue")
    return (source[f"{key}.one"], text) if f"{key}.one" in source else text


def t(key: str, default: str | None = None, **values: object) -> str:
    """The message `key` in the language being made (layers._i18n), with {placeholders} filled; one that takes a
    count picks its plural form by that language's rule. `default`: the English of a key the catalogue does not
    hold (a word the registry or the schema names)."""
    from ._i18n import language, translations  # (the registry's modules import this one while it is being built)

    english = _english(key, default)
    found = translations(language())
    if isinstance(english, tuple):
        count = values.get("count")
        text = found.npgettext(key, english[0], english[1], count if isinstance(count, int) else 2)
    else:
        text = found.pgettext(key, english)
    names = {name for _, name, _, _ in Formatter().parse(text) if name}
    return text.format(**{name: values[name] for name in names}) if names else text


def template(key: str) -> str | dict[str, str]:
    """A message with its {placeholders} left in, for a script to fill; one that takes a count, as its forms by CLDR
    plural category ("one", "few", "other"…), which the browser's Intl.PluralRules picks from (static/map/words.js)."""
    from ._i18n import language, plural_samples, translations

    english = _english(key, None)
    found = translations(language())
    if isinstance(english, tuple):
        return {category: found.npgettext(key, english[0], english[1], n) for category, n in plural_samples().items()}
    return found.pgettext(key, english)
