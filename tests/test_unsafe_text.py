"""Text that could forge or hide what readers see is refused; text that is shown is escaped.

Issue 14's findings 3 (line and direction controls in single-line fields), 4 (Markdown
output that escaped nothing) and 5 (forged compiled forms, see test_compiled.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from markdown_it import MarkdownIt

import interviewtips
from interviewtips._render import fence, md, render

TIP = """\
tips:
  - id: a-tip
    kind: dont
    title: {title}
    detail: {detail}
    why: Interviewers notice.
    stages: [first-interview]
    topics: [practice]
"""


def problems_for(make_pack: Callable[..., Path], title: str, detail: str = "Do it well.") -> list:
    folder = make_pack({"tips.yaml": TIP.format(title=title, detail=detail)})
    return [(p.code, p.line, p.column) for p in interviewtips.validate(folder)]


class TestSingleLineFields:
    """Titles, names and questions hold one line of visible text."""

    @pytest.mark.parametrize(
        "title",
        [
            r'"Dont panic\rDo panic"',  # a carriage return overwrites the line on a terminal
            r'"Two\nlines"',
            r'"Next\x85line"',
            r'"Line\u2028separator"',
            r'"Right\u202eto left"',  # an override reorders the text shown
            r'"Isolated\u2066text"',
            r'"Zero\u200bwidth"',
            r'"Word\u2060joiner"',
        ],
    )
    def test_refused_in_a_title(self, make_pack, title: str) -> None:
        """Each is IT212 at the title's value."""
        assert [("IT212", 4, 12)] == problems_for(make_pack, title)

    def test_message_says_what_and_where(self, make_pack) -> None:
        """The message names the field, the character and what to do."""
        folder = make_pack({"tips.yaml": TIP.format(title=r'"A\u202eB"', detail="Fine.")})
        (problem,) = interviewtips.validate(folder)
        assert "title holds U+202E" in problem.message
        assert problem.message.endswith("; remove it")

    @pytest.mark.parametrize("detail", [r'"First line.\nSecond line."', r'"Family \u200d emoji."'])
    def test_multi_line_fields_allow_breaks_and_joiners(self, make_pack, detail: str) -> None:
        """A detail may hold line breaks and the zero-width joiner some scripts need."""
        assert [] == problems_for(make_pack, "Fine title", detail)

    def test_direction_controls_refused_everywhere(self, make_pack) -> None:
        """A bidirectional override is refused in a multi-line field too."""
        assert [("IT212", 5, 13)] == problems_for(make_pack, "Fine", r'"Safe\u202eevil"')


HOSTILE_TIP = """\
tips:
  - id: hostile
    kind: do
    title: "<script>alert(1)</script> *bold* [link](javascript:alert(1))"
    detail: "<img src=x onerror=alert(1)> <iframe src=//evil></iframe> &lt;b&gt;"
    why: "# A forged heading"
    stages: [first-interview]
    topics: [practice]
templates:
  - id: hostile-email
    name: "</details><script>x</script>"
    stages: [follow-up]
    topics: [thank-you-note]
    when: Now.
    subject: "Hi {name}"
    body: |
      Dear {name},
      ```
      # Not a heading
      <script>alert(1)</script>
      ````
    placeholders:
      name: Their name.
"""


class TestMarkdownOutput:
    """Markdown output renders the pack's text as text, whatever it holds."""

    @pytest.fixture
    def html(self, make_pack) -> str:
        folder = make_pack({"hostile.yaml": HOSTILE_TIP})
        catalog = interviewtips.load(packs=[folder])
        records = [catalog.lookup("hostile"), catalog.lookup("hostile-email", record="templates")]
        return MarkdownIt("commonmark").render(render(catalog, records, "markdown"))

    def test_no_tags_or_links_reach_the_html(self, html: str) -> None:
        """No element of the pack's making: no script, img, iframe, or link."""
        assert [] == re.findall(r"<(script|img|iframe|a|details)\b", html)

    def test_no_forged_headings(self, html: str) -> None:
        """Only the renderer's own headings: one per record."""
        assert 2 == len(re.findall(r"<h3>", html))
        assert [] == re.findall(r"<h1>", html)

    def test_template_body_stays_in_its_fence(self, html: str) -> None:
        """The body's own backtick runs cannot close the fence around it."""
        (body,) = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.DOTALL)
        assert "Dear {name}," in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    def test_text_is_kept_readable(self) -> None:
        """Escaping keeps the words: ordinary punctuation is untouched."""
        assert "Don't panic: it's fine (really)." == md("Don't panic: it's fine (really).")
        assert "a \\*b\\* \\<c\\>" == md("a *b* <c>")

    def test_fence_is_longer_than_any_run_inside(self) -> None:
        """The fence has one backtick more than the longest run in the text."""
        assert fence("a ```` b").startswith("`````text\n")
        assert fence("plain").startswith("```text\n")
