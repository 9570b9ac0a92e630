"""load() and validate(): caching, thread safety, packs beside the built-in content."""

from __future__ import annotations

import gc
import shutil
import threading
from pathlib import Path
from typing import ClassVar

import pytest

import interviewtips
from conftest import MANIFEST, MINIMAL, REPLACEMENT
from interviewtips import _api, _nodes, _pack
from interviewtips._locate import builtin_data

EXTRA_TIP = """\
tips:
  - id: dress-for-our-office
    kind: do
    title: Dress for our office
    detail: Smart casual is right for our offices.
    why: Our interviewers notice effort, not labels.
    stages: [second-interview]
    topics: [attire]
"""


class TestLoad:
    """The default catalog is read once and shared."""

    def test_default_catalog_is_cached(self) -> None:
        """Two calls return the same object."""
        assert interviewtips.load() is interviewtips.load()

    def test_pack_beside_the_builtin_content(self, make_pack) -> None:
        """A pack's tips join the built-in ones and use built-in stages and topics."""
        catalog = interviewtips.load(packs=[make_pack({"tips.yaml": EXTRA_TIP})])
        tip = catalog.lookup("dress-for-our-office")
        assert ("acme", "acme") == (tip.pack, catalog.packs[1].id)
        assert len(interviewtips.load().tips) + 1 == len(catalog.tips)

    def test_a_single_path_is_one_pack(self) -> None:
        """A str path is a pack, not an iterable of one-letter paths."""
        assert ["mini"] == [p.id for p in interviewtips.load(str(MINIMAL), builtin=False).packs]

    def test_builtin_false_loads_only_the_packs(self, mini) -> None:
        """builtin=False leaves the core pack out."""
        assert ["mini"] == [pack.id for pack in mini.packs]

    def test_copy_of_data_loads_alone(self, tmp_path: Path) -> None:
        """A copy of the built-in data folder is a pack like any other."""
        copy = shutil.copytree(str(builtin_data()), tmp_path / "copy")
        catalog = interviewtips.load(packs=[copy], builtin=False)
        assert interviewtips.load().to_dict()["tips"] == catalog.to_dict()["tips"]

    def test_the_same_pack_twice_is_refused(self) -> None:
        """Loading the built-in content beside a copy of it clashes on every id."""
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[str(builtin_data())])
        assert {"IT302"} == {problem.code for problem in caught.value.problems}


class TestFailedLoads:
    """A failed load changes nothing that was loaded before."""

    def test_failed_pack_load_leaves_the_default_catalog(self, minimal_copy: Path) -> None:
        """The cached catalog and earlier results stay as they were."""
        before = interviewtips.load()
        results = before.query(stage="follow-up")
        (minimal_copy / "tips.yaml").write_text("tips: [", encoding="utf-8")
        with pytest.raises(interviewtips.ContentError):
            interviewtips.load(packs=[minimal_copy])
        assert (before, results) == (interviewtips.load(), before.query(stage="follow-up"))
        assert before is interviewtips.load()

    def test_error_lists_every_problem(self, minimal_copy: Path) -> None:
        """Problems in several files are all reported at once."""
        (minimal_copy / "tips.yaml").write_text("tips: [", encoding="utf-8")
        (minimal_copy / "topics.yaml").write_text("topics:\n  - id: x\n", encoding="utf-8")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[minimal_copy], builtin=False)
        files = {Path(problem.path).name for problem in caught.value.problems}
        assert {"tips.yaml", "topics.yaml"} == files

    def test_content_error_is_a_value_error(self, minimal_copy: Path) -> None:
        """Callers can catch it as the builtin ValueError; its text lists the problems."""
        (minimal_copy / "tips.yaml").write_text("tips: [", encoding="utf-8")
        with pytest.raises(ValueError, match=r"1 problem in the content:\n  .*tips.yaml:1:8"):
            interviewtips.load(packs=[minimal_copy], builtin=False)


class TestMemory:
    """A catalog keeps its records, not the YAML they were read from."""

    def test_no_yaml_node_outlives_a_load(self, cold_start) -> None:
        """After loading YAML packs, no node of the reader's is alive."""
        catalog = interviewtips.load(packs=[MINIMAL], builtin=False)
        builtin = interviewtips.load()
        gc.collect()
        alive = [
            obj for obj in gc.get_objects() if isinstance(obj, (_nodes.Mapping, _nodes.Sequence))
        ]
        assert (True, []) == (len(catalog.tips) > 1 and len(builtin.tips) > 1, alive[:3])

    def test_nodes_do_exist_while_reading(self) -> None:
        """The check above can fail: a pack as read, before the merge, holds its nodes."""
        pack, problems = _pack.read_pack(MINIMAL, interviewtips.Limits(), compiled=False)
        assert ([], True) == (problems, pack is not None and pack.tables["tips"].nodes is not None)


class TestThreads:
    """Many threads loading at once on a cold start share one catalog."""

    def test_32_threads_load_once(self, monkeypatch: pytest.MonkeyPatch, cold_start) -> None:
        """The built-in pack is read once, and every thread sees the same results."""
        reads = []
        real_read_pack = _pack.read_pack

        def counting_read_pack(*args, **kwargs):
            reads.append(1)
            return real_read_pack(*args, **kwargs)

        monkeypatch.setattr(_pack, "read_pack", counting_read_pack)
        barrier = threading.Barrier(32)
        results: list[tuple[int, tuple[str, ...]]] = []

        def worker() -> None:
            barrier.wait()
            catalog = interviewtips.load()
            tips = catalog.query(stage="second-interview", kind="dont")
            results.append((id(catalog), tuple(tip.id for tip in tips)))

        threads = [threading.Thread(target=worker) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert (1, 32, 1) == (len(reads), len(results), len(set(results)))


class TestValidate:
    """validate() returns every problem, or an empty tuple."""

    def test_valid_pack(self, make_pack) -> None:
        """A pack that references built-in stages and topics is valid."""
        assert () == interviewtips.validate(make_pack({"tips.yaml": EXTRA_TIP}))

    def test_builtin_data_is_valid(self) -> None:
        """A copy of the built-in content is checked in place of it, not beside it."""
        assert () == interviewtips.validate(str(builtin_data()))

    def test_pack_alone(self) -> None:
        """builtin=False checks a pack that defines its own stages and topics."""
        assert () == interviewtips.validate(MINIMAL, builtin=False)

    def test_pack_alone_clashes_with_core(self) -> None:
        """The same pack beside the built-in content clashes on stage orders, an id and names.

        Its stages and topics answer to names the built-in ones answer to ("first",
        "2nd round", "research"...): each is IT307 at the name.
        """
        problems = interviewtips.validate(MINIMAL)
        assert ["IT302", "IT305", "IT305"] + ["IT307"] * 12 == [p.code for p in problems]

    def test_problems_are_returned_not_raised(self, make_pack) -> None:
        """Unknown references come back as located problems."""
        folder = make_pack({"tips.yaml": EXTRA_TIP.replace("[attire]", "[atire]")})
        (problem,) = interviewtips.validate([folder])
        message = (
            "topics names topic 'atire', which no pack defines; did you mean 'attire' or "
            "'practice'?"
        )
        assert ("IT301", 8, 14, message) == (
            problem.code,
            problem.line,
            problem.column,
            problem.message,
        )


class TestMergeRules:
    """Packs add, replace and hide records only by saying so."""

    def test_replacing_without_saying_so_is_refused(self, make_pack) -> None:
        """A core id defined again is an error naming both files."""
        folder = make_pack(
            {
                "tips.yaml": REPLACEMENT.replace(
                    "    replaces: core:reflect-on-the-first-round\n", ""
                )
            }
        )
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[folder])
        (problem,) = caught.value.problems
        assert ("IT302", str(folder / "tips.yaml"), 2, 9) == (
            problem.code,
            problem.path,
            problem.line,
            problem.column,
        )
        assert f"{builtin_data() / 'tips' / 'second-interview.yaml'}:" in problem.message
        assert "say replaces: core:reflect-on-the-first-round" in problem.message

    def test_replaces_takes_the_place_of_the_core_tip(self, make_pack) -> None:
        """The replacement keeps the id and the position; the old text is gone."""
        core = interviewtips.load().query(stage="second-interview")
        catalog = interviewtips.load(packs=[make_pack({"tips.yaml": REPLACEMENT})])
        tips = catalog.query(stage="second-interview")
        assert [t.id for t in core] == [t.id for t in tips]
        tip = catalog.lookup("reflect-on-the-first-round")
        assert ("acme", "Reread your first-round notes with our recruiter") == (tip.pack, tip.title)
        assert catalog.get("acme:reflect-on-the-first-round") is tip

    def test_replacement_must_keep_the_id(self, make_pack) -> None:
        """Replacing under another id is refused."""
        text = REPLACEMENT.replace("  - id: reflect-on-the-first-round", "  - id: reflect-again")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[make_pack({"tips.yaml": text})])
        assert [("IT306", 3, 15)] == [(p.code, p.line, p.column) for p in caught.value.problems]

    def test_replacing_nothing_is_refused(self, make_pack) -> None:
        """replaces must name a record an earlier pack defines."""
        text = REPLACEMENT.replace("replaces: core:", "replaces: acme:")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[make_pack({"tips.yaml": text})])
        assert ["IT301"] == [problem.code for problem in caught.value.problems]

    def test_hides(self, make_pack) -> None:
        """A hidden tip leaves the catalog, and links to it are dropped."""
        manifest = MANIFEST_WITH_HIDES
        catalog = interviewtips.load(packs=[make_pack({}, manifest=manifest)])
        hidden = "practise-your-answers-out-loud"
        linking = [t.id for t in interviewtips.load().tips if hidden in t.related]
        assert (None, 5) == (catalog.get(hidden), len(linking))
        still_linking = [t.id for t in catalog.tips if hidden in t.related]
        assert ([], len(interviewtips.load().tips) - 1) == (still_linking, len(catalog.tips))

    def test_hiding_nothing_is_refused(self, make_pack) -> None:
        """hides must name an existing record."""
        manifest = MANIFEST_WITH_HIDES.replace("practise-your-answers-out-loud", "no-such-tip")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[make_pack({}, manifest=manifest)])
        assert ["IT301"] == [problem.code for problem in caught.value.problems]

    def test_hiding_a_hidden_record_is_refused(self, make_pack) -> None:
        """A record an earlier pack hid is gone: hiding it again names it (it was a KeyError)."""
        first = make_pack({}, manifest=MANIFEST_WITH_HIDES)
        second = make_pack({}, manifest=MANIFEST_WITH_HIDES.replace("acme", "later"), name="two")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[first, second])
        (problem,) = caught.value.problems
        assert (str(second / "pack.yaml"), 8, 10, "IT301") == (
            problem.path,
            problem.line,
            problem.column,
            problem.code,
        )
        expected = (
            "hides tips 'core:practise-your-answers-out-loud', which a pack loaded before "
            "'later' already hides"
        )
        assert expected == problem.message

    def test_qualified_references(self, make_pack) -> None:
        """pack:id references resolve to plain ids; a wrong pack is refused."""
        text = EXTRA_TIP.replace("[second-interview]", "[core:second-interview]")
        tip = interviewtips.load(packs=[make_pack({"tips.yaml": text})]).lookup(
            "dress-for-our-office"
        )
        assert ("second-interview",) == tip.stages

    def test_reference_to_the_wrong_pack(self, make_pack) -> None:
        """A pack:id naming a pack that did not define the id is refused."""
        text = EXTRA_TIP.replace("[second-interview]", "[acme:second-interview]")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[make_pack({"tips.yaml": text})])
        assert [("IT301", 7, 14)] == [(p.code, p.line, p.column) for p in caught.value.problems]

    def test_two_packs_with_one_id(self, make_pack, tmp_path: Path) -> None:
        """Two packs of the same id are refused, naming the first."""
        first = make_pack({}, name="one")
        second = make_pack({}, name="two")
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[first, second])
        (problem,) = caught.value.problems
        assert ("IT302", f"pack id 'acme' is already used by {first / 'pack.yaml'}") == (
            problem.code,
            problem.message,
        )


MANIFEST_WITH_HIDES = (
    MANIFEST
    + """\
hides:
  tips: [core:practise-your-answers-out-loud]
"""
)


class TestOnePass:
    """Problems in one file never hide problems in another: one run reports them all."""

    FILES: ClassVar[dict[str, str]] = {
        "a-kinds.yaml": EXTRA_TIP.replace("dress-for-our-office", "bring-a-badge").replace(
            "kind: do", "kind: maybe"
        ),
        "b-references.yaml": EXTRA_TIP.replace("[second-interview]", "[secnd-interview]")
        + "    related: [bring-a-badge]\n",
        "c-duplicates.yaml": REPLACEMENT.replace(
            "    replaces: core:reflect-on-the-first-round\n", ""
        ),
    }
    HIDES = MANIFEST + "hides:\n  tips: [core:practise-your-answer-out-loud]\n"

    def expected(self, folder: Path) -> list[tuple[str, str, int, int]]:
        return [
            ("a-kinds.yaml", "IT206", 3, 11),
            ("b-references.yaml", "IT301", 7, 14),
            ("c-duplicates.yaml", "IT302", 2, 9),
            ("pack.yaml", "IT301", 8, 10),
        ]

    def found(self, problems) -> list[tuple[str, str, int, int]]:
        return sorted((Path(p.path).name, p.code, p.line, p.column) for p in problems)

    def test_validate_reports_four_files_at_once(self, make_pack) -> None:
        """A bad kind, a bad stage, a duplicate id and a bad hides entry, all in one run."""
        folder = make_pack(self.FILES, manifest=self.HIDES)
        assert self.expected(folder) == self.found(interviewtips.validate(folder))

    def test_lint_reports_them_too(self, make_pack) -> None:
        """lint gives the same problems in the same run."""
        folder = make_pack(self.FILES, manifest=self.HIDES)
        assert self.expected(folder) == self.found(interviewtips.lint(folder))

    def test_hides_problem_is_located_with_close_matches(self, make_pack) -> None:
        """A hides entry naming nothing is placed at the entry, with the close match."""
        folder = make_pack({}, manifest=self.HIDES)
        (problem,) = interviewtips.validate(folder)
        assert (8, 10) == (problem.line, problem.column)
        expected = (
            "hides tips 'core:practise-your-answer-out-loud', which no pack loaded before "
            "'acme' defines; did you mean 'practise-your-answers-out-loud' or "
            "'state-your-assumptions-out-loud'?"
        )
        assert expected == problem.message

    def test_hides_problem_of_a_compiled_pack_is_located(self, make_pack) -> None:
        """A compiled pack's manifest is parsed again to place a hides problem at its entry."""
        folder = make_pack({}, manifest=MANIFEST_WITH_HIDES)
        interviewtips.compile_pack(folder)
        pack, _ = _pack.read_pack(folder, interviewtips.Limits())
        assert pack is not None
        assert pack.manifest is None  # read from the compiled form
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(folder, builtin=False)  # core, which it hides from, is absent
        assert [("IT301", 8, 10)] == [(p.code, p.line, p.column) for p in caught.value.problems]

    def test_replaces_problem_has_close_matches(self, make_pack) -> None:
        """A replaces naming nothing says what it may have meant, where it is written."""
        text = REPLACEMENT.replace(
            "replaces: core:reflect-on-the-first-round", "replaces: core:reflect-on-the-first-rond"
        )
        (problem,) = interviewtips.validate(make_pack({"tips.yaml": text}))
        assert ("IT301", 3, 15) == (problem.code, problem.line, problem.column)
        assert problem.message.endswith("did you mean 'reflect-on-the-first-round'?")

    def test_a_record_left_out_is_not_reported_again(self, make_pack) -> None:
        """A link to a record with problems of its own is not called unknown as well."""
        folder = make_pack(
            {
                "tips.yaml": self.FILES["a-kinds.yaml"]
                + EXTRA_TIP.split("tips:\n")[1].replace(
                    "    topics: [attire]\n", "    topics: [attire]\n    related: [bring-a-badge]\n"
                )
            }
        )
        assert [("IT206", 3, 11)] == [
            (p.code, p.line, p.column) for p in interviewtips.validate(folder)
        ]

    def test_load_raises_with_every_problem(self, make_pack) -> None:
        """load() names the same problems in its ContentError."""
        folder = make_pack(self.FILES, manifest=self.HIDES)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[folder])
        assert self.expected(folder) == self.found(caught.value.problems)


#: A replacement that states only what it changes: the title.
TITLE_ONLY = """\
tips:
  - id: reflect-on-the-first-round
    replaces: core:reflect-on-the-first-round
    title: Reread your first-round notes with our recruiter
"""


class TestInheritance:
    """A replacement states only the fields it changes and takes the rest from the original."""

    def test_left_out_fields_come_from_the_replaced_record(self, make_pack) -> None:
        """Every field but the title, the pack and replaces is the core tip's."""
        core = interviewtips.load().lookup("reflect-on-the-first-round")
        catalog = interviewtips.load(packs=[make_pack({"tips.yaml": TITLE_ONLY})])
        tip = catalog.lookup("reflect-on-the-first-round")
        expected = {
            **interviewtips.to_dict(core),
            "title": "Reread your first-round notes with our recruiter",
            "replaces": "core:reflect-on-the-first-round",
            "pack": "acme",
        }
        assert expected == interviewtips.to_dict(tip)

    def test_a_field_written_empty_is_not_inherited(self, make_pack) -> None:
        """related: [] clears the original's related tips."""
        core = interviewtips.load().lookup("reflect-on-the-first-round")
        catalog = interviewtips.load(
            packs=[make_pack({"tips.yaml": TITLE_ONLY + "    related: []\n"})]
        )
        tip = catalog.lookup("reflect-on-the-first-round")
        assert (True, ()) == (bool(core.related), tip.related)

    def test_a_replacement_of_nothing_must_be_whole(self, make_pack) -> None:
        """Leaving out required fields while replacing nothing is refused, for each field."""
        text = TITLE_ONLY.replace("replaces: core:", "replaces: acme:")
        problems = interviewtips.validate(make_pack({"tips.yaml": text}))
        assert [
            ("IT301", 3, 15),
            ("IT203", 2, 5, "kind"),
            ("IT203", 2, 5, "detail"),
            ("IT203", 2, 5, "why"),
            ("IT203", 2, 5, "stages"),
            ("IT203", 2, 5, "topics"),
        ] == [
            (p.code, p.line, p.column, *([p.message.split("'")[1]] if p.code == "IT203" else []))
            for p in problems
        ]

    def test_rules_run_on_the_merged_record(self, make_pack) -> None:
        """A replaced template's body with a placeholder it does not list is refused."""
        text = (
            "templates:\n"
            "  - id: thank-you-after-one-to-one\n"
            "    replaces: core:thank-you-after-one-to-one\n"
            "    body: Dear {someone_new},\n"
        )
        problems = interviewtips.validate(make_pack({"templates.yaml": text}))
        unused = (
            "interviewer_name, interview_day, topic_discussed, company, specific_point, "
            "fit_sentence, your_name, your_phone"
        )
        assert [
            ("IT303", 4, 11, "placeholders used but not listed under placeholders: someone_new"),
            ("IT303", 2, 5, f"placeholders listed but used in neither subject nor body: {unused}"),
        ] == [(p.code, p.line, p.column, p.message) for p in problems]

    def test_compiled_form_keeps_what_is_inherited(self, make_pack) -> None:
        """A compiled pack with a partial replacement loads equal to its YAML."""
        folder = make_pack({"tips.yaml": TITLE_ONLY})
        from_yaml = interviewtips.load(packs=[folder]).to_dict()
        interviewtips.compile_pack(folder)
        pack, problems = _pack.read_pack(folder, interviewtips.Limits())
        assert (
            [],
            {
                "tips": {
                    0: (
                        "kind",
                        "detail",
                        "why",
                        "stages",
                        "topics",
                        "phase",
                        "formats",
                        "situations",
                        "regions",
                        "sources",
                        "related",
                    )
                }
            },
        ) == (
            problems,
            {section: table.inherits for section, table in pack.tables.items()},
        )
        assert all(table.nodes is None for table in pack.tables.values())
        _api._reset_for_tests()
        assert from_yaml == interviewtips.load(packs=[folder]).to_dict()


class TestRemovedRecords:
    """Looking up a record a pack hid or replaced says which pack did it."""

    def test_hidden(self, make_pack) -> None:
        """A hidden tip's lookup names the pack that hides it."""
        catalog = interviewtips.load(packs=[make_pack({}, manifest=MANIFEST_WITH_HIDES)])
        with pytest.raises(interviewtips.UnknownNameError) as caught:
            catalog.lookup("practise-your-answers-out-loud")
        assert ("acme", "unknown tip 'practise-your-answers-out-loud': pack 'acme' hides it") == (
            caught.value.removed_by,
            str(caught.value),
        )

    def test_replaced(self, make_pack) -> None:
        """The replaced core tip, asked for as core:id, names the pack that replaces it."""
        catalog = interviewtips.load(packs=[make_pack({"tips.yaml": REPLACEMENT})])
        with pytest.raises(interviewtips.UnknownNameError) as caught:
            catalog.lookup("core:reflect-on-the-first-round")
        expected = (
            "unknown tip 'core:reflect-on-the-first-round': pack 'acme' replaces it; "
            "did you mean 'reflect-on-the-first-round'?"
        )
        assert ("acme", expected) == (caught.value.removed_by, str(caught.value))

    def test_unknown(self, mini) -> None:
        """An id no pack ever defined has no removed_by."""
        with pytest.raises(interviewtips.UnknownNameError) as caught:
            mini.lookup("send-a-not")
        assert (None, ("send-a-note",)) == (caught.value.removed_by, caught.value.suggestions)


class TestPackCache:
    """load(packs=...) keeps the catalog while the pack's files are unchanged."""

    def test_same_packs_same_catalog(self, make_pack) -> None:
        """Two loads of an unchanged pack return the same object."""
        folder = make_pack({"tips.yaml": EXTRA_TIP})
        assert interviewtips.load(packs=[folder]) is interviewtips.load(packs=[str(folder)])

    def test_builtin_and_limits_are_part_of_the_key(self) -> None:
        """Other options give another catalog."""
        alone = interviewtips.load(MINIMAL, builtin=False)
        bounded = interviewtips.load(MINIMAL, builtin=False, limits=interviewtips.Limits())
        assert (True, False, True) == (
            interviewtips.load(MINIMAL, builtin=False) is alone,
            bounded is alone,
            interviewtips.load(MINIMAL, builtin=False, limits=interviewtips.Limits()) is bounded,
        )

    @pytest.mark.parametrize("change", ["edit", "add", "remove"])
    def test_a_change_gives_a_fresh_catalog(self, make_pack, change: str) -> None:
        """Editing, adding or removing a file makes the next load read the pack again."""
        folder = make_pack({"tips.yaml": EXTRA_TIP, "more/extra.yaml": ""})
        (folder / "more" / "extra.yaml").unlink()
        first = interviewtips.load(packs=[folder])
        if change == "edit":
            path = folder / "tips.yaml"
            path.write_text(EXTRA_TIP.replace("Dress for our office", "Dress well"), "utf-8")
        elif change == "add":
            (folder / "more" / "extra.yaml").write_text(
                EXTRA_TIP.replace("dress-for-our-office", "dress-again"), "utf-8"
            )
        else:
            (folder / "tips.yaml").unlink()
        second = interviewtips.load(packs=[folder])
        expected = {"edit": 1, "add": 2, "remove": 0}[change]
        assert (False, expected) == (
            first is second,
            len([tip for tip in second.tips if tip.pack == "acme"]),
        )

    def test_bounded(self, make_pack) -> None:
        """Past PACK_CACHE_SIZE packs, the least recently used is read again."""
        first = make_pack({}, name="first")
        catalog = interviewtips.load(packs=[first])
        for number in range(_api.PACK_CACHE_SIZE):
            manifest = MANIFEST.replace("acme", f"pack-{number}")
            interviewtips.load(packs=[make_pack({}, manifest=manifest, name=f"p{number}")])
        assert (_api.PACK_CACHE_SIZE, False) == (
            len(_api._pack_catalogs),
            interviewtips.load(packs=[first]) is catalog,
        )

    def test_threads_share_one_load(self, make_pack, monkeypatch) -> None:
        """Sixteen threads loading the same pack at once read it once and share it."""
        folder = make_pack({"tips.yaml": EXTRA_TIP})
        interviewtips.load()  # the built-in pack, read once before
        reads = []
        real = _api.read_packs

        def counting(*args, **kwargs):
            reads.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(_api, "read_packs", counting)
        barrier = threading.Barrier(16)
        found = []

        def worker() -> None:
            barrier.wait()
            found.append(id(interviewtips.load(packs=[folder])))

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert (1, 16, 1) == (len(reads), len(found), len(set(found)))

    def test_failed_loads_are_not_kept(self, minimal_copy) -> None:
        """A pack that fails is read again next time, and loads once fixed."""
        tips = minimal_copy / "tips.yaml"
        text = tips.read_text(encoding="utf-8")
        tips.write_text("tips: [", encoding="utf-8")
        with pytest.raises(interviewtips.ContentError):
            interviewtips.load(minimal_copy, builtin=False)
        tips.write_text(text, encoding="utf-8")
        assert ["mini"] == [p.id for p in interviewtips.load(minimal_copy, builtin=False).packs]
