"""Panel HTML helpers: free text from data gets its URLs as links and nothing else as markup."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from layers import LAYERS
from layers._dataset import load_dataset
from layers._details import (DATASET_VERSION, citation_html, country_profile, profile_html, record_html, same_place,
                             shared_points)
from layers._panel import linked, named
from layers._templates import rich_html
from layers._permalink import parse
from layers._records import DATA_DIR


def test_urls_in_free_text_become_links_and_the_rest_stays_text() -> None:
    runs = linked("Podgorica (GeoNames 3193044 https://www.geonames.org/3193044); Kurir, 2022 https://kurir.rs/a?b=1&c=2.")
    assert runs[1] == ["https://www.geonames.org/3193044", "https://www.geonames.org/3193044"] and runs[-1] == "."
    html = rich_html(runs)
    assert '<a href="https://www.geonames.org/3193044" target="_blank" rel="noopener noreferrer nofollow">' in html
    assert 'href="https://kurir.rs/a?b=1&amp;c=2"' in html and html.endswith("</a>.")  # the full stop is not the URL's
    assert html.startswith("Podgorica (GeoNames 3193044 <a") and "</a>); Kurir" in html


def test_markup_and_other_schemes_in_free_text_stay_text() -> None:
    html = rich_html(linked('<img src=x onerror=alert(1)> javascript:alert(1) https://ok.example/"><script>alert(1)</script>'))
    assert "<img" not in html and "<script" not in html and "javascript:" in html
    assert html.count("<a ") == 1 and 'href="https://ok.example/"' in html
    assert linked("no link here") == ["no link here"]
    route = rich_html(linked("route file srb.a002 https://github.com/T/H/blob/4b47/srb.a002.wpt): exit 1 (Obrenovac)"))
    assert 'href="https://github.com/T/H/blob/4b47/srb.a002.wpt"' in route and "</a>): exit 1" in route


def test_a_citation_names_the_record_and_links_back_to_it_in_its_year() -> None:
    html = citation_html('Plant <img src=x onerror=alert(1)>', "record INF01", "https://maps.example.org/wb",
                         {"year": "2021", "record": "INF01"}, "2026-11-29")
    assert "<img" not in html and "“Plant &lt;img" in html and "record INF01" in html and "Accessed November 29, 2026" in html
    assert f"a sourced dataset and map dashboard, version {DATASET_VERSION}. Accessed" in html
    href = re.search(r'href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert href == "https://maps.example.org/wb/?year=2021&record=INF01"
    state = parse(parse_qs(urlsplit(href).query), years=(2012, 2026), layer_ids=list(LAYERS), fill_ids=["diplomacy"],
                  countries={"BA"}, record_exists=lambda rid: rid == "INF01")
    assert (state.year, state.record, state.notices) == (2021, "INF01", [])


def test_a_citation_link_drops_any_query_or_fragment_of_the_apps_address_and_keeps_its_path() -> None:
    for address, expected in (("https://h.example/app#top", "https://h.example/app/"), ("https://h.example/?", "https://h.example/"),
                              ("https://h.example/wb/app/", "https://h.example/wb/app/"), ("https://h.example/?x=1", "https://h.example/")):
        html = citation_html("Plant", "record INF01", address, {"year": "2021", "record": "INF01"}, "2026-11-29")
        assert re.search(r'href="([^"]+)"', html).group(1) == expected + "?year=2021&amp;record=INF01", address


def test_the_cited_version_is_the_projects_release() -> None:
    """CITATION.cff (read by citation managers) and pyproject.toml name one release, which citations quote."""
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert DATASET_VERSION and DATASET_VERSION == project["project"]["version"]


def test_a_citation_links_only_to_a_plain_http_address_of_the_app() -> None:
    for address in (None, "", "javascript:alert(1)", "data:text/html,hi", "ftp://maps.example.org/"):
        html = citation_html("Plant", "record INF01", address, {"year": "2021", "record": "INF01"}, "2026-11-29")
        assert "<a " not in html and "record INF01" in html, address


def test_a_status_based_on_a_later_event_says_the_event_came_after_the_year() -> None:
    """"Not a candidate" in 2013 rests on Albania becoming one in 2014: the profile must not read as if it had."""
    dataset = load_dataset(LAYERS)
    before = country_profile(dataset, "AL", 2013).blocks["diplomacy"][2]
    assert re.search(r"Albania becomes an EU candidate</span> \(in 2014, after this year, <a ", before), before
    assert "Albania becomes an EU candidate</span> (<a " in country_profile(dataset, "AL", 2014).blocks["diplomacy"][2]
    assert "Bosnia and Herzegovina becomes an EU candidate</span> (in 2022, after this year" in country_profile(dataset, "BA", 2020).blocks["diplomacy"][2]


def test_a_profile_says_where_sources_disagree_on_a_poll() -> None:
    html = country_profile(load_dataset(LAYERS), "ME", 2024).blocks["sentiment"][2]
    first, second = html.split("</p>")[:2]  # IRI 2024 on Xi Jinping: 46 % in Anadolu's copy, 39 % in RTCG's
    assert "<b>46%</b>" in first and "also reported as 39% (mne.news (citing RTCG))" in first
    assert "<b>39%</b>" in second and "also reported as 46% (A News (Anadolu))" in second
    assert "disagree" not in country_profile(load_dataset(LAYERS), "RS", 2024).blocks["sentiment"][2]


def panel_of(record_id: str, year: int) -> str:
    dataset = load_dataset(LAYERS)
    layer_id, row = dataset.record(record_id)
    return record_html(dataset, layer_id, row, year)


def test_a_record_opened_in_a_year_the_map_does_not_show_it_says_so_and_claims_no_status_for_that_year() -> None:
    before = panel_of("INF01", 2012)  # Stanari: from 2013
    assert "Not on the map in 2012: this record is for 2013 onwards." in before
    assert "under construction in 2012" not in before and "operating" in before  # its status now, none for 2012
    during = panel_of("INF01", 2014)
    assert "Not on the map" not in during and "under construction in 2014; operating according to its latest sources" in during
    assert "this record is for 2020." in panel_of("DIP004", 2021)


def test_every_source_says_which_site_its_link_leads_to_and_a_poll_shows_no_series_id() -> None:
    html = panel_of("INF10", 2025)
    hosts = re.findall(r"<small class='wb-host' translate='no'>\(([^)]*)\)</small>", html)
    assert "en.people.cn" in hosts and "fdiintelligence.com" in hosts  # each link says which site it leads to
    assert "naslovi.net" not in hosts and "via naslovi.net" in html  # a copy's label names its site already
    sources = html.split("<h3>Sources</h3>")[1]
    links = re.findall(r"<a href=\"([^\"]+)\"[^>]*>([^<]*)</a></span>(?: <small class='wb-host' translate='no'>\(([^)]*)\)</small>)?",
                       sources)
    assert len(links) >= 3
    for url, text, shown in links:
        site = re.sub(r"^www\.", "", url.split("/")[2])
        assert shown == site or site in text  # every source link says which site it leads to, once
    poll = panel_of("SEN_IRI2021_MK", 2021)
    assert "iri-mk-relations-interest" not in poll and "netpress.com.mk" in poll
    # a site named by its publisher already, or a note that repeats the publisher or the date, is not said twice
    assert ">GEM</a></span> <small class='wb-host' translate='no'>(gem.wiki)</small>, undated</li>" in panel_of("INF01", 2020)  # note: "GEM"
    assert ">bne</a></span> <small class='wb-host' translate='no'>(intellinews.com)</small>, published March 5, 2019</li>" in panel_of("INF20", 2020)
    assert ">atvbl.com</a></span>, published August 21, 2019</li>" in panel_of("SUR13", 2020)  # no "(atvbl.com)", no date again


def test_a_record_named_in_a_note_is_named_by_its_name_not_its_id() -> None:
    dataset = load_dataset(LAYERS)
    assert named(dataset, "Conflicts with GSEN04_ME (39%); see B3 and <b>") == (
        "Conflicts with “IRI: favourable view of Xi Jinping – Montenegro 2024” (39%); see B3 and <b>")  # text, not markup
    assert "see B3 and &lt;b&gt;" in rich_html([named(dataset, "see B3 and <b>")])
    html = panel_of("VAC03", 2021)
    assert "includes “Sinopharm to Serbia: 1,000,000 doses, bought” and" in html and "VAC01" not in html


def test_the_records_drawn_on_one_point_in_a_year_are_found() -> None:
    dataset = load_dataset(LAYERS)
    # Belgrade's town point: the city's cameras and smart-city deal, and the projects the sources place only in the city
    assert {rid for rid, _ in same_place(dataset, "DIP017", 2021)} == {"SUR01", "SUR10", "INF40", "INF49", "INF74"}
    assert {rid for rid, _ in same_place(dataset, "SUR10", 2021)} >= {"SUR01", "DIP017", "DIP018"}  # each of its towns
    assert same_place(dataset, "INF01", 2021) == [] and same_place(dataset, "NOPE", 2021) == []
    assert "SUR01" not in {rid for rid, _ in same_place(dataset, "DIP017", 2012)}  # not yet shown that year
    shared = shared_points(dataset)
    assert all(rid in shared[other] for rid, others in shared.items() for other in others)  # each way round
    assert "INF01" not in shared and {"SUR01", "SUR10"} <= set(shared["DIP017"])


def test_a_profile_section_without_records_says_none_were_recorded() -> None:
    """Not "None": Jinja reads a variable named `none` as its own None, which printed as the word."""
    html = profile_html(load_dataset(LAYERS, DATA_DIR), "RS", 2024)
    assert "<p class='wb-help'>None recorded for 2024.</p>" in html and "<p class='wb-help'>None</p>" not in html
