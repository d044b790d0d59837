"""Panel HTML helpers: free text from data gets its URLs as links and nothing else as markup."""

from __future__ import annotations

from layers._details import linked


def test_urls_in_free_text_become_links_and_the_rest_stays_text() -> None:
    html = linked("Podgorica (GeoNames 3193044 https://www.geonames.org/3193044); Kurir, 2022 https://kurir.rs/a?b=1&c=2.")
    assert '<a href="https://www.geonames.org/3193044" target="_blank" rel="noopener noreferrer nofollow">' in html
    assert 'href="https://kurir.rs/a?b=1&amp;c=2"' in html and html.endswith("</a>.")  # the full stop is not the URL's
    assert html.startswith("Podgorica (GeoNames 3193044 <a") and "</a>); Kurir" in html


def test_markup_and_other_schemes_in_free_text_stay_text() -> None:
    html = linked('<img src=x onerror=alert(1)> javascript:alert(1) https://ok.example/"><script>alert(1)</script>')
    assert "<img" not in html and "<script" not in html and "javascript:" in html
    assert html.count("<a ") == 1 and 'href="https://ok.example/"' in html
    assert linked("no link here") == "no link here"
