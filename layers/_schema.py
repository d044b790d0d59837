"""Field and vocabulary definitions shared by every data file: the one description of the schema."""

from __future__ import annotations

from dataclasses import dataclass

# The six countries the dashboard is about; "XK" is Kosovo (user-assigned ISO code, as in Natural Earth).
FOCUS_COUNTRIES: dict[str, str] = {
    "RS": "Serbia",
    "XK": "Kosovo",
    "BA": "Bosnia and Herzegovina",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "AL": "Albania",
}

YEAR_MIN, YEAR_MAX = 1945, 2040
# The years the dashboard's year control spans (app and export), and the year a first view shows.
YEARS, DEFAULT_YEAR = (2012, 2026), 2025

VOCABULARIES: dict[str, dict[str, str]] = {
    "confidence": {
        "confirmed": "the figure or fact was read in the cited source",
        "reported": "read in a secondary or aggregator copy, derived, or contradicted elsewhere (see notes)",
        "claimed": "a claim the project could not verify; shown only as attributed to its source",
    },
    "precision": {
        "exact": "coordinates of the site itself, from the cited coordinate source",
        "approximate": "near the site, or a route drawn through the places the sources name",
        "town_centre": "the centre of the town where the site is (a stand-in, not the site)",
        "country": "a country-level record with no place of its own",
    },
    "sector": {
        "energy": "power plants, retrofits, oil and gas",
        "transport": "motorways, roads, railways, bridges, stations, airports",
        "industry": "factories and industrial acquisitions",
        "mining": "mines and smelters",
        "culture": "cultural buildings",
        "health": "pharmaceutical plants",
        "municipal": "district heating, water supply, wastewater and waste",
        "digital": "data centres, telecom networks and technology centres",
        "industrial_park": "industrial parks and free zones",
    },
    "status": {
        "agreed": "an agreement or contract exists; construction not shown to have started",
        "under_construction": "works under way",
        "operating": "built or acquired and in operation",
        "completed": "works finished (e.g. a rehabilitation)",
        "stalled": "agreed or started, then stalled or not realised",
        "cancelled": "cancelled",
        "sold": "Chinese owner has sold or exited",
        "unverified": "current status not verified in the sources read",
    },
    "vendor_origin": {
        "chinese": "a Chinese vendor or Chinese-made equipment is named in the source",
        "non_chinese": "the vendor is named and is not Chinese",
        "not_identified": "the source names no vendor: never styled as Chinese",
        "classified": "the buyer keeps the vendor secret",
    },
    "surveillance_kind": {
        "video_surveillance": "camera systems",
        "police_equipment": "equipment used by police other than fixed cameras",
        "telecom": "telecommunication networks",
        "smart_city": "smart-city agreements",
        "cyber_security": "IT and cyber-security contracts",
        "research": "research and supercomputing cooperation",
        "procurement_aggregate": "national totals of public procurement",
    },
    "event_category": {
        "diplomatic": "diplomatic relations and recognition",
        "visit": "state visits and joint statements",
        "military_exercise": "joint military or special-forces training",
        "security": "police and security cooperation, intelligence statements",
        "arms": "arms deliveries",
        "soft_power": "Confucius Institutes, cultural and party links",
        "visa": "visa regimes with China",
        "eu": "EU accession steps",
        "nato": "NATO membership and partnership",
        "multilateral": "16+1 / 17+1 and other formats",
        "tech_security": "technology and cyber-security cooperation and warnings",
        "statement": "statements by officials",
        "media": "media presence",
    },
    "prc_recognition": {
        "recognised": "recognised by the PRC",
        "not_recognised": "not recognised by the PRC as a state",
    },
    "prc_relations": {
        "diplomatic_relations": "diplomatic relations with the PRC",
        "liaison_office": "no diplomatic relations; a Chinese liaison office operates",
        "severed": "relations severed",
    },
    "nato": {
        "member": "NATO member",
        "partnership_for_peace": "member of NATO's Partnership for Peace, not of NATO",
        "not_member": "not a NATO member (Partnership for Peace status not shown where unsourced)",
    },
    "eu": {
        "candidate": "EU candidate country",
        "applicant": "has applied for EU membership, not yet a candidate",
        "not_candidate": "not an EU candidate",
    },
    "china_cee": {
        "participant": "takes part in the China–CEEC format (16+1 / 17+1 / 14+1)",
        "not_participant": "does not take part",
    },
    "visa_china": {
        "mutual_visa_free": "mutual visa exemption with China",
        "visa_free_for_chinese": "the country lets Chinese citizens in without a visa (unilateral)",
        "seasonal_waiver_for_chinese": "a tourist-season waiver for Chinese citizens",
        "visa_free_by_china": "China lets this country's citizens in without a visa (unilateral)",
        "visa_required_for_chinese": "Chinese citizens need a visa",
        "none_recorded": "no visa waiver in the dataset for that year",
    },
    "vaccine_mode": {
        "purchase": "bought from the Chinese manufacturer",
        "donation": "donated by China",
        "third_country_donation": "Chinese-made vaccine donated by another country",
        "none": "no Chinese vaccine received",
        "eu_grant": "EU funding for vaccines (context)",
    },
    "figure": {
        "loan": "loan amount",
        "contract_value": "value of a contract",
        "investment": "investment or project value",
        "cost": "cost of the project or its works",
        "purchase_price": "price paid for an acquisition",
        "debt_outstanding": "debt still owed",
        "repaid": "amount repaid so far",
        "repayment": "a single repayment",
        "revenue": "revenue",
        "extra_cost": "costs outside the contract",
        "cameras": "cameras installed or counted",
        "cameras_planned": "cameras planned",
        "camera_capacity": "cameras a system could support (capacity, not installed)",
        "capacity_mw": "generating capacity",
        "length_km": "length",
        "deaths": "deaths",
        "jobs": "jobs kept or created",
        "duration_years": "duration",
        "final_maturity": "year the loan is to be repaid",
    },
    "not_mapped_reason": {
        "no_place": "no site of its own: budget support, equipment or goods donated, scholarships, training, teams sent",
        "below_threshold": "a site, but too small to count as a significant project (a school's renovation, a grant of a few "
                           "million dollars or less)",
        "part_of_record": "part of a project this dataset records (named in `record_id`), not a project of its own",
        "cancelled_before_agreement": "pledged or announced, never agreed or started",
        "not_infrastructure": "not a built, financed or owned asset: cultural, educational or medical exchanges",
        "minority_finance": "a Chinese bank's share of a commercial loan for a project neither built nor owned by "
                            "Chinese firms",
    },
    "host_kind": {
        "mirror": "copies another publisher's pages: never a primary source; a further source only as a labelled copy",
        "content_farm": "scraped, rewritten or aggregated copies: never cited",
        "spam": "copies on unrelated or throw-away domains: never cited",
    },
    "qualifier": {
        "about": "approximately",
        "more_than": "more than",
        "at_least": "at least",
        "up_to": "up to",
        "range_low": "lower end of a range",
        "range_high": "upper end of a range",
    },
}

# Currency amounts are in millions; other units are plain counts.
CURRENCIES = {"EUR", "USD", "RSD", "BAM", "CAD"}
# Rough EUR values of the currencies, only to find the figures above EUR 100M that need two sources (BAM is pegged).
EUR_RATES = {"EUR": 1.0, "USD": 0.9, "BAM": 1 / 1.95583, "RSD": 1 / 117, "CAD": 0.67}
TWO_SOURCES_ABOVE_EUR_M = 100
UNITS = CURRENCIES | {"MW", "km", "cameras", "people", "years", "year", "percent"}


@dataclass(frozen=True)
class Field:
    """One column of a data file: its kind decides how it is checked."""

    name: str
    kind: str  # id | text | countries | year | date | url | number | int | vocab:<name> | ref | bool
    required: bool
    description: str


COMMON_FIELDS: tuple[Field, ...] = (
    Field("id", "id", True, "stable record id, unique across the dataset (used in permalinks)"),
    Field("name", "text", True, "short name of the record"),
    Field("country", "countries", True, "ISO 3166 alpha-2 code(s), `XK` for Kosovo; several joined by `;`"),
    Field("year_from", "year", True, "first year the record applies to"),
    Field("year_to", "year", False, "last year it applies to; empty = still current"),
    Field("source_url", "url", True, "primary source (http or https)"),
    Field("publisher", "text", True, "who published the primary source; copies say so, e.g. `Reuters (via Nasdaq)`"),
    Field("published", "date", True, "publication date: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `undated`"),
    Field("confidence", "vocab:confidence", True, "how sure we are"),
    Field("notes", "text", False, "caveats, conflicts, context"),
    Field("aiddata_id", "aiddata", False, "AidData GCDF 3.0 project id(s) the record covers, `;`-separated "
          "(rows of `reference/gcdf.csv`; each links to its AidData project page)"),
)

PLACE_FIELDS: tuple[Field, ...] = (
    Field("place", "text", False, "place as the sources name it"),
    Field("precision", "vocab:precision", True, "how exact the geometry is"),
    Field("coord_source", "text", False, "where the coordinates come from (a URL or a named gazetteer entry)"),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("record_id", "ref", True, "id of the record this source supports"),
    Field("source_url", "url", True, "the source"),
    Field("publisher", "text", True, "who published it"),
    Field("published", "date", True, "publication date, or `undated`"),
    Field("note", "text", False, "what this source adds"),
)

FIGURE_FIELDS: tuple[Field, ...] = (
    Field("record_id", "ref", True, "id of the record the figure belongs to"),
    Field("figure", "vocab:figure", True, "what is measured"),
    Field("value", "number", True, "the number; currency amounts in millions"),
    Field("unit", "unit", True, "currency code (value in millions) or unit"),
    Field("qualifier", "vocab:qualifier", False, "about, more than, …; empty = as stated"),
    Field("as_of", "date", False, "date the figure refers to"),
    Field("label", "text", True, "what the figure is, in a few words"),
    Field("source_url", "url", True, "source of this figure"),
    Field("publisher", "text", True, "who published it"),
    Field("published", "date", True, "publication date, or `undated`"),
    Field("confidence", "vocab:confidence", True, "how sure we are of this figure"),
    Field("notes", "text", False, "caveats and conflicts"),
)


# The reference universe (geodata/reference/gcdf.csv, AidData's GCDF 3.0 rows for the six countries), how each row
# not drawn as a record is accounted for (geodata/not_mapped.csv), and the hosts no primary source may be on.
GCDF_ISO3 = {"SRB": "Serbia", "BIH": "Bosnia and Herzegovina", "MNE": "Montenegro", "MKD": "North Macedonia",
             "ALB": "Albania", "XKX": "Kosovo"}
REFERENCE_FIELDS: tuple[Field, ...] = (
    Field("aiddata_id", "int", True, "AidData record id"),
    Field("title", "text", True, "AidData's title of the project"),
    Field("recipient", "text", True, "recipient country"),
    Field("recipient_iso3", "text", True, "its ISO 3166 alpha-3 code"),
    Field("status", "text", True, "AidData's status"),
    Field("sector", "text", True, "AidData's sector"),
    Field("amount_usd_2021", "number", False, "amount in constant 2021 US dollars (units, not millions)"),
    Field("infrastructure", "text", False, "`Yes` where AidData flags the project as infrastructure"),
    Field("commitment_year", "year", False, "year of commitment"),
    Field("start_year", "year", False, "year implementation started"),
    Field("completion_year", "year", False, "year of completion"),
    Field("commitment_date", "date", False, "date of commitment"),
    Field("start_date", "date", False, "date implementation started"),
    Field("completion_date", "date", False, "date of completion"),
    Field("osm_precision", "text", False, "AidData's geolocation precision"),
    Field("osm_geometry", "text", False, "geometry type of the OpenStreetMap feature(s)"),
    Field("osm_link", "text", False, "OpenStreetMap link(s) AidData geolocated the project with"),
)
NOT_MAPPED_FIELDS: tuple[Field, ...] = (
    Field("aiddata_id", "int", True, "AidData record id (a row of `reference/gcdf.csv`)"),
    Field("reason", "vocab:not_mapped_reason", True, "why the row is not a record of its own"),
    Field("record_id", "ref", False, "the record it is part of (required with `part_of_record`)"),
    Field("note", "text", True, "what the row is and why the reason applies"),
)
HOST_FIELDS: tuple[Field, ...] = (
    Field("host", "text", True, "host name; it covers its subdomains too"),
    Field("kind", "vocab:host_kind", True, "what the site does"),
    Field("reason", "text", True, "why it is listed, as seen on the site"),
)

# Statuses of a finished project (its earlier status comes from its completion year), and those a later status
# (stalled, cancelled, sold) can follow (layers._view.status_change; checked in layers._validate).
FINISHED_STATUSES = ("operating", "completed")
EARLIER_STATUSES = ("agreed", "unverified", "under_construction", *FINISHED_STATUSES)


def vocab_name(kind: str) -> str | None:
    """The name of the vocabulary a `vocab:<name>` kind refers to, or None for other kinds."""
    return kind.split(":", 1)[1] if kind.startswith("vocab:") else None


def vocabulary(kind: str) -> dict[str, str] | None:
    """The vocabulary a `vocab:<name>` kind refers to, or None for other kinds."""
    name = vocab_name(kind)
    return VOCABULARIES[name] if name is not None else None
