"""Hostile input: whatever a pack holds, loading it fails with located problems.

Every file of the corpus under tests/data/hostile/ (written by its generate.py) is
loaded inside a copy of the minimal pack. A refused one must raise ContentError,
nothing else, with exactly the problems listed here, printing nothing; a valid one
must load exactly as written. Inputs that must be big to matter (a 2 MB line,
100,000 nodes) are made here rather than stored. How fast the big ones are refused
is measured by the benchmark (benchmarks/run.py), not here: a timed test flakes on
a busy machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import interviewtips
from conftest import ADDED, BAD, HOSTILE, MINIMAL, located, minimal_with, refused
from interviewtips import Limits, _api, _text, _yaml
from interviewtips import _pack as _pack_module
from interviewtips._codes import CODES
from interviewtips._locate import builtin_data


def _laughs() -> list[tuple[str, int, int]]:
    """The billion laughs: an anchor on each of nine lines, nine aliases on eight."""
    found = [("IT107", 1, 4)]
    for line in range(2, 10):
        found += [("IT107", line, 4)] + [("IT107", line, 8 + 4 * k) for k in range(9)]
    return found


#: Content files: added to the minimal pack, each must give exactly these problems.
CONTENT = {
    # bytes that are not UTF-8 text
    "binary-elf.yaml": [("IT103", 1, 1)],
    "binary-gzip.yaml": [("IT102", 1, 2)],
    "binary-png.yaml": [("IT102", 1, 1)],
    "binary-random.yaml": [("IT102", 1, 2)],
    "binary-zeros.yaml": [("IT103", 1, 1)],
    "bom-in-the-middle.yaml": [("IT103", 9, 1)],  # files joined: libyaml and PyYAML differ
    "c1-control-csi.yaml": [("IT103", 3, 13)],
    "cp1252-smart-quotes.yaml": [("IT102", 3, 12)],
    "cr-only-line-ends.yaml": [("IT103", 3, 13)],
    "invalid-utf8-encoded-surrogate.yaml": [("IT102", 3, 13)],
    "invalid-utf8-overlong.yaml": [("IT102", 3, 12)],
    "invalid-utf8-stray-continuation.yaml": [("IT102", 3, 15)],
    "invalid-utf8-truncated.yaml": [("IT102", 3, 17)],
    "latin1-after-utf8.yaml": [("IT102", 3, 19)],  # columns count characters, not bytes
    "raw-escape-sequence.yaml": [("IT103", 3, 12)],
    "utf16-be-no-bom.yaml": [("IT103", 1, 1)],
    "utf16-le-no-bom-cjk.yaml": [("IT102", 2, 19)],
    "utf32-be-no-bom.yaml": [("IT103", 1, 1)],
    "utf32-le-bom.yaml": [("IT102", 1, 1)],
    # escapes that would smuggle in what the bytes may not hold
    "escape-lone-surrogate.yaml": [("IT103", 4, 12), ("IT103", 6, 10)],
    "escape-nul.yaml": [("IT103", 6, 10)],
    "escape-terminal.yaml": [("IT103", 4, 12), ("IT103", 5, 13)],
    # nothing in it
    "bom-only.yaml": [("IT114", 1, 1)],
    "document-markers-only.yaml": [("IT114", 1, 1)],
    "whitespace-only.yaml": [("IT114", 1, 1)],
    "tab-only-line.yaml": [("IT105", 2, 1)],  # PyYAML and libyaml both refuse it
    # YAML features content never needs
    "alias-as-key.yaml": [("IT107", 2, 5), ("IT107", 3, 5)],
    "billion-laughs.yaml": _laughs(),
    "deep-block-mappings.yaml": [("IT110", 25, 25)],
    "deep-block-sequences.yaml": [("IT110", 2, 47)],
    "deep-flow-mappings.yaml": [("IT110", 1, 99)],
    "deep-flow-sequences.yaml": [("IT110", 1, 30)],
    "deep-mixed.yaml": [("IT110", 2, 60)],
    "duplicate-key-quoted.yaml": [("IT106", 9, 5)],
    "duplicate-keys-at-depths.yaml": [
        ("IT106", 10, 5),  # a field of a question
        ("IT106", 15, 7),  # inside its star outline
        ("IT106", 28, 7),  # inside a template's placeholders
        ("IT106", 29, 1),  # a top-level section
    ],
    "long-explicit-key.yaml": [("IT113", 2, 7)],
    "long-implicit-key.yaml": [("IT105", 2, 2005)],  # YAML caps simple keys at 1,024
    "long-string-quoted.yaml": [("IT113", 5, 13)],
    "mapping-as-key.yaml": [("IT112", 9, 7)],
    "merge-key-list.yaml": [("IT108", 3, 5)],
    "merge-key-quoted.yaml": [("IT202", 9, 5)],  # a quoted "<<" is just a key
    "merge-key-with-alias.yaml": [("IT107", 2, 5), ("IT108", 3, 5), ("IT107", 3, 9)],
    "null-and-empty-keys.yaml": [("IT202", 9, 5), ("IT202", 10, 5)],
    "python-module.yaml": [("IT109", 1, 7)],
    "python-name.yaml": [("IT109", 6, 10)],
    "python-object-new.yaml": [("IT109", 4, 12)],
    "python-object.yaml": [("IT109", 5, 13)],
    "python-tag-on-record.yaml": [("IT109", 2, 5)],
    "sequence-as-key.yaml": [("IT112", 2, 6)],
    "tag-binary.yaml": [("IT109", 4, 12)],
    "tag-custom.yaml": [("IT109", 4, 12), ("IT109", 7, 13)],
    "tag-directive.yaml": [("IT109", 3, 7)],
    "tag-on-key.yaml": [("IT109", 8, 5)],
    "tag-set-omap.yaml": [("IT109", 7, 13), ("IT109", 8, 13)],
    "tag-verbatim.yaml": [("IT109", 4, 12)],
    "two-documents-hiding-a-tag.yaml": [("IT111", 3, 1)],
    "unclosed-quote.yaml": [("IT105", 4, 1)],
    "yaml-directive-2.yaml": [("IT105", 1, 1)],
    # the schema
    "bad-choice-values.yaml": [
        ("IT206", 3, 11),
        ("IT206", 9, 12),
        ("IT206", 10, 15),
        ("IT206", 14, 11),
        ("IT206", 21, 49),
    ],
    "bad-ids.yaml": [("IT205", line, 9) for line in range(2, 52, 7)],
    "empty-list-items.yaml": [("IT204", 7, 14), ("IT204", 8, 14), ("IT204", 9, 15)],
    "empty-lists-required.yaml": [("IT204", 7, 13), ("IT204", 8, 13), ("IT204", 17, 15)],
    "empty-strings-required.yaml": [
        ("IT204", 2, 9),
        ("IT204", 4, 12),
        ("IT204", 5, 13),
        ("IT204", 6, 10),
    ],
    "null-required.yaml": [("IT204", 3, 11), ("IT204", 4, 12), ("IT204", 5, 13), ("IT204", 6, 9)],
    "placeholder-injection.yaml": [("IT303", 8, 11)],
    "replaces-nothing.yaml": [("IT301", 9, 15)],
    "self-related-among-others.yaml": [("IT304", 9, 33)],
    "unknown-fields-every-record.yaml": [
        ("IT202", 2, 46),  # stage
        ("IT202", 4, 36),  # topic
        ("IT202", 13, 5),  # tip
        ("IT202", 23, 61),  # star outline
        ("IT202", 24, 5),  # question
        ("IT202", 34, 5),  # template
        ("IT202", 36, 59),  # checklist
        ("IT202", 38, 108),  # question to ask
    ],
    "unknown-pack-prefix.yaml": [("IT301", 7, 14)],
    "unknown-section.yaml": [("IT207", 1, 1), ("IT207", 3, 1)],
    "wrong-type-choice-list.yaml": [("IT201", 9, 14)],
    "wrong-type-choice.yaml": [("IT201", 3, 11)],
    "wrong-type-id.yaml": [("IT201", 2, 9)],
    "wrong-type-integer.yaml": [("IT201", 2, 30)],
    "wrong-type-list-items.yaml": [("IT201", 7, 14), ("IT201", 8, 14)],
    "wrong-type-named-texts.yaml": [("IT201", 9, 19)],
    "wrong-type-record.yaml": [("IT201", 10, 11)],
    "wrong-type-records.yaml": [("IT201", 2, 5), ("IT201", 3, 5), ("IT201", 4, 4)],
    "wrong-type-reference-list.yaml": [("IT201", 7, 13)],
    "wrong-type-reference.yaml": [("IT201", 9, 15)],
    "wrong-type-section.yaml": [("IT201", 1, 7), ("IT201", 2, 12)],
    "wrong-type-text-list.yaml": [("IT201", 9, 15)],
    "wrong-type-text.yaml": [("IT201", 4, 12)],
    "yaml11-integers.yaml": [
        *[("IT201", line, 33) for line in range(2, 14)],  # 0x10, 0o17, 1_000, 1:30...
        ("IT204", 14, 33),  # ~
        ("IT201", 15, 33),  # yes
    ],
}

#: Manifests: each replaces the minimal pack's pack.yaml and must give these problems.
MANIFESTS = {
    "bad-id.yaml": [("IT205", 1, 5)],
    "comment-only.yaml": [("IT114", 1, 1)],
    "empty.yaml": [("IT114", 1, 1)],
    "duplicate-id.yaml": [("IT106", 7, 1)],
    "hides-bad-section.yaml": [("IT207", 7, 9)],
    "hides-not-a-mapping.yaml": [("IT201", 7, 8)],
    "list.yaml": [("IT201", 1, 1)],
    "null-fields.yaml": [("IT204", 2, 7), ("IT204", 3, 10), ("IT204", 5, 10)],
    "python-tag.yaml": [("IT109", 1, 5)],
    "schema-future.yaml": [("IT208", 4, 17)],
    "schema-hex.yaml": [("IT201", 4, 17)],
    "schema-zero.yaml": [("IT208", 4, 17)],
    "source-missing-fields.yaml": [("IT203", 8, 5)] * 3,
    "sources-not-a-list.yaml": [("IT201", 7, 10)],
    "text.yaml": [("IT201", 1, 1)],
    "unknown-fields.yaml": [("IT202", 7, 1), ("IT202", 8, 1)],
    "utf16.yaml": [("IT102", 1, 1)],
    "whitespace.yaml": [("IT114", 1, 1)],
}


#: Valid files, each checked by a test of TestValidContent.
VALID = (
    "bom-crlf.yaml",
    "editor-mix.yaml",
    "json-content.yaml",
    "order-leading-zeros.yaml",
    "related-cycle.yaml",
    "string-at-limit.yaml",
    "yaml11-directive.yaml",
    "yaml11-scalars-as-text.yaml",
)


def _pack(tmp_path: Path, content: str | None = None, manifest: str | None = None) -> Path:
    """Return a copy of the minimal pack with a corpus file added, or its manifest replaced."""
    return minimal_with(
        tmp_path / "pack",
        None if content is None else HOSTILE / content,
        manifest=None if manifest is None else HOSTILE / "manifest" / manifest,
    )


def refused_beside_core(packs: list[Path]) -> list[interviewtips.Problem]:
    """Load ``packs`` beside the built-in pack; return the problems of the ContentError."""
    with pytest.raises(interviewtips.ContentError) as caught:
        interviewtips.load(packs=packs)
    return list(caught.value.problems)


def loaded(folder: Path) -> interviewtips.Catalog:
    """Load a pack alone."""
    return interviewtips.load(packs=[folder], builtin=False)


def _symlink(link: Path, target: Path, *, folder: bool = False) -> None:
    try:
        link.symlink_to(target, target_is_directory=folder)
    except (OSError, NotImplementedError) as error:  # pragma: no cover - Windows without rights
        pytest.skip(f"cannot make symbolic links here: {error}")


class TestCorpus:
    """Each corpus file is refused with exactly its located problems, quietly."""

    def test_every_file_has_an_expectation(self) -> None:
        """The tables cover the whole corpus, so no hostile file goes untested."""
        assert sorted(CONTENT) == sorted(path.name for path in (HOSTILE / "content").iterdir())
        assert sorted(MANIFESTS) == sorted(path.name for path in (HOSTILE / "manifest").iterdir())
        assert sorted(VALID) == sorted(path.name for path in (HOSTILE / "valid").iterdir())

    def test_the_corpus_is_small_and_large_enough(self) -> None:
        """At least 40 hostile files, none over 200 KB: big inputs are made by the tests."""
        files = [path for path in HOSTILE.rglob("*") if path.is_file()]
        assert len(CONTENT) + len(MANIFESTS) >= 40
        assert [] == [path.name for path in files if path.stat().st_size > 200_000]

    @pytest.mark.parametrize("name", sorted(CONTENT))
    def test_content_file(
        self, name: str, tmp_path: Path, parser: str, capfd: pytest.CaptureFixture[str]
    ) -> None:
        """The load raises ContentError with exactly the problems listed, in the added file."""
        folder = _pack(tmp_path, content=f"content/{name}")
        problems = refused([folder])
        assert CONTENT[name] == located(problems)
        assert {str(folder / ADDED)} == {problem.path for problem in problems}
        assert ("", "") == capfd.readouterr()

    @pytest.mark.parametrize("name", sorted(MANIFESTS))
    def test_manifest(
        self, name: str, tmp_path: Path, parser: str, capfd: pytest.CaptureFixture[str]
    ) -> None:
        """A hostile pack.yaml is refused with exactly the problems listed, in pack.yaml."""
        folder = _pack(tmp_path, manifest=name)
        problems = refused([folder])
        assert MANIFESTS[name] == located(problems)
        assert {str(folder / "pack.yaml")} == {problem.path for problem in problems}
        assert ("", "") == capfd.readouterr()

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty content file (the bad corpus has one; not counted here) is IT114."""
        folder = _pack(tmp_path)
        shutil.copy(BAD / "empty.yaml", folder / ADDED)
        assert 0 == (folder / ADDED).stat().st_size
        assert [("IT114", 1, 1)] == located(refused([folder]))

    @pytest.mark.parametrize("name", ["escape-terminal.yaml", "raw-escape-sequence.yaml"])
    def test_terminal_escapes_never_reach_the_catalog(self, name: str, tmp_path: Path) -> None:
        """ESC and C1 controls, raw or escaped, are refused: no terminal injection."""
        (problem, *_) = refused([_pack(tmp_path, content=f"content/{name}")])
        assert "U+001B" in problem.message

    def test_messages_name_code_and_advice(self, tmp_path: Path) -> None:
        """Every problem of every file has a known code and a message an author can act on."""
        for name in sorted(CONTENT):
            folder = tmp_path / name
            folder.mkdir()
            for problem in refused([_pack(folder, content=f"content/{name}")]):
                assert problem.code in CODES
                assert len(problem.message) > 15, problem.message


class TestValidContent:
    """What real editors and YAML 1.1 habits produce loads exactly as written."""

    def tip(self, tmp_path: Path, name: str, id_: str = "hostile-tip") -> interviewtips.Tip:
        tip: interviewtips.Tip = loaded(_pack(tmp_path, content=f"valid/{name}")).lookup(id_)
        return tip

    def test_yaml11_scalars_stay_text(self, tmp_path: Path) -> None:
        """yes, no, on, off, 0755, 1_000, 12:30:00, dates, .inf... are the text written."""
        catalog = loaded(_pack(tmp_path, content="valid/yaml11-scalars-as-text.yaml"))
        texts = [
            (tip.id, tip.title, tip.detail, tip.why)
            for tip in catalog.tips
            if tip.id in {"yes", "t2", "t3", "t4", "t5"}
        ]
        assert [
            ("yes", "No", "on", "off"),
            ("t2", "0755", "1_000", "12:30:00"),
            ("t3", "2024-01-01", ".inf", "2001-12-14t21:59:43.10-05:00"),
            ("t4", "0x10", "1e3", ".NaN"),
            ("t5", "+12", "-.Inf", "FALSE"),
        ] == texts
        topic = catalog.topic("switch")
        assert ("on", "off", ("yes", "no", "y", "n", "True")) == (
            topic.name,
            topic.summary,
            topic.aliases,
        )
        assert ("yes", "no", "1.10") == catalog.get("c1", record="checklists").items

    def test_yaml11_directive_changes_nothing(self, tmp_path: Path) -> None:
        """A %YAML 1.1 directive does not bring back YAML 1.1 booleans or octals."""
        tip = self.tip(tmp_path, "yaml11-directive.yaml")
        assert ("yes", "0755") == (tip.title, tip.detail)

    def test_order_with_leading_zeros_is_decimal(self, tmp_path: Path) -> None:
        """order: 0755 is 755 as YAML 1.2 reads it, never octal 493."""
        catalog = loaded(_pack(tmp_path, content="valid/order-leading-zeros.yaml"))
        assert 755 == catalog.stage("s3").order

    def test_related_cycle_is_allowed(self, tmp_path: Path) -> None:
        """A links to B and B back to A (and a longer loop): see-also, not an error."""
        catalog = loaded(_pack(tmp_path, content="valid/related-cycle.yaml"))
        assert [("cycle-b",), ("cycle-a", "cycle-c"), ("cycle-a", "read-the-website")] == [
            catalog.lookup(id_).related for id_ in ("cycle-a", "cycle-b", "cycle-c")
        ]

    def test_bom_and_crlf_load_as_the_plain_file(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark and CRLF line ends change nothing that loads."""
        plain = tmp_path / "plain"
        plain.mkdir()
        folder = _pack(plain)
        data = (HOSTILE / "valid" / "bom-crlf.yaml").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in data
        (folder / ADDED).write_bytes(data[3:].replace(b"\r\n", b"\n"))
        expected = loaded(folder).lookup("hostile-tip")
        tip = self.tip(tmp_path, "bom-crlf.yaml")
        assert expected == tip
        assert ('Quoted, "escaped"', "Two\nlines.") == (tip.title, tip.detail)

    def test_editor_habits(self, tmp_path: Path) -> None:
        """BOM, CRLF, trailing blanks and tabs, tabs in quotes, text in any script."""
        tip = self.tip(tmp_path, "editor-mix.yaml", "editor-mix")
        assert (
            "面接\tの礼儀",
            "مرحبا بكم — नमस्ते 👋 e\u0301t\u00e9",
            "Ünïcödé\tquoted",
        ) == (tip.title, tip.detail, tip.why)

    def test_json_is_yaml(self, tmp_path: Path) -> None:
        """A content file written as JSON loads; an escaped surrogate pair is one character."""
        tip = self.tip(tmp_path, "json-content.yaml", "from-json")
        assert ("Smile \U0001f600", "Tab\there, \u00e9") == (tip.title, tip.detail)

    def test_string_at_the_limit(self, tmp_path: Path) -> None:
        """A string of exactly max_string_chars loads."""
        assert 20_000 == len(self.tip(tmp_path, "string-at-limit.yaml").detail)


class TestBigInput:
    """Inputs too big to store: each is refused at its limit, without reading it all."""

    def write(self, tmp_path: Path, text: str) -> Path:
        folder = _pack(tmp_path)
        (folder / ADDED).write_text(text, encoding="utf-8")
        return folder

    def test_huge_line_over_the_file_limit(self, tmp_path: Path) -> None:
        """A 2 MB single line over max_file_bytes is refused unread (IT104)."""
        folder = self.write(tmp_path, "tips: " + "x" * (Limits().max_file_bytes - 5))
        assert [("IT104", 0, 0)] == located(refused([folder]))

    def test_huge_line_under_the_file_limit(self, tmp_path: Path) -> None:
        """A 1.9 MB single line under the file limit is a string over max_string_chars."""
        folder = self.write(tmp_path, "tips:\n  - id: x\n    title: " + "x" * 1_900_000 + "\n")
        assert [("IT113", 3, 12)] == located(refused([folder]))

    def test_huge_line_with_a_syntax_error_at_its_end(self, tmp_path: Path) -> None:
        """A syntax error after 1.9 MB of small tokens is found at its line."""
        folder = self.write(tmp_path, "- a\n" * 90_000 + "a: b: c\n")
        ((code, line, _),) = located(refused([folder]))
        assert ("IT105", 90_001) == (code, line)

    def test_too_many_nodes(self, tmp_path: Path) -> None:
        """A flow list of 150,000 items stops at max_nodes (IT117) on the 100,001st node.

        Nodes count from the root mapping (1), the key tips (2) and the list (3), so
        the 100,001st node is item 99,998, at column 8 + 3 * 99,997.
        """
        folder = self.write(tmp_path, "tips: [" + "a, " * 150_000 + "]\n")
        assert [("IT117", 1, 8 + 3 * 99_997)] == located(refused([folder]))

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ("tips: " + "[" * 1_900_000, (1, 30)),
            ("tips: " + "{a: " * 450_000, (1, 99)),
            ("tips:\n" + "- " * 900_000 + "x\n", (2, 47)),
        ],
        ids=["flow-lists", "flow-mappings", "block-lists"],
    )
    def test_nesting_far_past_the_recursion_limit(
        self, text: str, where: tuple[int, int], tmp_path: Path
    ) -> None:
        """Nesting hundreds of thousands deep is IT110 at depth 24, never RecursionError."""
        assert [("IT110", *where)] == located(refused([self.write(tmp_path, text)]))

    def test_alias_flood(self, tmp_path: Path) -> None:
        """30,000 aliases: the anchor and 99 aliases (IT107), then IT211 at the hundredth."""
        folder = self.write(tmp_path, "a: &a x\nb: [" + ", ".join(["*a"] * 30_000) + "]\n")
        expected = [("IT107", 1, 4)] + [("IT107", 2, 5 + 4 * k) for k in range(99)]
        assert [*expected, ("IT211", 2, 397)] == located(refused([folder]))

    def flood(self, tmp_path: Path) -> tuple[interviewtips.Problem, ...]:
        record = "tips:\n  - {" + ", ".join(f"x{i}: a" for i in range(49_000)) + "}\n"
        return refused([self.write(tmp_path, record)])

    def test_flood_of_unknown_fields(self, tmp_path: Path) -> None:
        """49,000 unknown fields: the first 100 problems, then one saying there are more."""
        problems = self.flood(tmp_path)
        assert ["IT202"] * 100 + ["IT211"] == [problem.code for problem in problems]

    def test_flood_codes_are_documented(self, tmp_path: Path) -> None:
        """Every code a flood gives is in the catalogue of codes."""
        codes = {problem.code for problem in self.flood(tmp_path)}
        assert codes <= set(CODES)

    def test_flood_of_unknown_references(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """1,200 unknown references: 100 problems then IT211; only 50 look for close matches.

        Each look costs up to a few hundred comparisons, so an unbounded number of them
        would cost seconds.
        """
        looks = []

        class Recording:
            def __init__(self, _known: object) -> None:
                pass

            def __call__(self, name: str) -> tuple[str, ...]:
                looks.append(name)
                return ()

        monkeypatch.setattr(_text, "CloseMatches", Recording)
        tips = "".join(
            f"  - {{id: flood-{i}, kind: do, title: T, detail: D., why: W., "
            f"stages: [first-round], topics: [research], related: [nowhere-{i}]}}\n"
            for i in range(1_200)
        )
        problems = refused([self.write(tmp_path, "tips:\n" + tips)])
        columns = [line.index("nowhere") + 1 for line in tips.splitlines()[:100]]
        expected = [("IT301", number + 2, column) for number, column in enumerate(columns)]
        assert [*expected, ("IT211", 101, columns[-1])] == located(problems)
        assert [f"nowhere-{i}" for i in range(50)] == looks


#: Files of about 1.8 MB, each a flood of one kind of problem, and where their first
#: hundred problems are: (code, line, column) for the k-th, counting from 0.
FLOODS = {
    "duplicate-keys.yaml": (
        "tips:\n  - id: a\n" + "    title: x\n" * 140_000,
        lambda k: ("IT106", 4 + k, 5),
    ),
    "aliases.yaml": (
        "a: &a x\nb: [" + ", ".join(["*a"] * 450_000) + "]\n",
        lambda k: ("IT107", 1, 4) if k == 0 else ("IT107", 2, 5 + 4 * (k - 1)),
    ),
    "tags.yaml": ("- !x a\n" * 260_000, lambda k: ("IT109", 1 + k, 3)),
    "escapes.yaml": ('- "\\e"\n' * 260_000, lambda k: ("IT103", 1 + k, 3)),
    "unknown-fields.yaml": (  # long summaries: under the node limit, over 100 problems
        "topics:\n" + f"  - {{id: t, name: N, summary: {'S' * 400}, zz: a}}\n" * 4_200,
        lambda k: ("IT202", 2 + k, 433),
    ),
}


class TestProblemsCappedPerFile:
    """A 9 MB pack of floods gives 100 problems a file, then IT211, on every path."""

    def test_reader_and_converter(self, tmp_path: Path) -> None:
        """Duplicate keys, aliases, tags, escapes, unknown fields: 100 each, then IT211."""
        folder = _pack(tmp_path)
        for name, (text, _) in FLOODS.items():
            (folder / name).write_text(text, encoding="utf-8")
        assert 8_900_000 < sum(path.stat().st_size for path in folder.glob("*.yaml"))
        problems = refused([folder])
        for name, (_, where) in FLOODS.items():
            expected = [where(k) for k in range(100)]
            assert [*expected, ("IT211", *expected[-1][1:])] == located(
                tuple(problem for problem in problems if problem.path == str(folder / name))
            )
        assert 5 * 101 == len(problems)

    def test_merge(self, tmp_path: Path) -> None:
        """Unknown references and repeated ids in five files: 100 each, then IT211."""
        folder = _pack(tmp_path)
        detail = "A sentence of detail. " * 50
        for number in range(5):
            tips = "".join(
                f"  - {{id: tip-{i}, kind: do, title: T, detail: {detail}, why: W., "
                f"stages: [first-round], topics: [research], related: [nowhere-{i}]}}\n"
                for i in range(1_600)
            )
            (folder / f"flood-{number}.yaml").write_text("tips:\n" + tips, encoding="utf-8")
        assert 8_900_000 < sum(path.stat().st_size for path in folder.glob("*.yaml"))
        problems = refused([folder])
        counts = {
            name: [p.code for p in problems if p.path == str(folder / name)]
            for name in sorted({Path(p.path).name for p in problems})
        }
        # The first file's tips name tips no pack defines; the others' repeat its ids.
        expected = {"flood-0.yaml": [*["IT301"] * 100, "IT211"]}
        expected.update({f"flood-{n}.yaml": [*["IT302"] * 100, "IT211"] for n in range(1, 5)})
        assert expected == counts


@pytest.mark.skipif(not _yaml.HAS_LIBYAML, reason="the re-parse follows a libyaml error")
class TestSyntaxErrorsInBigFiles:
    """A syntax error libyaml finds early in a big file is re-read only up to that error."""

    BODY = ("- " + "a" * 60 + "\n") * 30_000  # 1.9 MB the pure-Python parser reads in seconds

    def reparsed(self, monkeypatch: pytest.MonkeyPatch) -> list[int]:
        """Record the length of every text the pure-Python parser is given."""
        lengths: list[int] = []
        real = _yaml._PurePythonParser

        def recording(text: str) -> _yaml._PurePythonParser:
            lengths.append(len(text))
            return real(text)

        monkeypatch.setattr(_yaml, "_PurePythonParser", recording)
        return lengths

    def test_the_parsers_agree(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error both parsers see is worded by the pure-Python one, from 2,000 characters."""
        lengths = self.reparsed(monkeypatch)
        folder = self.write(tmp_path, "a: b: c\n" + self.BODY)
        (problem,) = refused([folder])
        assert (
            "IT105",
            1,
            5,
            (
                "YAML syntax error: mapping values are not allowed here; "
                "check the indentation and quoting here"
            ),
        ) == (problem.code, problem.line, problem.column, problem.message)
        assert [4 + _yaml._REPARSE_SLACK] == lengths

    def test_the_parsers_disagree(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error only libyaml sees stands: the rest of the file is not parsed slowly.

        Before, the pure-Python parser read all five 1.9 MB files (11 s for this pack)
        and accepted the directive libyaml refuses.
        """
        lengths = self.reparsed(monkeypatch)
        folder = self.write(tmp_path, "%FOO bar\n---\n" + self.BODY)
        for number in range(4):
            shutil.copy(folder / ADDED, folder / f"more-{number}.yaml")
        problems = refused([folder])
        message = (
            "YAML syntax error: found unknown directive name; check the indentation and "
            "quoting here"
        )
        assert [("IT105", 1, 5, message)] * 5 == [
            (p.code, p.line, p.column, p.message) for p in problems
        ]
        assert [_yaml._REPARSE_SLACK + 4] * 5 == lengths

    def test_a_pack_re_reads_five_errors_at_most(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Twenty files libyaml refuses: five re-read by the pure-Python parser, then no more.

        A hundred files of 100,000 characters, each with an error near its end only
        libyaml sees, took 12.7 s to refuse: each was re-read whole. Now 1.8 s.
        """
        lengths = self.reparsed(monkeypatch)
        folder = _pack(tmp_path)
        for number in range(20):
            (folder / f"zz-{number:02d}.yaml").write_text('- "\\ud800"\n', encoding="utf-8")
        problems = refused([folder])
        assert [("IT103", 1, 3)] * 5 + [("IT105", 1, 6)] * 15 == located(problems)
        assert 5 == len(lengths)

    write = TestBigInput.write


class TestPackFolders:
    """Only files inside the pack's folder are read; a pack's size is bounded."""

    def test_symlink_to_a_file_outside(self, tmp_path: Path) -> None:
        """A link to a file outside the pack is IT115 at the link, not followed."""
        folder = _pack(tmp_path)
        (tmp_path / "outside.yaml").write_text("tips: [", encoding="utf-8")
        _symlink(folder / "link.yaml", tmp_path / "outside.yaml")
        problems = refused([folder])
        assert [("IT115", 0, 0, str(folder / "link.yaml"))] == [
            (*located((p,))[0], p.path) for p in problems
        ]

    def test_relative_link_up_and_out(self, tmp_path: Path) -> None:
        """A relative ../../ link that climbs out of the pack is IT115."""
        folder = _pack(tmp_path)
        (folder / "nested").mkdir()
        (tmp_path / "outside.yaml").write_text("tips: []\n", encoding="utf-8")
        _symlink(folder / "nested" / "up.yaml", Path("../../outside.yaml"))
        problems = refused([folder])
        assert [("IT115", str(folder / "nested" / "up.yaml"))] == [
            (p.code, p.path) for p in problems
        ]

    def test_symlinked_folder_outside(self, tmp_path: Path) -> None:
        """A link to a folder outside the pack is IT115, and nothing in it is read."""
        folder = _pack(tmp_path)
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        (outside / "tips.yaml").write_text("tips: [", encoding="utf-8")
        _symlink(folder / "more", outside, folder=True)
        assert [("IT115", str(folder / "more"))] == [(p.code, p.path) for p in refused([folder])]

    def test_link_inside_the_pack_is_read(self, tmp_path: Path) -> None:
        """A link to another file of the same pack is followed: its ids then clash."""
        folder = _pack(tmp_path)
        _symlink(folder / "again.yaml", folder / "tips.yaml")
        assert {"IT302"} == {problem.code for problem in refused([folder])}

    def test_manifest_linked_outside(self, tmp_path: Path) -> None:
        """A pack.yaml that links out of the pack is IT115 alone; the target is not read."""
        folder = _pack(tmp_path)
        (tmp_path / "secret.yaml").write_text("db_password: hunter2\n", encoding="utf-8")
        (folder / "pack.yaml").unlink()
        _symlink(folder / "pack.yaml", tmp_path / "secret.yaml")
        assert [("IT115", 0, 0)] == located(refused([folder]))

    def test_folder_link_loop(self, tmp_path: Path) -> None:
        """Links back to the pack's folder are refused (IT115), not walked again."""
        folder = _pack(tmp_path)
        for name in ("loop-a", "loop-b"):
            _symlink(folder / name, Path(), folder=True)
        problems = refused([folder])
        assert [("IT115", 0, 0)] * 2 == located(problems)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_named_pipe_is_not_read(self, tmp_path: Path) -> None:
        """A named pipe called *.yaml is skipped: reading it would block forever."""
        folder = _pack(tmp_path)
        os.mkfifo(folder / "pipe.yaml")
        assert 4 == len(loaded(folder).tips)

    def test_oversized_pack(self, tmp_path: Path) -> None:
        """A pack whose files together pass max_pack_bytes is IT116 at the file that does."""
        folder = _pack(tmp_path)
        before = (folder / "pack.yaml").stat().st_size + (folder / "more.yaml").stat().st_size
        limits = Limits(max_pack_bytes=before + 1)  # files are read: pack, more, stages...
        problems = refused([folder], limits)
        assert [("IT116", 0, 0, str(folder / "stages.yaml"))] == [
            (p.code, p.line, p.column, p.path) for p in problems
        ]

    def test_too_many_files(self, tmp_path: Path) -> None:
        """More files and folders than max_files (hidden ones too) is IT121 at the pack."""
        folder = _pack(tmp_path)  # pack.yaml and four content files
        (folder / "notes").mkdir()
        (folder / ".hidden").write_text("", encoding="utf-8")
        assert 4 == len(
            interviewtips.load(packs=[folder], builtin=False, limits=Limits(max_files=7)).tips
        )
        (folder / "notes" / "empty.txt").write_text("", encoding="utf-8")
        problems = refused([folder], Limits(max_files=7))
        message = (
            "the pack's folders hold more than 7 files and folders; split it, or remove what "
            "is not content"
        )
        assert [(str(folder), 0, 0, "IT121", message)] == [
            (p.path, p.line, p.column, p.code, p.message) for p in problems
        ]

    def test_default_limit_of_10000_files(self, tmp_path: Path) -> None:
        """A pack of 10,000 empty files beside its own five is refused by default."""
        assert 10_000 == Limits().max_files
        folder = _pack(tmp_path)
        for number in range(10_000):
            (folder / f"{number}.txt").touch()
        assert [("IT121", str(folder))] == [(p.code, p.path) for p in refused([folder])]

    def test_content_too_deep_is_refused(self, tmp_path: Path) -> None:
        """A folder more than eight deep is IT122 at that folder, never skipped in silence."""
        folder = _pack(tmp_path)
        deepest = folder.joinpath(*"abcdefgh")
        deepest.mkdir(parents=True)
        shutil.copy(MINIMAL / "tips.yaml", deepest / "tips.yaml")  # eight deep: read
        assert {"IT302"} == {problem.code for problem in refused([folder])}
        shutil.move(deepest / "tips.yaml", folder / "tips.yaml")
        (deepest / "i").mkdir()
        (deepest / "i" / "tips.yaml").write_text("tips: [", encoding="utf-8")
        message = (
            "this folder is more than 8 folders deep in the pack, deeper than content is "
            "read; move what it holds up"
        )
        assert [(str(deepest / "i"), 0, 0, "IT122", message)] == [
            (p.path, p.line, p.column, p.code, p.message) for p in refused([folder])
        ]

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A file, or a path that does not exist, given as a pack is IT101."""
        file = tmp_path / "pack.yaml"
        file.write_text("id: x\n", encoding="utf-8")
        assert ["IT101", "IT101"] == [p.code for p in refused([file, tmp_path / "nowhere"])]


class TestBetweenPacks:
    """Problems between packs name both files."""

    def test_id_collision_names_both_files(self) -> None:
        """A tip id defined by two packs is IT302 at the second, naming the first."""
        first, second = HOSTILE / "packs" / "clash-a", HOSTILE / "packs" / "clash-b"
        (problem,) = refused([first, second])
        assert ("IT302", 9, 9, str(second / "tips.yaml")) == (
            problem.code,
            problem.line,
            problem.column,
            problem.path,
        )
        assert f"already used at {first / 'content.yaml'}:6" in problem.message

    def test_pack_id_collision_names_both_manifests(self) -> None:
        """Two packs with one id: IT302 at the second manifest, naming the first."""
        first, second = HOSTILE / "packs" / "clash-a", HOSTILE / "packs" / "clash-c"
        (problem,) = refused([first, second])
        assert ("IT302", str(second / "pack.yaml")) == (problem.code, problem.path)
        assert str(first / "pack.yaml") in problem.message

    def test_a_pack_cannot_take_over_builtin_names(self, make_pack) -> None:
        """A stage of order 0 aliased "2nd interview", "job offer", "phone screen": IT307 each.

        Before, it loaded and won every lookup of those names.
        """
        folder = make_pack(
            {
                "stages.yaml": "stages:\n  - id: takeover\n    name: Takeover\n    order: 0\n"
                "    summary: Mine.\n    aliases: [2nd interview, Job Offer, phone-screen]\n"
            }
        )
        problems = refused_beside_core([folder])
        core = str(Path(str(builtin_data())) / "stages.yaml")
        where = str(folder / "stages.yaml")
        message = (
            "stage alias {!r} is also what stage {!r} of pack 'core' answers to (its alias "
            "{!r}, {}:{}); a pack cannot take over another's names: remove it, or replace "
            "that stage on purpose (its id, and replaces: core:{})"
        )
        # The built-in pack is kept without its YAML nodes: its records are placed by
        # the line each starts on.
        lines = Path(core).read_text(encoding="utf-8").splitlines()
        starts = {
            line.split("id: ")[1]: number
            for number, line in enumerate(lines, 1)
            if line.startswith("  - id: ")
        }
        expected = [
            (15, "2nd interview", "second-interview", "2nd interview"),
            (30, "Job Offer", "offer-negotiation", "job offer"),
            (41, "phone-screen", "screening", "phone screen"),
        ]
        assert [
            (
                where,
                6,
                column,
                "IT307",
                message.format(alias, stage, theirs, core, starts[stage], stage),
            )
            for column, alias, stage, theirs in expected
        ] == [(p.path, p.line, p.column, p.code, p.message) for p in problems]

    def test_a_replacing_record_keeps_the_names(self, make_pack) -> None:
        """A record that replaces a built-in stage may answer to that stage's names."""
        folder = make_pack(
            {
                "stages.yaml": "stages:\n  - id: second-interview\n"
                "    replaces: core:second-interview\n    name: Second interview\n"
                "    order: 6\n    summary: Ours.\n    aliases: [2nd interview, second]\n"
            }
        )
        catalog = interviewtips.load(packs=[folder])
        assert ("acme", "Ours.") == (
            catalog.stage("2nd interview").pack,
            catalog.stage("second").summary,
        )

    def test_failed_load_leaves_the_default_catalog(self, tmp_path: Path) -> None:
        """A hostile pack's failed load changes nothing loaded before."""
        before = interviewtips.load()
        results = before.query(stage="second-interview", kind="dont")
        refused([_pack(tmp_path, content="content/billion-laughs.yaml")])
        assert before is interviewtips.load()
        assert results == interviewtips.load().query(stage="second-interview", kind="dont")


class TestCompiledForm:
    """A pack's pack.compiled.json comes from the pack's author: it is untrusted too."""

    @pytest.mark.parametrize(
        ("text", "forged"),
        [
            ("Read the website", "\x1b]0;pwned\x07\x1b[2J"),  # terminal escapes
            ("Read the website", ""),  # an empty required value
            ("Read the website", "x" * 20_001),  # over max_string_chars
            ("send-a-note", "Send A Note"),  # not an id
        ],
        ids=["escapes", "empty", "too-long", "bad-id"],
    )
    def test_forged_compiled_form_is_ignored(self, text: str, forged: str, tmp_path: Path) -> None:
        """Values the strict reader refuses never load from pack.compiled.json."""
        folder = _pack(tmp_path)
        expected = loaded(folder).to_dict()
        interviewtips.compile_pack(folder, builtin=False)
        compiled = folder / "pack.compiled.json"
        data = compiled.read_text(encoding="utf-8")
        assert json.dumps(text) in data
        compiled.write_text(data.replace(json.dumps(text), json.dumps(forged)), encoding="utf-8")
        interviewtips._api._reset_for_tests()
        assert expected == loaded(folder).to_dict()

    def test_deeply_nested_compiled_form_is_ignored(self, tmp_path: Path) -> None:
        """A damaged compiled form is ignored, even one nested past the recursion limit."""
        folder = _pack(tmp_path)
        (folder / "pack.compiled.json").write_text("[" * 100_000, encoding="utf-8")
        assert 4 == len(loaded(folder).tips)

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX memory limits")
    def test_sparse_form_of_4_gb_is_not_read(self, tmp_path: Path) -> None:
        """A 4 GB sparse pack.compiled.json is passed over unread, under a 1 GB memory limit.

        Before, load() read it whole: MemoryError escaped it, and the command line
        printed a traceback.
        """
        folder = _pack(tmp_path)
        with (folder / "pack.compiled.json").open("wb") as file:
            file.truncate(4 * 2**30)
        limited = (
            "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
            "import interviewtips; from interviewtips.cli import main; "
            "print(len(interviewtips.load(packs=[sys.argv[1]], builtin=False).tips)); "
            "sys.exit(main(['stages', '--pack', sys.argv[1], '--no-builtin', "
            "'--format', 'json']))"
        )
        result = subprocess.run(
            [sys.executable, "-c", limited, str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, "") == (result.returncode, result.stderr)
        count, stages = result.stdout.split("\n", 1)
        assert ("4", ["first-round", "second-round"]) == (
            count,
            [stage["id"] for stage in json.loads(stages)],
        )

    def test_form_over_the_pack_limit_is_not_parsed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A matching form larger than max_pack_bytes is passed over: the YAML is read."""
        folder = _pack(tmp_path)
        compiled = interviewtips.compile_pack(folder, builtin=False)
        yaml_bytes = sum(path.stat().st_size for path in folder.glob("*.yaml"))
        limit = max(yaml_bytes, compiled.stat().st_size) + 10
        with compiled.open("ab") as file:
            file.write(b" " * (limit + 1 - compiled.stat().st_size))  # still valid JSON
        limits = Limits(max_pack_bytes=limit)
        parsed = []
        real = json.loads
        monkeypatch.setattr(json, "loads", lambda data: parsed.append(len(data)) or real(data))
        catalog = interviewtips.load(packs=[folder], builtin=False, limits=limits)
        assert (4, []) == (len(catalog.tips), parsed)
        assert 4 == len(loaded(folder).tips)  # under the default limit, the form is used
        assert [limit + 1] == parsed

    def test_stale_form_is_read_no_further_than_its_header(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A form made from other sources is refused by its first bytes, never parsed."""
        folder = _pack(tmp_path)
        interviewtips.compile_pack(folder, builtin=False)
        tips = folder / "tips.yaml"
        tips.write_text(tips.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        parsed = []
        monkeypatch.setattr(json, "loads", parsed.append)
        assert (4, []) == (len(loaded(folder).tips), parsed)

    def test_out_of_memory_is_a_problem(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """MemoryError while reading a form reads the YAML; while reading YAML, it is IT119."""
        folder = _pack(tmp_path)
        interviewtips.compile_pack(folder, builtin=False)

        def no_memory(*_args: object, **_kwargs: object) -> None:
            raise MemoryError

        monkeypatch.setattr(json, "loads", no_memory)
        assert 4 == len(loaded(folder).tips)
        _api._reset_for_tests(keep_builtin_pack=True)  # the unchanged pack's catalog is kept
        monkeypatch.setattr(_yaml, "parse", no_memory)
        names = ("pack.yaml", "more.yaml", "stages.yaml", "tips.yaml", "topics.yaml")
        assert [("IT119", str(folder / name), 0, 0) for name in names] == [
            (p.code, p.path, p.line, p.column) for p in refused([folder])
        ]
        monkeypatch.setattr(_pack_module, "read_sources", no_memory)
        assert [("IT119", str(folder), 0, 0)] == [
            (p.code, p.path, p.line, p.column) for p in refused([folder])
        ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
class TestUnreadable:
    """Files and folders that cannot be read are problems, never OSError."""

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A content file without read permission is IT101 at that file."""
        folder = _pack(tmp_path)
        (folder / "tips.yaml").chmod(0)
        try:
            if os.access(folder / "tips.yaml", os.R_OK):
                pytest.skip("running as root: every file is readable")
            problems = refused([folder])
        finally:
            (folder / "tips.yaml").chmod(0o644)
        assert [("IT101", str(folder / "tips.yaml"))] == [(p.code, p.path) for p in problems]

    @pytest.mark.usefixtures("locked_folders")
    def test_unreadable_folder(self, tmp_path: Path) -> None:
        """A folder of the pack that cannot be listed is IT101 at that folder."""
        folder = _pack(tmp_path)
        (folder / "locked").mkdir()
        assert [("IT101", str(folder / "locked"))] == [(p.code, p.path) for p in refused([folder])]
