"""The built documentation site, served on 127.0.0.1 and opened in headless Chromium.

Needs Playwright for Python, the docs' theme (the ``docs`` extra) and Debian's chromium at
/usr/bin/chromium; the module is skipped where any is missing. Playwright never downloads
a browser here: it drives the system Chromium through ``executable_path``.
"""

from __future__ import annotations

import functools
import json
import re
import struct
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
import yaml

import interviewtips
from interviewtips._record_types import RECORD_TYPES
from interviewtips.sphinxext import _guide_records

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("furo", reason="the docs' theme: install the docs extra")

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium", allow_module_level=True)

TESTS = Path(__file__).resolve().parent
DOCS = TESTS.parent / "docs"
if not (DOCS / "conf.py").is_file():
    pytest.skip(f"no Sphinx project at {DOCS}", allow_module_level=True)

ARTIFACTS = TESTS / "artifacts"
STAGE = "second-interview"
STAGE_PAGE = f"catalogue/stages/{STAGE}.html"
#: The flags this machine's notes give for Chromium: headless, and no network of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
#: The part of the stage page the screenshot keeps, in CSS pixels.
SHOT = {"x": 0, "y": 0, "width": 1280, "height": 2400}
#: Milliseconds any one browser step may take.
WAIT_MS = 5_000
#: Milliseconds a search that lists every page may take to list them all.
SEARCH_WAIT_MS = 30_000
#: Seconds the docs build may take.
BUILD_TIMEOUT = 300
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_WORD = re.compile(r"\w+")
_CANDIDATE = re.compile(r"[a-z]{6,}")


class Site(NamedTuple):
    """The built HTML documentation and the address it is served at."""

    root: Path
    url: str


class RareWord(NamedTuple):
    """A word found in one generated tip only, and the pages the search should find."""

    word: str
    tip: interviewtips.Tip
    pages: frozenset[str]


class _Quiet(SimpleHTTPRequestHandler):
    """Serve files without a line on stderr for every request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


class _Text(HTMLParser):
    """Collect the text of an HTML page, leaving out scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    """Return the visible text of a built HTML page."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def strings(value: Any) -> Iterator[str]:
    """Yield every string in plain data (dicts, lists, strings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def pages_showing(catalog: interviewtips.Catalog, tip: interviewtips.Tip) -> frozenset[str]:
    """Return the catalogue pages (docnames) whose guide shows a tip.

    Stage and topic pages show every tip tagged with them; situation and region pages
    only those written for them (their guides are ``:specific:``).
    """
    found = []
    for facet, folder, specific in (
        ("stage", "stages", False),
        ("topic", "topics", False),
        ("situation", "situations", True),
        ("region", "regions", True),
    ):
        for value in getattr(catalog, folder):
            records = _guide_records(catalog, {facet: [value.id]}, specific=specific)
            if tip in records["tips"]:
                found.append(f"catalogue/{folder}/{value.id}")
    return frozenset(found)


def find_rare_word(catalog: interviewtips.Catalog, html_root: Path) -> RareWord:
    """Return the first word (of 6 letters or more) that only one tip's detail uses.

    The tip is one its first stage's page shows: general advice, not one situation's.

    Sphinx's search matches stems, so the word's stem must be the stem of no other word
    in the catalog, nor on any built page that does not show the tip: hand-written pages
    and the generated pages' own headings alike.
    """
    from sphinx.search.en import SearchEnglish  # noqa: PLC0415 - only with the docs built

    stem = functools.lru_cache(maxsize=None)(SearchEnglish({}).stem)
    catalog_stems: dict[str, int] = {}
    for text in strings(catalog.to_dict()):
        for word in _WORD.findall(text):
            catalog_stems[stem(word)] = catalog_stems.get(stem(word), 0) + 1
    page_stems = {
        path.relative_to(html_root).with_suffix("").as_posix(): {
            stem(word) for word in _WORD.findall(page_text(path))
        }
        for path in html_root.rglob("*.html")
    }
    for tip in catalog.tips:
        showing = pages_showing(catalog, tip)
        if f"catalogue/stages/{tip.stages[0]}" not in showing:
            continue  # advice for one situation or region: its stage pages leave it out
        elsewhere = set().union(*(s for name, s in page_stems.items() if name not in showing))
        for word in sorted(set(_CANDIDATE.findall(tip.detail.lower()))):
            if catalog_stems[stem(word)] == 1 and stem(word) not in elsewhere:
                return RareWord(word, tip, showing)
    pytest.fail("no word of 6 letters or more is used by one generated tip only")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build the HTML docs into a temporary folder and serve them on 127.0.0.1."""
    out = tmp_path_factory.mktemp("html")
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert 0 == build.returncode, build.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(out, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Start Debian's Chromium, headless, with a new empty profile."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            timeout=WAIT_MS * 2,
        )
        browser.set_default_timeout(WAIT_MS)
        browser.set_default_navigation_timeout(WAIT_MS)
        try:
            yield browser
        finally:
            browser.close()


class Browser(NamedTuple):
    """A fresh tab, and the JavaScript errors it has reported so far."""

    page: Page
    errors: list[str]


@pytest.fixture
def tab(site: Site, context: BrowserContext) -> Iterator[Browser]:
    """Open a tab that records uncaught exceptions and console errors."""
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        url = message.location.get("url", "")
        # Chromium asks for /favicon.ico on its own, once per profile; the site sets no
        # html_favicon, so that request is a 404 no page made.
        if message.type == "error" and url != f"{site.url}favicon.ico":
            errors.append(f"console: {message.text} ({url})")

    def on_error(error: Error) -> None:
        errors.append(f"pageerror: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        yield Browser(page, errors)
    finally:
        page.close()


@pytest.fixture(scope="module")
def catalog() -> interviewtips.Catalog:
    """The built-in catalog the docs were generated from."""
    return interviewtips.load()


@pytest.fixture(scope="module")
def rare(site: Site, catalog: interviewtips.Catalog) -> RareWord:
    """A word that only one generated tip uses."""
    return find_rare_word(catalog, site.root)


def search_results(page: Page) -> list[str]:
    """Wait for Sphinx's search to finish, then return the links it lists.

    Sphinx lists results one at a time, fetching each page's summary: a word on every
    page ("interview", about 400 results with every record indexed) takes seconds.
    """
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.innerText.length > 0",
        timeout=SEARCH_WAIT_MS,
    )
    return page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


class TestStagePage:
    """The second-interview page shows every tip the library's guide for that stage holds."""

    def test_shows_every_tip(
        self, site: Site, tab: Browser, catalog: interviewtips.Catalog
    ) -> None:
        """Each second-interview tip's title is shown once, in view, and no other tip's."""
        tab.page.goto(site.url + STAGE_PAGE)
        shown = tab.page.locator(".interview-tip .interview-tip-title").evaluate_all(
            "titles => titles.filter(t => t.getBoundingClientRect().height > 0)"
            ".map(t => t.textContent)"
        )
        expected = sorted(tip.title for tip in catalog.guide(stage=STAGE).tips)
        assert expected == sorted(shown)

    def test_screenshot(self, site: Site, tab: Browser) -> None:
        """A screenshot of the stage page is kept in tests/artifacts/ as a real PNG."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{STAGE}.png"
        path.unlink(missing_ok=True)
        tab.page.goto(site.url + STAGE_PAGE)
        tab.page.locator(".interview-tip").first.wait_for(state="visible")
        # The page's top and its first tips: the whole page is tens of thousands of pixels.
        tab.page.screenshot(path=str(path), full_page=True, clip=SHOT)
        data = path.read_bytes()
        assert PNG_SIGNATURE == data[:8]
        assert (SHOT["width"], SHOT["height"]) == struct.unpack(">II", data[16:24])
        assert len(data) > 10 * 1024


class TestSearch:
    """The site's search finds words that only the generated catalogue holds."""

    def test_rare_word_finds_the_tip(self, site: Site, tab: Browser, rare: RareWord) -> None:
        """Searching a word of one tip's detail lists exactly the pages that show that tip."""
        tab.page.goto(f"{site.url}search.html?q={rare.word}")
        found = {href.partition("#")[0].removesuffix(".html") for href in search_results(tab.page)}
        assert f"catalogue/stages/{rare.tip.stages[0]}" in found
        assert sorted(rare.pages) == sorted(found)

    def test_result_opens_the_tip(self, site: Site, tab: Browser, rare: RareWord) -> None:
        """Following the result for the tip's main stage opens a page that shows the tip."""
        tab.page.goto(f"{site.url}search.html?q={rare.word}")
        search_results(tab.page)
        page = f"catalogue/stages/{rare.tip.stages[0]}.html"
        tab.page.locator(f'#search-results a[href^="{page}"]').first.click()
        tab.page.wait_for_url(f"**/{page}*")
        detail = tab.page.locator(f"#tip-{rare.tip.id} .interview-tip-detail")
        assert rare.tip.detail == detail.text_content()


class TestAnchors:
    """Every tip has an anchor ``tip-<id>`` that a link can point to."""

    def test_every_tip_has_its_anchor(
        self, site: Site, tab: Browser, catalog: interviewtips.Catalog
    ) -> None:
        """Each tip on the stage page carries the id ``tip-<its id>``, and no other tip shows."""
        tab.page.goto(site.url + STAGE_PAGE)
        ids = tab.page.locator(".interview-tip").evaluate_all("tips => tips.map(t => t.id)")
        assert sorted(f"tip-{tip.id}" for tip in catalog.guide(stage=STAGE).tips) == sorted(ids)

    def test_link_scrolls_to_the_tip(
        self, site: Site, tab: Browser, catalog: interviewtips.Catalog
    ) -> None:
        """Opening ``page.html#tip-<id>`` targets that tip and scrolls it into view."""
        tip = catalog.guide(stage=STAGE).tips[-1]
        tab.page.goto(f"{site.url}{STAGE_PAGE}#tip-{tip.id}")
        # Furo scrolls smoothly: wait until the tip is in view, not for a fixed time.
        tab.page.wait_for_function(
            """() => {
                const top = document.querySelector(':target')?.getBoundingClientRect().top;
                return top >= 0 && top < innerHeight;
            }"""
        )
        target = tab.page.locator(":target")
        assert f"tip-{tip.id}" == target.get_attribute("id")
        assert tip.title == target.locator(".interview-tip-title").text_content()
        assert tab.page.evaluate("scrollY") > 0

    def test_role_link_opens_the_tip(
        self, site: Site, tab: Browser, catalog: interviewtips.Catalog
    ) -> None:
        """The ``:interview-tip:`` link in the how-to opens the stage page at that tip."""
        tab.page.goto(site.url + "howto/directive.html")
        link = tab.page.locator('a[href*="#tip-"]').first
        tip = catalog.lookup(link.get_attribute("href").rpartition("#tip-")[2])
        link.click()
        tab.page.wait_for_url(f"**/catalogue/stages/{tip.stages[0]}.html#tip-{tip.id}")
        target = tab.page.locator(":target")
        assert f"tip-{tip.id}" == target.get_attribute("id")
        assert tip.title == target.locator(".interview-tip-title").text_content()
        assert target.is_visible()


class TestBuiltPages:
    """What the built site says, read from its files."""

    def test_topic_page_shows_every_record_type(
        self, site: Site, catalog: interviewtips.Catalog
    ) -> None:
        """The thank-you topic's page anchors every record tagged with it, templates included."""
        html_ = (site.root / "catalogue/topics/thank-you-note.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html_))
        expected = {
            f"{record_type.singular.replace(' ', '-')}-{record.id}"
            for name, record_type in RECORD_TYPES.items()
            for record in catalog.select(name, topic="thank-you-note")
        }
        assert {"template-thank-you-after-one-to-one", "template-thank-you-after-panel"} <= expected
        assert set() == expected - ids

    def test_problem_fixes_keep_straight_quotes(self, site: Site) -> None:
        """The YAML in a problem code's fix parses: no curly quotes crept into it."""
        text = page_text(site.root / "reference/problems.html")
        fix = re.search(r"quote the value: (title: .*?)\.\s", text)
        assert fix is not None
        assert {"title": "Don't: panic"} == yaml.safe_load(fix.group(1))


class TestNoJavaScriptErrors:
    """The pages run their scripts without an exception or a console error."""

    @pytest.mark.parametrize("path", ["index.html", STAGE_PAGE, "search.html?q=interview"])
    def test_page(self, site: Site, tab: Browser, path: str) -> None:
        """Loading the page (and, for search, running the search) reports no error."""
        tab.page.goto(site.url + path, wait_until="load")
        if path.startswith("search.html"):
            assert search_results(tab.page)
        tab.page.wait_for_load_state("networkidle")
        assert [] == tab.errors


def contrast(first: str, second: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two CSS colours given as ``rgb(r, g, b)``."""

    def luminance(colour: str) -> float:
        channels = [int(value) / 255 for value in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class TestSearchLandsOnTheTip:
    """A search result for a tip opens the page at the tip itself."""

    def test_object_result_opens_the_tip(
        self, site: Site, tab: Browser, catalog: interviewtips.Catalog
    ) -> None:
        """Searching a tip's title lists it; following that result targets and opens the tip."""
        tip = catalog.lookup("reflect-on-the-first-round")
        tab.page.goto(f"{site.url}search.html?q={tip.title}")
        hrefs = search_results(tab.page)
        link = next(href for href in hrefs if href.endswith(f"#tip-{tip.id}"))
        assert f"catalogue/stages/{tip.stages[0]}.html#tip-{tip.id}" == link
        shown = tab.page.locator(f'#search-results a[href="{link}"]').first
        assert tip.title == shown.text_content()
        shown.click()
        tab.page.wait_for_url(f"**/{link}")
        target = tab.page.locator(":target")
        assert f"tip-{tip.id}" == target.get_attribute("id")
        assert target.evaluate("node => node.open") is True
        assert target.locator(".interview-tip-detail").first.is_visible()

    def test_every_search_object_resolves(self, site: Site) -> None:
        """Every interviewtips object in the site's search index is an anchor on its page."""
        text = (site.root / "searchindex.js").read_text(encoding="utf-8")
        index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        kinds = {
            int(key): objtype
            for key, (domain, objtype, _) in index["objnames"].items()
            if domain == "interviewtips"
        }
        checked = 0
        ids: dict[str, set[str]] = {}
        for entries in index["objects"].values():
            for page_index, type_index, _, anchor, name in entries:
                if type_index not in kinds:
                    continue
                docname = index["docnames"][page_index]
                if docname not in ids:
                    html_ = (site.root / f"{docname}.html").read_text(encoding="utf-8")
                    ids[docname] = set(re.findall(r'\sid="([^"]+)"', html_))
                assert anchor not in ("", "-"), name
                assert anchor in ids[docname], (docname, anchor)
                assert "&" not in name
                checked += 1
        assert checked > 500


class TestAccessibility:
    """Do and don't are told apart by words and icons, with enough contrast."""

    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_badge_contrast(self, site: Site, tab: Browser, scheme: str) -> None:
        """Each kind's badge says Do or Don't with an icon, its text at 4.5:1 or more."""
        tab.page.emulate_media(color_scheme=scheme)
        tab.page.goto(site.url + STAGE_PAGE)
        for kind, word, icon in (("do", "Do", "\u2713"), ("dont", "Don\u2019t", "\u2717")):
            badge = tab.page.locator(f".interview-badge-{kind}").first
            assert f"{icon} {word}" == " ".join(badge.inner_text().split())
            colours = badge.evaluate(
                "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
            )
            assert contrast(*colours) >= 4.5, colours

    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_border_contrast(self, site: Site, tab: Browser, scheme: str) -> None:
        """Each kind's border has at least 3:1 against the page's background."""
        tab.page.emulate_media(color_scheme=scheme)
        tab.page.goto(site.url + STAGE_PAGE)
        page_background = tab.page.evaluate("getComputedStyle(document.body).backgroundColor")
        for kind in ("do", "dont"):
            style, width, border = tab.page.locator(f".interview-kind-{kind}").first.evaluate(
                "b => { const s = getComputedStyle(b);"
                " return [s.borderLeftStyle, parseFloat(s.borderLeftWidth), s.borderLeftColor]; }"
            )
            assert ("solid", True) == (style, width >= 3), (kind, style, width)
            assert contrast(border, page_background) >= 3, (kind, border)

    def test_diagram_has_alt_text(self, site: Site, tab: Browser) -> None:
        """The lifecycle diagram on the catalogue's landing page has a text alternative."""
        tab.page.goto(site.url + "catalogue/index.html")
        diagram = tab.page.locator(".graphviz object, .graphviz img").first
        alt = diagram.get_attribute("alt") or diagram.text_content() or ""
        assert "Second interview" in alt


class TestPhone:
    """The stage page at a phone's width: 390 CSS pixels."""

    def test_stage_page_fits_and_stacks(self, site: Site, context: BrowserContext) -> None:
        """Nothing scrolls sideways, and the don'ts come below the do's, at full width."""
        page = context.new_page()
        try:
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(site.url + STAGE_PAGE)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            columns = page.locator(".interview-tip-columns > .interview-column")
            boxes = columns.evaluate_all(
                "cs => cs.map(c => { const r = c.getBoundingClientRect();"
                " return [r.left, r.top, r.width]; })"
            )
            (do_left, do_top, do_width), (dont_left, dont_top, dont_width) = boxes
            assert (do_left, do_width) == (dont_left, dont_width)
            assert dont_top > do_top
            assert do_width > 300
            badge = page.locator(".interview-badge-dont").first
            badge.scroll_into_view_if_needed()
            assert badge.is_visible()
        finally:
            page.close()

    def test_email_template_wraps(self, site: Site, context: BrowserContext) -> None:
        """An opened email template wraps its lines: nothing in it scrolls out of reach."""
        page = context.new_page()
        try:
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(site.url + STAGE_PAGE)
            template = page.locator("details.interview-template").first
            template.locator("summary").click()
            email = template.locator(".interview-template-email pre").first
            email.wait_for(state="visible")
            widths = email.evaluate("pre => [pre.scrollWidth, pre.clientWidth]")
            assert widths[0] <= widths[1], widths
        finally:
            page.close()
