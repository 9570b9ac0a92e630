"""The Sphinx extension: directives, role, config value, warnings and dependencies."""

from __future__ import annotations

import html
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest
from sphinx.errors import ExtensionError

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


def warnings(app: SphinxTestApp) -> str:
    """Return the build's warnings without colour codes."""
    return _ESCAPES.sub("", app.warning.getvalue())


def page(app: SphinxTestApp, name: str) -> str:
    """Return the built HTML page ``name``."""
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def titles(app: SphinxTestApp, name: str) -> list[str]:
    """Return the titles of the tips on a built page, in order."""
    return [html.unescape(title) for title in _TITLE.findall(page(app, name))]


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
            "index.rst:29: WARNING: interview-questions: :limit: takes a whole number of at "
            "most 9 digits"
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
        """With interviewtips_on_error = "fail", a broken pack stops the build, naming its problems."""
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
        """A mistyped bare pack name is a warning naming it and the close folder, never a traceback."""
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

    def test_pack_folders(self, tmp_path: Path) -> None:
        """Folders are taken from the source folder; a bare name with no folder is a plugin."""
        (tmp_path / "ours").mkdir()
        expected = [tmp_path / "ours", "installed-pack", Path("/abs/b"), tmp_path / "sub/dir"]
        assert expected == sphinxext.pack_folders(
            tmp_path, ["ours", "installed-pack", "/abs/b", "sub/dir"]
        )
        assert [tmp_path / "ours"] == sphinxext.pack_folders(tmp_path, "ours")
