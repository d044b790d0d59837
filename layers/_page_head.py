"""The served page's head for link previews and search engines: Streamlit's index.html says "Streamlit" and sets
the app's title only once its script runs, which crawlers and chat apps' link previews never do. They are in the
language the link names (`?lang=`), else the one the browser asks for (Accept-Language), as the app's first view is;
the page's lang attribute says which."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from ._i18n import SOURCE, from_browser, from_link, language, speaking
from ._map import esc
from ._messages import t

if TYPE_CHECKING:  # Starlette comes with Streamlit's server; only its types are named here
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

STREAMLIT_TITLE = "<title>Streamlit</title>"
STREAMLIT_HTML = '<html lang="en">'


def page_language(query: str, accept_language: str) -> str:
    """The language of a request for the page: the link's `lang`, else the first language of the browser's
    Accept-Language the dashboard speaks ("sr-RS,sr;q=0.9,en;q=0.8" -> sr-Cyrl), else English."""
    link = from_link(next(iter(parse_qs(query).get("lang", [])[-1:]), None))
    if link:
        return link
    wanted = []
    for part in accept_language.split(",")[:20]:
        tag, _, quality = part.strip().partition(";q=")
        try:
            wanted.append((-float(quality or 1), len(wanted), tag.strip()))
        except ValueError:
            continue
    return next((from_browser(tag) for _, _, tag in sorted(wanted) if from_browser(tag) != SOURCE or
                 tag.lower().startswith("en")), SOURCE)


def page_head() -> str:
    """Title, description and Open Graph tags, escaped."""
    title, description = esc(t("app.title")), esc(t("app.subtitle"))
    return (f"<title>{title}</title>\n    <meta name=\"description\" content=\"{description}\" />\n"
            f"    <meta property=\"og:type\" content=\"website\" />\n"
            f"    <meta property=\"og:title\" content=\"{title}\" />\n"
            f"    <meta property=\"og:description\" content=\"{description}\" />\n"
            f"    <meta name=\"twitter:card\" content=\"summary\" />")


def with_page_head(html: str, lang: str = SOURCE) -> str:
    """`html` with Streamlit's title replaced by the app's head in `lang`, and its lang attribute; unchanged if
    Streamlit's page no longer has them."""
    with speaking(lang):
        return html.replace(STREAMLIT_TITLE, page_head(), 1).replace(STREAMLIT_HTML, f'<html lang="{esc(language())}">', 1)


def _is_page(scope: Scope) -> bool:
    """A request Streamlit answers with its index.html: a GET for a path that is no asset or endpoint of its own."""
    path = scope.get("path", "")
    return (scope["type"] == "http" and scope.get("method") == "GET"
            and not path.startswith(("/static/", "/_stcore/", "/app/static/", "/component/", "/media/"))
            and "." not in path.rsplit("/", 1)[-1])


class PageHead:
    """ASGI middleware: puts `page_head` into the served index.html (a 3 kB page, asked for uncompressed so its text
    can be edited; every other response passes untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_page(scope):
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: Message | None = None
        chunks: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message["headers"]}
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message
                    return
            elif start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                lang = page_language(scope.get("query_string", b"").decode("latin-1"),
                                     dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1"))
                body = with_page_head(b"".join(chunks).decode("utf-8"), lang).encode("utf-8")
                headers = [(k, v) for k, v in start["headers"] if k.lower() not in (b"content-length", b"etag")]
                await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode()),
                                                  (b"vary", b"Accept-Language")]})  # its language follows the header
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, edit)
