"""The linter: strict problems first, then style, with stable codes; new-pack starts clean."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

import interviewtips
from conftest import DATA, MINIMAL
from interviewtips import _lint
from interviewtips._codes import CODES
from interviewtips._locate import builtin_data
from interviewtips.cli import main

STYLE = DATA / "style"
TIPS = str(STYLE / "tips.yaml")
TOPICS = str(STYLE / "topics.yaml")

EXPECTED = [
    (TIPS, 4, 12, "IT401"),
    (TIPS, 11, 12, "IT402"),
    (TIPS, 19, 13, "IT403"),
    (TIPS, 25, 12, "IT406"),
    (TIPS, 32, 12, "IT401"),
    (TIPS, 32, 12, "IT404"),
    (TOPICS, 2, 9, "IT405"),
]


def placed(problems) -> list[tuple[str, int, int, str]]:
    """Return each problem as (path, line, column, code): style problems span several files."""
    return [(p.path, p.line, p.column, p.code) for p in problems]


class TestLint:
    """lint() reports each style problem at its place."""

    def test_every_style_code(self) -> None:
        """The style pack gives one problem of each kind, in file order."""
        assert EXPECTED == placed(interviewtips.lint(STYLE))

    def test_messages(self) -> None:
        """Messages say what to change."""
        messages: dict[str, str] = {}
        for problem in interviewtips.lint(STYLE):
            messages.setdefault(problem.code, problem.message)
        assert "the title has 79 characters; keep it under 70" == messages["IT401"]
        assert messages["IT404"].startswith("the title is close to that of 'long-title' at ")

    def test_select_and_ignore(self) -> None:
        """select keeps codes by prefix; ignore drops them."""
        assert ["IT401", "IT401"] == [p.code for p in interviewtips.lint(STYLE, select=["IT401"])]
        assert () == interviewtips.lint(STYLE, ignore=["IT4"])
        ignore = ["IT401", "IT402", "IT403", "IT404"]
        some = interviewtips.lint(STYLE, select=["IT4"], ignore=ignore)
        assert ["IT406", "IT405"] == [p.code for p in some]

    def test_strict_problems_come_first(self, minimal_copy: Path) -> None:
        """A pack that does not load gets its strict problems, not style ones."""
        (minimal_copy / "tips.yaml").write_text("tips: [", encoding="utf-8")
        assert ["IT105"] == [p.code for p in interviewtips.lint(minimal_copy, builtin=False)]

    def test_builtin_content_is_lint_clean(self) -> None:
        """The built-in content has no style problems."""
        assert () == interviewtips.lint(str(builtin_data()))

    def test_every_code_is_documented(self) -> None:
        """Every code the linter can report is in the catalogue of codes."""
        codes = CODES
        assert {"IT401", "IT402", "IT403", "IT404", "IT405", "IT406"} <= set(codes)
        assert {"style"} == {codes[c].family for c in codes if c.startswith("IT4")}
        undocumented = [c for c, doc in codes.items() if not (doc.example and doc.fix)]
        assert [] == undocumented
        families = {"IT1": "reading", "IT2": "schema", "IT3": "references", "IT4": "style"}
        assert [] == [c for c, doc in codes.items() if families[c[:3]] != doc.family]


def all_pairs(titles: list[str]) -> list[tuple[int, int]]:
    """The near duplicates as lint found them before its index: every pair compared."""
    found = []
    bound = _lint.NEAR_DUPLICATE_RATIO
    for later, title in enumerate(titles):
        matcher = difflib.SequenceMatcher(None, b=title)
        for earlier in range(later):
            matcher.set_seq1(titles[earlier])
            if matcher.quick_ratio() >= bound and matcher.ratio() >= bound:
                found.append((later, earlier))
                break
    return found


def variants(titles: list[str]) -> list[str]:
    """Near duplicates of every third title: a typo, a word more, a word less, new case."""
    made = []
    for number, title in enumerate(titles[::3]):
        words = title.split()
        change = number % 4
        if change == 0:
            cut = len(title) // 2
            made.append(title[:cut] + title[cut + 1 :])  # a letter dropped
        elif change == 1:
            made.append(f"{title} today")
        elif change == 2 and len(words) > 3:
            made.append(" ".join(words[:-1]))
        else:
            made.append(title.upper() + "!")
    return made


class TestNearDuplicates:
    """Near-duplicate titles are found by an index, as comparing every pair found them."""

    def test_same_findings_as_every_pair(self, catalog) -> None:
        """Built-in titles with 70 near copies planted: the same pairs as all-pairs finds."""
        titles = [tip.title for tip in catalog.tips]
        titles += variants(titles)
        normalised = [_lint._normalised(title) for title in titles]
        expected = all_pairs(normalised)
        assert len(expected) >= 60
        assert expected == list(_lint.close_titles(normalised))

    def test_builtin_titles_have_none(self, catalog) -> None:
        """The built-in content has no near duplicates, found either way."""
        normalised = [_lint._normalised(tip.title) for tip in catalog.tips]
        assert ([], []) == (all_pairs(normalised), list(_lint.close_titles(normalised)))

    def test_each_title_is_compared_with_few(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """3,000 titles sharing their words: each compared with at most MAX_COMPARED + 1."""
        compared = []
        real = difflib.SequenceMatcher.set_seq1

        def counting(self, a):
            compared.append(a)
            return real(self, a)

        monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
        titles = [f"ask the panel about the team and number {n} of the role" for n in range(3000)]
        pairs = list(_lint.close_titles(titles))
        assert (2999, 0) == (len(pairs), pairs[0][1])
        assert len(compared) <= 3000 * (_lint.MAX_COMPARED + 1)
        distinct = [f"{n} {'x' * (n % 50)} {n * 7919}" for n in range(3000)]
        compared.clear()
        assert [] == list(_lint.close_titles(distinct))
        assert len(compared) <= 3000 * (_lint.MAX_COMPARED + 1)


class TestLintCommand:
    """interviewtips lint prints text, JSON or GitHub annotations and exits 1 on problems."""

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One line a problem, a summary on stderr."""
        assert 1 == main(["lint", str(STYLE)])
        out, err = capsys.readouterr()
        assert (
            f"{TIPS}:4:12: IT401 the title has 79 characters; keep it under 70"
            == out.splitlines()[0]
        )
        assert f"{STYLE}: 7 problems\n" == err

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON gives the problems as data."""
        assert 1 == main(["lint", str(STYLE), "--format", "json"])
        assert EXPECTED == [
            (p["path"], p["line"], p["column"], p["code"])
            for p in json.loads(capsys.readouterr().out)
        ]

    def test_github(self, capsys: pytest.CaptureFixture[str]) -> None:
        """github prints workflow annotations."""
        assert 1 == main(["lint", str(STYLE), "--format", "github", "--select", "IT405"])
        assert (
            f"::error file={TOPICS},line=2,col=9,title=IT405::no record uses the topic "
            "'never-used'; tag some guidance with it or remove it\n"
        ) == capsys.readouterr().out

    def test_comma_separated_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--ignore takes several codes at once."""
        assert 1 == main(
            ["lint", str(STYLE), "--ignore", "IT401,IT402", "--ignore", "IT403", "--format", "json"]
        )
        codes = [p["code"] for p in json.loads(capsys.readouterr().out)]
        assert ["IT406", "IT404", "IT405"] == codes

    def test_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A clean pack exits 0."""
        assert 0 == main(["lint", str(MINIMAL), "--no-builtin", "--select", "IT1,IT2,IT3"])


class TestNewPack:
    """new-pack writes a pack that validates and lints clean, beside the built-in content."""

    def test_new_pack_is_clean(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The starter pack loads beside core with its own tip and no problems."""
        folder = tmp_path / "Our Guidance"
        assert 0 == main(["new-pack", str(folder)])
        assert f"wrote a pack 'our-guidance' in {folder}" in capsys.readouterr().out
        assert ((), ()) == (interviewtips.validate(folder), interviewtips.lint(folder))
        catalog = interviewtips.load(packs=[folder])
        assert "our-guidance" == catalog.lookup("tell-candidates-what-to-bring").pack

    def test_new_pack_replaces_and_hides(self, tmp_path: Path, capsys) -> None:
        """The starter hides a built-in tip, and replaces one stating only its detail."""
        main(["new-pack", str(tmp_path / "ours")])
        catalog = interviewtips.load(packs=[tmp_path / "ours"])
        core = interviewtips.load().lookup("reflect-on-the-first-round")
        replaced = catalog.lookup("reflect-on-the-first-round")
        assert (None, "ours", core.title, core.why) == (
            catalog.get("get-the-recruiters-briefing-on-the-client"),
            replaced.pack,
            replaced.title,
            replaced.why,
        )
        assert replaced.detail.startswith("Before your second interview with us")

    def test_refuses_a_non_empty_folder(self, tmp_path: Path, capsys) -> None:
        """An existing, non-empty folder is left alone: exit 2."""
        (tmp_path / "keep.txt").write_text("mine")
        assert 2 == main(["new-pack", str(tmp_path)])
        assert "already exists and is not empty" in capsys.readouterr().err
