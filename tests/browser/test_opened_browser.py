"""What the app opens takes the reader to it (static/app/opened.js): a record opened from a profile's list brings its
title into view with the keyboard's focus; on a phone a pick in the search folds the sidebar away."""

from __future__ import annotations

from helpers import open_settled, wait_for


def open_page(page, url: str) -> None:
    """The page, its map drawn and its layout settled (a click must not land on the map as the page moves)."""
    open_settled(page, url)
    page.wait_for_timeout(1000)


def focused(page) -> str:
    return page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.textContent")


def test_a_record_opened_from_a_profile_is_brought_into_view_with_the_focus(browser, app_url) -> None:
    for size in ({"width": 1400, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=size, is_mobile=size["width"] < 500, has_touch=size["width"] < 500)
        page = context.new_page()
        open_page(page, f"{app_url}/?year=2024&country=RS")
        assert page.evaluate("window.scrollY") == 0 and not focused(page).startswith("H2")  # a link's view: the top
        button = page.locator('[data-testid="stExpander"] button').filter(has_text="Pupin Bridge").first
        button.scroll_into_view_if_needed()
        button.click()
        page.wait_for_function("() => location.search.includes('record=INF03')", timeout=20_000)
        assert wait_for(lambda: focused(page).startswith("H2 Pupin Bridge")), page.evaluate(
            "[window.wbOpened, [...document.querySelectorAll('[data-wb-opened]')].map(m => m.dataset.wbOpened + '|' + m.dataset.wbTitle), [...document.querySelectorAll('h2.wb-title')].map(h => h.textContent)]")
        top = page.evaluate("document.querySelector('h2.wb-title').getBoundingClientRect().top")
        header = page.evaluate("document.querySelector('[data-testid=stHeader]').getBoundingClientRect().bottom")
        context.close()
        assert header <= top < header + 60, (size, top, header)  # in view, below Streamlit's header bar


def test_on_a_phone_a_pick_in_the_search_folds_the_sidebar_away(browser, app_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_page(page, f"{app_url}/?year=2016")
    sidebar = page.locator('[data-testid="stSidebar"]')
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    assert wait_for(lambda: sidebar.get_attribute("data-collapsed") == "false")
    page.locator('.st-key-find [data-testid="stSelectbox"]').click()
    page.keyboard.type("Pupin Bridge")
    options = page.get_by_role("option")
    assert wait_for(lambda: options.count() == options.filter(has_text="Pupin Bridge").count() >= 1)  # the list filtered
    options.filter(has_text="Pupin Bridge").first.click()
    assert wait_for(lambda: sidebar.get_attribute("data-collapsed") == "true")
    assert wait_for(lambda: focused(page).startswith("H2 Pupin Bridge")), focused(page)
    context.close()
