"""The strict reader: every kind of bad input is a located problem, never a surprise."""

from __future__ import annotations

from pathlib import Path

import pytest

import interviewtips
from conftest import ADDED, BAD, MANIFEST, MINIMAL, minimal_with, refused
from interviewtips import _api, _yaml
from interviewtips._codes import CODES
from interviewtips._limits import Limits

#: For each file of the bad-input corpus: the problems (code, line, column) it must give.
EXPECTED = {
    "anchor-alias.yaml": [("IT107", 2, 5), ("IT107", 10, 5)],
    "bad-format.yaml": [("IT206", 9, 15)],
    "bad-id.yaml": [("IT205", 2, 9)],
    "bad-kind.yaml": [("IT206", 3, 11)],
    "behavioural-without-star.yaml": [("IT210", 2, 5)],
    "comment-only.yaml": [("IT114", 1, 1)],
    "complex-key.yaml": [("IT112", 1, 3)],
    "control-char.yaml": [("IT103", 4, 13)],
    "deep-nesting.yaml": [("IT110", 1, 30)],
    "duplicate-id.yaml": [("IT302", 2, 9)],
    "duplicate-key.yaml": [("IT106", 5, 5)],
    "duplicate-order.yaml": [("IT305", 4, 12)],
    "empty-title.yaml": [("IT204", 4, 12)],
    "empty.yaml": [("IT114", 1, 1)],
    "latin1.yaml": [("IT102", 4, 16)],
    "merge-key.yaml": [("IT108", 3, 5)],
    "missing-field.yaml": [("IT203", 2, 5)],
    "null-detail.yaml": [("IT204", 5, 12)],
    "order-not-number.yaml": [("IT201", 4, 12)],
    "placeholder-mismatch.yaml": [("IT303", 8, 11)],
    "python-tag.yaml": [("IT109", 4, 12)],
    "self-related.yaml": [("IT304", 9, 15)],
    "stages-not-list.yaml": [("IT201", 7, 13)],
    "syntax-error.yaml": [("IT105", 5, 3)],
    "top-level-list.yaml": [("IT201", 1, 1)],
    "two-documents.yaml": [("IT111", 2, 1)],
    "unknown-field.yaml": [("IT202", 5, 5), ("IT203", 2, 5)],
    "unknown-section.yaml": [("IT207", 1, 1)],
    "unknown-source.yaml": [("IT301", 9, 15)],
    "unknown-stage.yaml": [("IT301", 7, 14)],
    "unknown-topic.yaml": [("IT301", 8, 24)],
    "utf16-bom.yaml": [("IT102", 1, 1)],
    "utf16-no-bom.yaml": [("IT103", 1, 2)],
    "wrong-type.yaml": [("IT201", 4, 12)],
}


#: Corpus files refused before parsing: not UTF-8 text.
UNDECODABLE = {"control-char.yaml", "latin1.yaml", "utf16-bom.yaml", "utf16-no-bom.yaml"}


def _with_bad_file(tmp_path: Path, name: str) -> Path:
    """Return a copy of the minimal pack with one bad file from tests/data/bad/ added."""
    return minimal_with(tmp_path / "pack", BAD / name)


def _problems(folder: Path) -> list[interviewtips.Problem]:
    return refused([folder])


class TestBadInputCorpus:
    """Each file under tests/data/bad/ fails with exactly the located problems expected."""

    def test_every_corpus_file_has_an_expectation(self) -> None:
        """The table above covers the whole corpus, so no bad file goes untested."""
        assert sorted(EXPECTED) == sorted(path.name for path in BAD.iterdir())

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_problem_code_and_location(self, name: str, tmp_path: Path, parser: str) -> None:
        """The load raises ContentError whose problems point at the right place."""
        folder = _with_bad_file(tmp_path, name)
        problems = _problems(folder)
        assert EXPECTED[name] == [(p.code, p.line, p.column) for p in problems]
        assert {str(folder / ADDED)} == {p.path for p in problems}

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_messages_say_what_to_change(self, name: str, tmp_path: Path) -> None:
        """Every message is a sentence with advice, not a bare exception text."""
        for problem in _problems(_with_bad_file(tmp_path, name)):
            assert problem.code in CODES
            assert len(problem.message) > 20, problem.message


class TestSpecificMessages:
    """The messages name what a content author needs: both lines, close matches."""

    def test_duplicate_key_names_both_lines(self, tmp_path: Path) -> None:
        """A repeated key says where the first one is."""
        (problem,) = _problems(_with_bad_file(tmp_path, "duplicate-key.yaml"))
        assert "key 'title' repeats the one on line 4; keep one of them" == problem.message

    def test_unknown_field_suggests_the_right_one(self, tmp_path: Path) -> None:
        """A misspelt field gets a did-you-mean."""
        problem = _problems(_with_bad_file(tmp_path, "unknown-field.yaml"))[0]
        assert "unknown field 'detial'; did you mean 'detail'?" == problem.message

    def test_unknown_stage_suggests_close_ids(self, tmp_path: Path) -> None:
        """A misspelt stage id gets the close matches."""
        (problem,) = _problems(_with_bad_file(tmp_path, "unknown-stage.yaml"))
        assert "did you mean 'second-round'" in problem.message

    def test_duplicate_id_names_the_first_file(self, tmp_path: Path) -> None:
        """A duplicate id names the file and line of the first use."""
        folder = _with_bad_file(tmp_path, "duplicate-id.yaml")
        (problem,) = _problems(folder)
        assert f"already used at {folder / 'tips.yaml'}:2" in problem.message

    def test_python_tag_never_runs(self, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
        """A !!python tag is refused and nothing is executed."""
        _problems(_with_bad_file(tmp_path, "python-tag.yaml"))
        assert "hacked" not in capfd.readouterr().out


class TestScalars:
    """YAML 1.1 surprises never happen: text stays text as written."""

    def test_yaml11_booleans_numbers_and_times_stay_strings(self, mini: interviewtips.Catalog):
        """`No`, `12:30` and `0755` load as the strings written."""
        tip = mini.lookup("no")
        assert ("No", "12:30", "0755") == (tip.title, tip.detail, tip.why)

    def test_version_keeps_its_trailing_zero(self, mini: interviewtips.Catalog) -> None:
        """A version written 1.10 stays "1.10", not 1.1."""
        assert "1.10" == mini.packs[0].version


class TestParsersAgree:
    """libyaml and the pure-Python parser give identical results."""

    @pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n not in UNDECODABLE))
    def test_same_problems_on_bad_input(self, name: str) -> None:
        """Both parsers report the same problems for each bad file that decodes."""
        text, _ = _yaml.decode((BAD / name).read_bytes(), name, Limits())
        assert text is not None
        fast = _yaml.parse(text, name, Limits(), libyaml=True)
        pure = _yaml.parse(text, name, Limits(), libyaml=False)
        assert pure == fast

    def test_same_catalog_from_the_built_in_content(self, monkeypatch: pytest.MonkeyPatch):
        """The built-in content loads to equal catalogs with either parser."""
        exports = []
        for libyaml in (True, False):
            _api._reset_for_tests()
            monkeypatch.setattr(_yaml, "HAS_LIBYAML", libyaml)
            exports.append(interviewtips.load().to_dict())
        assert exports[0] == exports[1]


class TestEditorVariants:
    """Valid content written the ways real editors write it loads exactly as plain."""

    @pytest.mark.parametrize(
        ("variant", "change"),
        [
            ("byte-order mark", lambda b: b"\xef\xbb\xbf" + b),
            ("CRLF line ends", lambda b: b.replace(b"\n", b"\r\n")),
            ("trailing whitespace", lambda b: b.replace(b"\n", b"   \n")),
        ],
    )
    def test_loads_as_the_plain_file(self, variant: str, change, minimal_copy: Path) -> None:
        """The variant's catalog equals the plain pack's."""
        plain = interviewtips.load(packs=[MINIMAL], builtin=False).to_dict()
        for path in minimal_copy.glob("*.yaml"):
            path.write_bytes(change(path.read_bytes()))
        assert (
            plain["tips"]
            == interviewtips.load(packs=[minimal_copy], builtin=False).to_dict()["tips"]
        ), variant

    def test_non_ascii_and_tabs_in_quoted_strings(self, make_pack) -> None:
        """Text in any script, and tabs inside quotes, come through unchanged."""
        folder = make_pack(
            {
                "stages.yaml": (
                    'stages:\n  - {id: s, name: 面接, order: 1, summary: "Ünïcode\\tok"}\n'
                ),
                "topics.yaml": "topics:\n  - {id: t, name: Тема, summary: مرحبا}\n",
            }
        )
        catalog = interviewtips.load(packs=[folder], builtin=False)
        assert ("面接", "Ünïcode\tok") == (catalog.stages[0].name, catalog.stages[0].summary)
        assert ("Тема", "مرحبا") == (catalog.topics[0].name, catalog.topics[0].summary)


class TestLimits:
    """Limits turn oversized input into problems before it costs time or memory."""

    def test_file_too_large(self, minimal_copy: Path) -> None:
        """A file over max_file_bytes is refused unread."""
        limits = Limits(max_file_bytes=100)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[minimal_copy], builtin=False, limits=limits)
        assert {"IT104"} == {problem.code for problem in caught.value.problems}

    def test_string_too_long(self, make_pack) -> None:
        """A string over max_string_chars is a problem at its position."""
        folder = make_pack(
            {"topics.yaml": "topics:\n  - {id: t, name: " + "x" * 50 + ", summary: s}\n"}
        )
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[folder], builtin=False, limits=Limits(max_string_chars=40))
        assert [("IT113", 2, 19)] == [(p.code, p.line, p.column) for p in caught.value.problems]

    def test_nesting_depth_is_a_problem_not_a_recursion_error(self) -> None:
        """Nesting far past the recursion limit is a located problem, quickly."""
        text = "a: " + "[" * 100_000 + "]" * 100_000
        for libyaml in (True, False):
            root, problems = _yaml.parse(text, "deep.yaml", Limits(), libyaml=libyaml)
            assert (None, [("IT110", 1, 27)]) == (
                root,
                [(p.code, p.line, p.column) for p in problems],
            )

    def test_too_many_nodes(self) -> None:
        """A file with more nodes than max_nodes stops with a problem."""
        text = "a: [" + ", ".join(["x"] * 50) + "]"
        _, problems = _yaml.parse(text, "big.yaml", Limits(max_nodes=20))
        assert ["IT117"] == [problem.code for problem in problems]


class TestPackFolders:
    """Packs are folders with a manifest; what is outside them is never read."""

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder that does not exist is a problem, not an OSError."""
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[tmp_path / "nowhere"], builtin=False)
        assert ["IT101"] == [problem.code for problem in caught.value.problems]

    def test_missing_manifest(self, tmp_path: Path) -> None:
        """A folder without pack.yaml is refused."""
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[tmp_path], builtin=False)
        assert ["IT209"] == [problem.code for problem in caught.value.problems]

    def test_newer_schema_is_refused(self, make_pack) -> None:
        """A pack for a newer schema gets a clear error, never a wrong load."""
        folder = make_pack({}, manifest=MANIFEST_V2)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[folder], builtin=False)
        (problem,) = caught.value.problems
        assert ("IT208", "the pack needs schema version 2") == (
            problem.code,
            problem.message[: len("the pack needs schema version 2")],
        )

    def test_symlink_outside_the_pack_is_refused(self, minimal_copy: Path, tmp_path: Path):
        """A link leading out of the pack's folder is refused, not followed."""
        outside = tmp_path / "secret.yaml"
        outside.write_text("tips: []\n", encoding="utf-8")
        (minimal_copy / "link.yaml").symlink_to(outside)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[minimal_copy], builtin=False)
        assert [("IT115", str(minimal_copy / "link.yaml"))] == [
            (p.code, p.path) for p in caught.value.problems
        ]

    def test_hidden_files_and_other_suffixes_are_skipped(self, minimal_copy: Path) -> None:
        """Editor backups and notes beside the content are not read."""
        (minimal_copy / ".backup.yaml").write_text("broken: [", encoding="utf-8")
        (minimal_copy / "notes.txt").write_text("not yaml: [", encoding="utf-8")
        assert 4 == len(interviewtips.load(packs=[minimal_copy], builtin=False).tips)


MANIFEST_V2 = MANIFEST.replace("schema_version: 1", "schema_version: 2")
