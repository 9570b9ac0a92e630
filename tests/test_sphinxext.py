"""The Sphinx extension: directives, role, config value, warnings and dependencies."""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import attrs
import pytest
from sphinx.errors import ExtensionError
from sphinx.util.inventory import InventoryFile

import interviewtips
from interviewtips import sphinxext

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
_TITLE = re.compile(r'class="interview-tip-title">(.*?)</span>')
_ANCHOR = re.compile(r'<div class="[^"]*interview-tip[^"]*" id="(tip-[^"]+)"')


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Tell sphinx.testing where the test roots are."""
    return ROOTS


#: The " [type.subtype]" Sphinx 8 adds to a warning (Sphinx 7, on Python 3.9, does not).
_WARNING_TYPE = re.compile(r" \[interviewtips\.\w+\]$", re.MULTILINE)


def warnings(app: SphinxTestApp) -> str:
    """Return the build's warnings without colour codes."""
    return _ESCAPES.sub("", app.warning.getvalue())


def page(app: SphinxTestApp, name: str) -> str:
    """Return the built HTML page ``name``."""
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def titles(app: SphinxTestApp, name: str) -> list[str]:
    """Return the titles of the tips on a built page, in order."""
    return [html.unescape(title) for title in _TITLE.findall(page(app, name))]


def one_page_site(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, index: str
) -> SphinxTestApp:
    """Build a site of one page, ``index``, with the extension alone; return the app."""
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["interviewtips.sphinxext"]\n')
    (srcdir / "index.rst").write_text(index, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app


def second_interview_donts() -> tuple[interviewtips.Tip, ...]:
    return interviewtips.load().query(stage="second-interview", kind="dont")


class TestDirective:
    """``.. interview-tips::`` renders what the query API returns."""

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_renders_exactly_the_query(self, app: SphinxTestApp) -> None:
        """The page shows the second-interview don'ts of load().query(...), in order."""
        app.build()
        assert "" == warnings(app)
        expected = [tip.title for tip in second_interview_donts()]
        assert len(expected) > 5
        assert expected == titles(app, "index")

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_anchors(self, app: SphinxTestApp) -> None:
        """Each tip carries the stable anchor tip-<id>."""
        app.build()
        expected = [f"tip-{tip.id}" for tip in second_interview_donts()]
        assert expected == _ANCHOR.findall(page(app, "index"))

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_limit(self, app: SphinxTestApp) -> None:
        """:limit: 2 shows the first two matching tips."""
        app.build()
        assert "" == warnings(app)
        assert [tip.title for tip in second_interview_donts()[:2]] == titles(app, "limit")

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_detail_and_why(self, app: SphinxTestApp) -> None:
        """The detail and the why of each tip are on the page, exactly as the content says."""
        app.build()
        text = html.unescape(page(app, "index"))
        tip = second_interview_donts()[0]
        assert (True, True) == (tip.detail in text, tip.why in text)

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_note_dependency(self, app: SphinxTestApp) -> None:
        """Every data file of the catalog is a dependency of the page that uses the directive."""
        app.build()
        expected = sorted(str(Path(path).absolute()) for path in interviewtips.load().files)
        assert expected == sorted(os.fspath(path) for path in app.env.dependencies["index"])


class TestWarnings:
    """Mistakes give located warnings with close matches, and the build goes on."""

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_unknown_stage(self, app: SphinxTestApp) -> None:
        """An unknown stage is a warning at the directive's line naming the close match."""
        app.build()
        expected = (
            "index.rst:6: WARNING: interview-tips: unknown stage 'secnd-interview' in :stage:; "
            "did you mean 'second-interview'"
        )
        assert expected in warnings(app)
        assert "Traceback" not in warnings(app)
        # Only the tip the page shows on purpose, further down: the mistakes show nothing.
        assert ["Review your notes from the first round"] == titles(app, "index")

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_bad_limit(self, app: SphinxTestApp) -> None:
        """A limit that is not a whole number above zero is a located warning."""
        app.build()
        expected = "index.rst:11: WARNING: interview-tips: :limit: takes a whole number above zero"
        assert expected in warnings(app)

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_unresolved_role(self, app: SphinxTestApp) -> None:
        """A mistyped tip id in the role is a located warning naming the close match."""
        app.build()
        expected = (
            "index.rst:15: WARNING: interview-tip: unknown tip 'reflect-on-the-frist-round'; "
            "did you mean 'reflect-on-the-first-round'?"
        )
        assert expected in warnings(app)

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_role_to_a_tip_no_page_shows(self, app: SphinxTestApp) -> None:
        """A real tip that no page renders is a located warning saying so."""
        app.build()
        expected = (
            "index.rst:17: WARNING: interview-tip: no page shows the tip "
            "'dont-assume-the-job-is-yours'; show it with a directive"
        )
        assert expected in warnings(app)

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_wrong_pack_prefix(self, app: SphinxTestApp) -> None:
        """A role whose pack: prefix names another pack is a located warning, as for directives."""
        app.build()
        expected = (
            "index.rst:24: WARNING: interview-tip: the tip 'reflect-on-the-first-round' is in "
            "the pack 'core', not 'acme'"
        )
        assert expected in warnings(app)

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_role_on_the_page_of_an_unindexed_tip(self, app: SphinxTestApp) -> None:
        """A role links to a tip its own page shows with :no-index:, at the tip's anchor."""
        app.build()
        assert 'href="#tip-reflect-on-the-first-round"' in page(app, "index")

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_limit_of_thousands_of_digits(self, app: SphinxTestApp) -> None:
        """A :limit: of 5,000 digits is a located warning, not a traceback."""
        app.build()
        expected = (
            "index.rst:29: WARNING: interview-questions: :limit: takes a whole number above "
            "zero, of at most 9 digits, not '9999999999999999999999999999999999999999'... "
            "(5,000 characters)"
        )
        assert expected in warnings(app)

    @pytest.mark.sphinx("html", testroot="unknown", freshenv=True)
    def test_exactly_these_warnings(self, app: SphinxTestApp) -> None:
        """The page gives six warnings, one per mistake, and nothing else."""
        app.build()
        assert 6 == warnings(app).count("WARNING:")
        assert "Traceback" not in warnings(app)

    @pytest.mark.sphinx("html", testroot="badpack", freshenv=True)
    def test_content_error(self, app: SphinxTestApp) -> None:
        """A broken pack is left out: a warning naming it, one per problem at its file and line."""
        app.build()
        found = warnings(app)
        assert 2 == found.count("WARNING:")
        assert "has problems; it is left out (interviewtips_on_error = 'skip')" in found
        folder = Path(app.srcdir, "broken")
        expected = f"{folder}/tips.yaml:2: WARNING: IT203 missing field 'title'"
        assert expected in found
        assert [tip.title for tip in interviewtips.load().query(stage="second-interview")] == (
            titles(app, "index")
        )

    @pytest.mark.sphinx(
        "html", testroot="badpack", freshenv=True, confoverrides={"interviewtips_on_error": "fail"}
    )
    def test_on_error_fail(self, app: SphinxTestApp) -> None:
        """interviewtips_on_error = "fail": a broken pack stops the build, naming its problems."""
        with pytest.raises(ExtensionError) as raised:
            app.build()
        assert "tips.yaml:2:5: IT203 missing field 'title'" in str(raised.value)

    @pytest.mark.sphinx(
        "html", testroot="badpack", freshenv=True, confoverrides={"interviewtips_on_error": "stop"}
    )
    def test_on_error_unknown_value(self, app: SphinxTestApp) -> None:
        """An interviewtips_on_error that is neither "skip" nor "fail" is a warning."""
        expected = (
            "interviewtips: interviewtips_on_error must be 'skip' or 'fail', not 'stop'; "
            "using 'skip'"
        )
        assert expected in warnings(app)

    @pytest.mark.sphinx(
        "html", testroot="pack", freshenv=True, confoverrides={"interviewtips_packs": ["acm"]}
    )
    def test_wrong_pack_name(self, app: SphinxTestApp) -> None:
        """A mistyped bare pack name is a warning naming it and the close folder: no traceback."""
        app.build()
        found = warnings(app)
        expected = (
            f"interviewtips: interviewtips_packs: 'acm' is no folder of {str(app.srcdir)!r} and "
            "no installed pack; did you mean 'acme'?; it is left out"
        )
        assert expected in found
        assert "Traceback" not in found


class TestRole:
    """``:interview-tip:`` links to the page and anchor where a directive rendered the tip."""

    @pytest.mark.sphinx("html", testroot="role", freshenv=True)
    def test_links_to_the_anchor(self, app: SphinxTestApp) -> None:
        """The role links to tips.html#tip-<id>, titled with the tip's title by default."""
        app.build()
        assert "" == warnings(app)
        links = re.findall(
            r'<a class="reference internal" href="([^"]+)"[^>]*><span[^>]*>([^<]+)<',
            page(app, "index"),
        )
        expected = [
            ("tips.html#tip-reflect-on-the-first-round", "Review your notes from the first round"),
            ("tips.html#tip-reflect-on-the-first-round", "the culture advice"),
        ]
        assert expected == links

    @pytest.mark.sphinx("html", testroot="role", freshenv=True)
    def test_inventory(self, app: SphinxTestApp) -> None:
        """The domain lists each rendered tip once for objects.inv, at its page and anchor."""
        app.build()
        objects = {
            name: (doc, anchor)
            for name, _, _, doc, anchor, _ in app.env.get_domain("interviewtips").get_objects()
        }
        tips = interviewtips.load().query(stage="second-interview", kind="do")
        assert {tip.id: ("tips", f"tip-{tip.id}") for tip in tips} == objects


class TestHostileInput:
    """What a pack or a page holds never forges the inventory or stops the build."""

    @pytest.mark.sphinx("html", testroot="role", freshenv=True)
    def test_a_title_cannot_forge_inventory_lines(self, app: SphinxTestApp) -> None:
        """A title holding line breaks is one line in objects.inv: no forged object."""
        app.build()
        domain = app.env.get_domain("interviewtips")
        tip = interviewtips.load().lookup("reflect-on-the-first-round")
        forged = attrs.evolve(
            tip,
            id="a-forged-tip",
            title="Real title\nevil-id interviewtips:tip 1 https://evil.example/ Forged\r\u2028x",
        )
        domain.note_record("tips", forged, "tips", "tip-a-forged-tip", forged.title, 1)
        target = Path(app.outdir) / "objects.inv"
        InventoryFile.dump(target, app.env, app.builder)
        lines = zlib.decompress(target.read_bytes().split(b"\n", 4)[4]).decode().splitlines()
        expected = (
            "a-forged-tip interviewtips:tips 1 tips.html#tip-$ Real title evil-id "
            "interviewtips:tip 1 https://evil.example/ Forged x"
        )
        assert [expected] == [line for line in lines if "forged" in line.lower()]

    def test_a_limit_of_5000_digits(
        self, make_app: Callable[..., SphinxTestApp], tmp_path: Path
    ) -> None:
        """A :limit: past what Python reads as a number is a located warning, not an abort."""
        srcdir = tmp_path / "limits"
        app = one_page_site(
            make_app,
            srcdir,
            "Limits\n======\n\n.. interview-tips::\n   :stage: second-interview\n"
            f"   :limit: {'9' * 5000}\n\n.. interview-tips::\n   :stage: second-interview\n"
            f"   :limit: {'0' * 5000}2\n",
        )
        assert (
            f"{srcdir / 'index.rst'}:4: WARNING: interview-tips: :limit: takes a whole number "
            "above zero, "
            "of at most 9 digits, not '9999999999999999999999999999999999999999'... "
            "(5,000 characters)\n"
        ) == _WARNING_TYPE.sub("", warnings(app))
        second = interviewtips.load().query(stage="second-interview")
        assert [tip.title for tip in second[:2]] == titles(app, "index")

    def test_headings_shown_twice_on_a_page(
        self, make_app: Callable[..., SphinxTestApp], tmp_path: Path
    ) -> None:
        """Records and groups shown again under headings get numbered ids, not none or twins.

        A heading with no id stopped the build with a traceback (the page's contents link
        to each heading), and a second directive repeated its groups' ids.
        """
        srcdir = tmp_path / "twice"
        directive = ".. interview-tips::\n   :stage: {}\n   :group-by: kind\n   :headings:\n\n"
        app = one_page_site(
            make_app,
            srcdir,
            "Twice\n=====\n\n"
            + directive.format("second-interview")
            + directive.format("first-interview"),
        )
        assert "" == warnings(app)
        ids = re.findall(r'id="([a-z0-9-]+)"', page(app, "index"))
        second = {tip.id for tip in interviewtips.load().query(stage="second-interview")}
        both = [t.id for t in interviewtips.load().query(stage="first-interview") if t.id in second]
        assert both
        assert [1, 1] == [ids.count(f"tip-{both[0]}"), ids.count(f"tip-{both[0]}-2")]
        assert [1, 1, 1, 1] == [
            ids.count(f"tips-{kind}{n}") for kind in ("do", "dont") for n in ("", "-2")
        ]

    def test_a_guide_of_nothing(
        self, make_app: Callable[..., SphinxTestApp], tmp_path: Path
    ) -> None:
        """A guide whose filters match no record of any type is a located warning."""
        srcdir = tmp_path / "guide"
        app = one_page_site(
            make_app,
            srcdir,
            "Guide\n=====\n\n.. interview-guide::\n   :stage: preparation\n"
            "   :topic: company-research\n   :format: meal\n   :specific:\n",
        )
        assert (
            f"{srcdir / 'index.rst'}:4: WARNING: interview-guide: nothing matches "
            ":stage: preparation; :topic: company-research; :format: meal\n"
        ) == _WARNING_TYPE.sub("", warnings(app))


class TestConfig:
    """``interviewtips_packs`` adds the site's own packs, relative to conf.py."""

    @pytest.mark.sphinx("html", testroot="pack", freshenv=True)
    def test_custom_pack(self, app: SphinxTestApp) -> None:
        """The pack's own tip is shown; a filter matching nothing is the only warning."""
        app.build()
        assert ["Bring a story about an Acme product"] == titles(app, "index")
        found = warnings(app)
        assert 1 == found.count("WARNING:")
        assert (
            "empty.rst:4: WARNING: interview-tips: no tip matches :kind: dont; :topic: Acme values"
            in found
        )

    @pytest.mark.sphinx("html", testroot="pack", freshenv=True)
    def test_pack_files_are_dependencies(self, app: SphinxTestApp) -> None:
        """The pack's files are dependencies beside the built-in ones."""
        app.build()
        deps = {os.fspath(path) for path in app.env.dependencies["index"]}
        assert str(Path(app.srcdir, "acme", "tips.yaml").absolute()) in deps


class TestRebuild:
    """An incremental build re-reads the pages whose guidance changed."""

    def test_changed_and_added_files(
        self, make_app: Callable[..., SphinxTestApp], tmp_path: Path
    ) -> None:
        """Editing a pack's file, or adding one (read in path order), shows on the next build."""
        srcdir = tmp_path / "pack"
        shutil.copytree(ROOTS / "test-pack", srcdir)
        make_app("html", srcdir=srcdir).build()
        tips = srcdir / "acme" / "tips.yaml"
        tips.write_text(
            tips.read_text(encoding="utf-8").replace("Bring a story", "Bring one story"),
            encoding="utf-8",
        )
        future = time.time() + 10
        os.utime(tips, (future, future))
        app = make_app("html", srcdir=srcdir)
        app.build()
        assert ["Bring one story about an Acme product"] == titles(app, "index")
        more = (
            "tips:\n  - id: ask-about-acme-values\n    kind: do\n"
            "    title: Ask which Acme value matters most\n    detail: Ask it.\n"
            "    why: It shows interest.\n    stages: [second-interview]\n"
            "    topics: [acme-values]\n"
        )
        (srcdir / "acme" / "more.yaml").write_text(more, encoding="utf-8")
        app = make_app("html", srcdir=srcdir)
        app.build()
        expected = ["Ask which Acme value matters most", "Bring one story about an Acme product"]
        assert expected == titles(app, "index")


class TestParallel:
    """Parallel reading gives the same pages and links as a serial build."""

    @pytest.mark.slow
    @pytest.mark.sphinx("html", testroot="parallel", freshenv=True, parallel=2)
    def test_parallel_build(self, app: SphinxTestApp) -> None:
        """Seven pages read in parallel: every tip shown, the role resolved, no warning."""
        app.build()
        assert "" == warnings(app)
        assert 'href="second-interview.html#tip-reflect-on-the-first-round"' in page(app, "index")
        # Its stages are preparation, first-interview and second-interview: the role goes
        # to the first of them, not to the first page by name.
        expected = 'href="preparation.html#tip-get-the-recruiters-briefing-on-the-client"'
        assert expected in page(app, "index")
        catalog = interviewtips.load()
        for stage in ("preparation", "second-interview", "rejection"):
            assert [tip.title for tip in catalog.query(stage=stage)] == titles(app, stage)


class TestSetup:
    """``setup()`` declares the version and parallel safety; the config value exists."""

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_metadata(self, app: SphinxTestApp) -> None:
        """The extension is parallel-safe and reports the library's version."""
        extension = app.extensions["interviewtips.sphinxext"]
        expected = (interviewtips.__version__, True, True)
        assert expected == (
            extension.version,
            extension.parallel_read_safe,
            extension.parallel_write_safe,
        )

    @pytest.mark.sphinx("html", testroot="tips", freshenv=True)
    def test_config_default(self, app: SphinxTestApp) -> None:
        """``interviewtips_packs`` defaults to no packs."""
        assert [] == app.config.interviewtips_packs

    def test_a_bare_name_is_never_the_working_folders(
        self,
        make_app: Callable[..., SphinxTestApp],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A name with no folder beside conf.py is a plugin's, not a folder where the build runs.

        Before, sphinx-build run from a folder holding ``acme`` loaded that folder.
        """
        srcdir = tmp_path / "docs"
        shutil.copytree(ROOTS / "test-pack", srcdir)
        shutil.move(srcdir / "acme", tmp_path / "acme")  # now only where the build runs
        monkeypatch.chdir(tmp_path)
        app = make_app("html", srcdir=srcdir)
        app.build()
        assert [] == titles(app, "index")
        assert (
            f"WARNING: interviewtips: interviewtips_packs: 'acme' is no folder of "
            f"{str(srcdir)!r} and no installed pack; it is left out "
            "(interviewtips_on_error = 'skip')"
        ) in _WARNING_TYPE.sub("", warnings(app))

    def test_pack_folders(self, tmp_path: Path) -> None:
        """Folders are taken from the source folder; a bare name with no folder is a plugin."""
        (tmp_path / "ours").mkdir()
        expected = [tmp_path / "ours", "installed-pack", Path("/abs/b"), tmp_path / "sub/dir"]
        assert expected == sphinxext.pack_folders(
            tmp_path, ["ours", "installed-pack", "/abs/b", "sub/dir"]
        )
        assert [tmp_path / "ours"] == sphinxext.pack_folders(tmp_path, "ours")


def search_objects(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """Return each object of the built search index: (page, anchor as the page links it, text)."""
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = []
    for prefix, entries in index["objects"].items():
        for page_index, type_index, _, short, name in entries:
            fullname = f"{prefix}.{name}" if prefix else name
            domain, objtype, _ = index["objnames"][str(type_index)]
            anchor = short  # what searchtools.js does with "" and "-"
            if short == "":
                anchor = fullname
            elif short == "-":
                anchor = f"{objtype}-{fullname}"
            if domain == "interviewtips":
                found.append((index["docnames"][page_index], anchor, fullname))
    return found


def anchors(app: SphinxTestApp, name: str) -> set[str]:
    """Return every id on a built page."""
    return set(re.findall(r'\sid="([^"]+)"', page(app, name)))


class TestStrangerSite:
    """A careers service's site embeds every record type, a guide and its own pack."""

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_no_warning(self, app: SphinxTestApp) -> None:
        """The site builds nitpicky with no warning: every directive and role resolves."""
        app.build()
        assert "" == warnings(app)

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_every_record_type_is_anchored(self, app: SphinxTestApp) -> None:
        """Each directive shows its record type's records, each anchored <singular>-<id>."""
        app.build()
        catalog = interviewtips.load(packs=[Path(app.srcdir, "careers")])
        shown = anchors(app, "all")
        questions = catalog.questions(stage="second-interview", type="behavioural")[:2]
        expected = {
            "tip-book-a-mock-interview",
            *(f"question-{question.id}" for question in questions),
            *(f"template-{t.id}" for t in catalog.templates(topic="thank-you-note")),
            *(f"checklist-{c.id}" for c in catalog.checklists(stage="second-interview")),
        }
        assert set() == expected - shown
        asks = catalog.questions_to_ask(stage="final-interview", audience="hiring-manager")[:4]
        assert {f"question-to-ask-{ask.id}" for ask in asks} <= shown

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_roles_link_to_each_record_type(self, app: SphinxTestApp) -> None:
        """The role of each record type links to the record's anchor on the page that shows it."""
        app.build()
        links = set(
            re.findall(r'href="(all\.html#[^"]+)"[^>]*><span class="xref', page(app, "index"))
        )
        expected = {
            "all.html#tip-book-a-mock-interview",
            "all.html#question-tell-me-about-a-mistake-you-made",
            "all.html#question-to-ask-graduate-ask-how-training-and-rotations-work",
            "all.html#checklist-second-interview-preparation",
            "all.html#template-careers-thank-you",
        }
        assert expected == links

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_search_objects_resolve(self, app: SphinxTestApp) -> None:
        """Every object the search index names is an anchor on its page, shown as clean text."""
        app.build()
        objects = search_objects(app)
        assert len(objects) > 15
        missing = [(doc, anchor) for doc, anchor, _ in objects if anchor not in anchors(app, doc)]
        assert [] == missing
        assert [] == [text for _, _, text in objects if "&" in text or "\n" in text]
        tip = ("all", "tip-book-a-mock-interview", "Book a mock interview with the careers service")
        assert tip in objects

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_inventory_objects_resolve(self, app: SphinxTestApp) -> None:
        """Every object in objects.inv is an anchor on its page."""
        app.build()
        with (Path(app.outdir) / "objects.inv").open("rb") as stream:
            inventory = InventoryFile.load(stream, "", posixpath.join)
        found = []
        data = getattr(inventory, "data", inventory)  # Sphinx 8.2 wraps the mapping
        for objtype, entries in data.items():
            if objtype.startswith("interviewtips:"):
                for entry in entries.values():
                    uri = entry.uri if hasattr(entry, "uri") else entry[2]
                    doc, _, anchor = uri.partition("#")
                    found.append((doc.removesuffix(".html"), anchor))
        assert len(found) > 15
        assert [] == [(doc, anchor) for doc, anchor in found if anchor not in anchors(app, doc)]

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_site_pack_is_marked(self, app: SphinxTestApp) -> None:
        """The site's own tip carries its pack's mark; built-in tips carry none."""
        app.build()
        marks = re.findall(r'class="interview-pack interview-pack-own">([^<]+)<', page(app, "all"))
        assert ["University careers service", "University careers service"] == marks

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_commentary_before_the_records(self, app: SphinxTestApp) -> None:
        """Text written inside a directive comes before the records it shows."""
        app.build()
        html_ = page(app, "all")
        commentary = html_.index("The careers service\u2019s own advice is marked with a star.")
        assert commentary < html_.index('id="tip-book-a-mock-interview"')

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_guide(self, app: SphinxTestApp) -> None:
        """The guide has why employers hold the stage, do's and don'ts apart, then the rest."""
        app.build()
        html_ = page(app, "guide")
        sections = [
            'id="purposes-second-interview"',
            'id="tips"',
            'id="questions"',
            'id="questions-to-ask"',
            'id="templates"',
            'id="checklists"',
        ]
        positions = [html_.index(section) for section in sections]
        assert sorted(positions) == positions
        # Tips and questions to ask: do's and don'ts in two columns each.
        assert 4 == html_.count('class="interview-column docutils container"')
        catalog = interviewtips.load(packs=[Path(app.srcdir, "careers")])
        guide = catalog.guide(stage="second-interview", format="panel")
        shown = {anchor for anchor in anchors(app, "guide") if anchor.startswith("tip-")}
        assert {f"tip-{tip.id}" for tip in guide.tips} == shown
        assert "tip-book-a-mock-interview" in shown  # the site's own, for a panel

    @pytest.mark.sphinx("html", testroot="stranger", freshenv=True)
    def test_guide_questions_are_headings(self, app: SphinxTestApp) -> None:
        """Each question of the guide is a heading, so the page's contents list it."""
        app.build()
        catalog = interviewtips.load()
        toc = app.env.tocs["guide"].astext()
        questions = catalog.guide(stage="second-interview", format="panel").questions
        assert len(questions) > 3
        assert [] == [question.question for question in questions if question.question not in toc]

    @pytest.mark.sphinx("text", testroot="stranger", freshenv=True)
    def test_text_keeps_paragraphs(self, app: SphinxTestApp) -> None:
        """The text builder keeps a detail's paragraphs apart."""
        app.build()
        text = (Path(app.outdir) / "all.txt").read_text(encoding="utf-8")
        expected = "Book a practice interview a week before the real one.\n\nBring the job advert"
        assert expected in text


class TestLatex:
    """The LaTeX builder gets text pdflatex can typeset."""

    @pytest.mark.sphinx("latex", testroot="stranger", freshenv=True)
    def test_no_symbols_pdflatex_lacks(self, app: SphinxTestApp) -> None:
        """Kinds are words without icons, and checklist items start with [ ]."""
        app.build()
        tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
        # LaTeX escapes the brackets: [ ] is written {[} {]}.
        assert ([], True) == (re.findall("[\u2713\u2717\u2610]", tex), "{[} {]} " in tex)


class TestIndexText:
    """Headings go into the search index and objects.inv as one clean line."""

    def test_one_clean_line(self) -> None:
        """Line breaks become spaces, and quotes and brackets their typographic forms."""
        expected = "Don\u2019t say \u201cno\u201d \u2039b\u203a + go"
        assert expected == sphinxext.index_text('Don\'t say "no"\n <b> & go')

    def test_no_forged_inventory_line(self) -> None:
        """A heading with a line break cannot add a line to objects.inv."""
        assert 1 == len(
            sphinxext.index_text("A\nforged interviewtips:tips 1 x.html -").splitlines()
        )
