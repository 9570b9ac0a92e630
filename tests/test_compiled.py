"""The compiled form: equal to what the strict reader makes of the YAML, and never stale."""

from __future__ import annotations

import json
import operator
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import interviewtips
from conftest import MANIFEST, MINIMAL, REPLACEMENT
from interviewtips import Kind, Limits, _api, _compiled, _pack, _yaml
from interviewtips._locate import COMPILED, builtin_data
from interviewtips._record_types import SECTIONS
from interviewtips._registry import Field, RecordType
from interviewtips._shapes import Choice, Nested
from interviewtips._text import SLUG as SLUG_PATTERN
from interviewtips.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable


@pytest.fixture
def core_copy(tmp_path: Path) -> Path:
    """A copy of the built-in pack, without any compiled form."""
    folder = Path(shutil.copytree(str(builtin_data()), tmp_path / "core"))
    (folder / COMPILED).unlink(missing_ok=True)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path of every file whose YAML is parsed."""
    seen: list[str] = []
    real = _yaml.parse

    def counting(text: str, path: str, *args: object, **kwargs: object):
        seen.append(path)
        return real(text, path, *args, **kwargs)

    monkeypatch.setattr(_yaml, "parse", counting)
    return seen


def load(folder: Path) -> dict[str, object]:
    return interviewtips.load(packs=[folder], builtin=False).to_dict()


#: Stands for a column one value short.
CUT = object()


def _damage(text: str, section: str, key: str, value: object) -> str:
    """Return a compiled form with one value of the first record of a section changed.

    ``key`` names a field, or one of the records' places (file, line, column); with
    ``value`` CUT, the whole column loses its last value instead.
    """
    data = json.loads(text)
    block = data["sections"][section]
    column = block[key] if key in ("file", "line", "column") else block["fields"][key]
    if value is CUT:
        column.pop()
    else:
        column[0] = value
    return json.dumps(data)


def _change_fields(text: str, change: Callable[[dict[str, Any]], object]) -> str:
    """Return a compiled form with the tips' columns changed as a whole."""
    data = json.loads(text)
    change(data["sections"]["tips"]["fields"])
    return json.dumps(data)


class TestCompiledForm:
    """A compiled pack loads to exactly the catalog its YAML gives, parsing no YAML."""

    def test_builtin_content(self, core_copy: Path, parses: list[str]) -> None:
        """The built-in content compiled equals its YAML load, checked or read as installed."""
        from_yaml = load(core_copy)
        interviewtips.compile_pack(core_copy)
        parses.clear()
        assert (from_yaml, []) == (load(core_copy), parses)
        installed, problems = _pack.read_pack(core_copy, Limits(), installed=True)
        assert installed is not None
        catalog = _api.combine([installed], builtin=False)
        assert (from_yaml, [], []) == (catalog.to_dict(), problems, parses)

    def test_every_record_type(self, minimal_copy: Path, parses: list[str]) -> None:
        """Each record type and field survives compiling."""
        from_yaml = load(minimal_copy)
        interviewtips.compile_pack(minimal_copy, builtin=False)
        parses.clear()
        assert (from_yaml, []) == (load(minimal_copy), parses)

    def test_pack_beside_core(self, make_pack, parses: list[str]) -> None:
        """A user pack with qualified references and hides compiles too."""
        folder = make_pack(
            {"tips.yaml": TIP, "replaced.yaml": REPLACEMENT},
            manifest=MANIFEST + "hides:\n  tips: [core:practise-your-answers-out-loud]\n",
        )
        from_yaml = interviewtips.load(packs=[folder]).to_dict()
        interviewtips.compile_pack(folder)
        parses.clear()
        assert from_yaml == interviewtips.load(packs=[folder]).to_dict()
        assert [] == [path for path in parses if path.startswith(str(folder))]

    def test_joined_values_are_ids(self) -> None:
        """Lists held as one space-joined string hold only ids and vocabulary ids: no spaces."""
        joined = [f for spec in SECTIONS.values() for f in spec.fields if f.shape.joined]
        assert {
            "stages",
            "topics",
            "formats",
            "audiences",
            "situations",
            "regions",
            "sources",
            "related",
        } == {field.name for field in joined}
        vocabularies = [getattr(f.shape.item, "vocabulary", ()) for f in joined]
        values = [member.value for vocabulary in vocabularies for member in vocabulary]
        assert [] == [value for value in values if not re.fullmatch(SLUG_PATTERN, value)]

    def test_nested_fields_of_other_shapes_are_refused_by_name(self) -> None:
        """A nested record type with a field no reader handles fails loudly, naming it."""
        mood = RecordType(
            "moods", dict, (Field("mood", Choice(Kind), "A mood."),), "Moods.", singular="mood"
        )
        with pytest.raises(NotImplementedError, match="Choice values are never nested"):
            Nested(mood).read_compiled({"mood": "do"}, 100)

    def test_records_are_built_when_asked_for(self, minimal_copy: Path) -> None:
        """A compiled record is built on first use, once: every caller gets the same object."""
        interviewtips.compile_pack(minimal_copy, builtin=False)
        catalog = interviewtips.load(packs=[minimal_copy], builtin=False)
        records = catalog._indexes["tips"]._table.records
        assert not any(records)
        found = catalog.query(format=interviewtips.only("video"))
        assert ["no"] == [tip.id for tip in found]
        assert ["no"] == [record.id for record in records if record is not None]
        with ThreadPoolExecutor(8) as pool:
            everyone = list(pool.map(lambda _: catalog.tips, range(8)))
        assert all(map(operator.is_, everyone[0], everyone[-1]))
        assert found[0] is catalog.get("no") is everyone[0][[t.id for t in everyone[0]].index("no")]

    def test_problems_keep_their_file_and_record_line(self, make_pack) -> None:
        """Problems found across compiled packs name the source file and the record's line."""
        first = make_pack({"tips.yaml": TIP})
        second = make_pack({"more/tips.yaml": "\n" + TIP}, MANIFEST.replace("acme", "other"), "two")
        for folder in (first, second):
            interviewtips.compile_pack(folder)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[first, second])
        (problem,) = caught.value.problems
        where = f"{first / 'tips.yaml'}:2"
        place = (problem.path, problem.line, problem.column, problem.code)
        assert (str(second / "more" / "tips.yaml"), 3, 5, "IT302") == place
        assert f"tips id 'dress-for-our-office' is already used at {where}" in problem.message


class TestNeverStale:
    """A compiled form that does not match its sources is ignored."""

    def test_changed_yaml_is_read(self, minimal_copy: Path, parses: list[str]) -> None:
        """After an edit, the YAML is read and the edit shows."""
        interviewtips.compile_pack(minimal_copy, builtin=False)
        tips = minimal_copy / "tips.yaml"
        tips.write_text(tips.read_text().replace("Read the website", "Read the annual report"))
        parses.clear()
        assert (
            "Read the annual report"
            == interviewtips.load(packs=[minimal_copy], builtin=False)
            .lookup("read-the-website")
            .title
        )
        assert str(tips) in parses

    def test_added_file_is_read(self, minimal_copy: Path) -> None:
        """A new content file makes the compiled form stale."""
        interviewtips.compile_pack(minimal_copy, builtin=False)
        (minimal_copy / "extra.yaml").write_text(
            "topics:\n  - {id: extra, name: Extra, summary: Added later.}\n"
        )
        catalog = interviewtips.load(packs=[minimal_copy], builtin=False)
        assert "extra" == catalog.topic("extra").id

    @pytest.mark.parametrize(
        "damage",
        [
            lambda _: "not json",
            lambda data: json.dumps({**json.loads(data), "format": 99}),
            lambda data: _damage(data, "tips", "title", ["x"]),
            lambda data: _damage(data, "tips", "kind", "perhaps"),
            lambda data: _damage(data, "tips", "id", "Not A Slug"),
            lambda data: _damage(data, "tips", "detail", "bell \x07"),
            lambda data: _damage(data, "tips", "stages", ""),
            lambda data: _damage(data, "tips", "stages", None),
            lambda data: _damage(data, "tips", "stages", ["preparation"]),
            lambda data: _damage(data, "tips", "stages", 5),
            lambda data: _damage(data, "tips", "stages", "Preparation"),
            lambda data: _damage(data, "tips", "topics", "research  company"),  # an empty id
            lambda data: _damage(data, "tips", "formats", "video hologram"),
            lambda data: _damage(data, "tips", "file", 99),  # no such file
            lambda data: _damage(data, "tips", "line", -1),
            lambda data: _damage(data, "tips", "title", CUT),  # a column cut short
            lambda data: _damage(data, "tips", "line", CUT),
            lambda data: _damage(data, "templates", "placeholders", None),
            lambda data: _damage(data, "questions", "pitfalls", []),
            lambda data: _change_fields(data, lambda fields: fields.pop("title")),
            lambda data: _change_fields(data, lambda fields: fields.update(mood=["calm"])),
            lambda data: _change_fields(data, lambda fields: fields.update(title="one title")),
            # Forged forms that only the cross-field rules or the readers' finer checks catch:
            lambda data: _damage(data, "templates", "body", "Dear {nobody},"),
            lambda data: _damage(data, "questions", "type", "situational"),  # STAR kept
            lambda data: _damage(
                data, "tips", "related", json.loads(data)["sections"]["tips"]["fields"]["id"][0]
            ),
            lambda data: _damage(data, "tips", "title", " padded "),
            lambda data: _damage(data, "tips", "title", "two\nlines"),
            lambda data: _damage(data, "tips", "title", "Do \u202eti"),
            lambda data: _damage(data, "tips", "title", "A byte-order mark\ufeff"),
            lambda data: _damage(data, "stages", "order", 10**12),
            lambda data: json.dumps(
                {
                    **json.loads(data),
                    "pack": {
                        **json.loads(data)["pack"],
                        "hides": [{"section": "stages", "id": "first-round"}],
                    },
                }
            ),
        ],
    )
    def test_damaged_form_is_ignored(self, minimal_copy: Path, damage, parses: list[str]) -> None:
        """A damaged or foreign compiled file is refused at load: the YAML is read instead."""
        from_yaml = load(minimal_copy)
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        original = target.read_text()
        target.write_text(damage(original))
        assert target.read_text() != original
        parses.clear()
        assert from_yaml == load(minimal_copy)
        assert str(minimal_copy / "tips.yaml") in parses

    def test_unreadable_form_is_ignored(
        self, minimal_copy: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A compiled file that cannot be read is passed over for the YAML, not a traceback."""
        from_yaml = load(minimal_copy)
        interviewtips.compile_pack(minimal_copy, builtin=False)
        real = os.open

        def open_(path: str, *args: int) -> int:
            if Path(path).name == COMPILED:
                raise PermissionError(13, "Permission denied", path)
            return real(path, *args)

        monkeypatch.setattr(os, "open", open_)
        parses.clear()
        assert from_yaml == load(minimal_copy)
        assert str(minimal_copy / "tips.yaml") in parses

    def test_an_installed_form_is_read_alone(self, minimal_copy: Path) -> None:
        """A wheel's built-in pack trusts its compiled form: no YAML read, no value checked.

        Any other pack's form is checked against its sources and its values.
        """
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        target.write_text(_damage(target.read_text(), "tips", "title", "Forged \x07"))
        tips = minimal_copy / "tips.yaml"
        tips.write_text(tips.read_text().replace("Read the website", "Read the annual report"))
        titles = {}
        for installed in (False, True):
            pack, _ = _pack.read_pack(minimal_copy, Limits(), installed=installed)
            assert pack is not None
            titles[installed] = next(
                d.record.title for d in pack.rows() if d.spec.section == "tips"
            )
        assert {False: "Read the annual report", True: "Forged \x07"} == titles

    def test_invalid_pack_is_not_compiled(self, minimal_copy: Path) -> None:
        """compile_pack refuses a pack with problems and writes nothing."""
        (minimal_copy / "tips.yaml").write_text("tips: [")
        with pytest.raises(interviewtips.ContentError):
            interviewtips.compile_pack(minimal_copy, builtin=False)
        assert not (minimal_copy / COMPILED).exists()


#: YAML the strict reader refuses: a Python tag, an anchor and its alias, a repeated key.
UNSAFE = """\
topics:
  - id: extra
    name: !!python/object/apply:os.system [echo pwned]
    summary: &s Added.
    aliases: [*s]
    summary: Twice.
"""


class TestAuthoringReadsYaml:
    """validate and lint read the YAML, even when a compiled form matches it."""

    def test_a_matching_form_hides_nothing(
        self, minimal_copy: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A form forged to match YAML holding a tag, an alias and a repeated key: all reported."""
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        (minimal_copy / "zz-unsafe.yaml").write_text(UNSAFE, encoding="utf-8")
        form = json.loads(target.read_bytes())
        form["sources"]["zz-unsafe.yaml"] = _compiled.digest(UNSAFE.encode())
        form["files"].append("zz-unsafe.yaml")
        target.write_bytes(_compiled.serialise(form))
        assert 4 == len(load(minimal_copy)["tips"])  # the forged form matches: load uses it
        where = str(minimal_copy / "zz-unsafe.yaml")
        expected = [
            (where, 3, 11, "IT109"),
            (where, 4, 14, "IT107"),
            (where, 5, 15, "IT107"),
            (where, 6, 5, "IT106"),
        ]
        for check in (interviewtips.validate, interviewtips.lint):
            problems = check(minimal_copy, builtin=False)
            assert expected == [(p.path, p.line, p.column, p.code) for p in problems]
        assert 1 == main(["validate", str(minimal_copy), "--no-builtin"])
        assert [f"{where}:{line}:{column}: {code}" for _, line, column, code in expected] == [
            line.split(" ", 2)[0] + " " + line.split(" ", 2)[1]
            for line in capsys.readouterr().out.splitlines()
        ]


class TestCompileWrites:
    """compile writes a new file and renames it into place: atomic, never through a link."""

    def test_a_link_is_replaced_not_followed(self, minimal_copy: Path) -> None:
        """A pack.compiled.json link to the pack's own tips.yaml leaves tips.yaml as it was."""
        tips = minimal_copy / "tips.yaml"
        before = tips.read_bytes()
        (minimal_copy / COMPILED).symlink_to("tips.yaml")
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        assert (before, False, "mini") == (
            tips.read_bytes(),
            target.is_symlink(),
            json.loads(target.read_text(encoding="utf-8"))["pack"]["id"],
        )

    def test_a_named_pipe_is_replaced_not_opened(self, minimal_copy: Path) -> None:
        """A FIFO called pack.compiled.json is replaced by the compiled file: no hang."""
        os.mkfifo(minimal_copy / COMPILED)
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        assert (True, 1) == (target.is_file(), json.loads(target.read_bytes())["format"] // 4)

    def test_nothing_is_left_behind(self, minimal_copy: Path) -> None:
        """Only pack.compiled.json is added; no temporary file stays, even when the rename fails."""
        before = sorted(path.name for path in minimal_copy.iterdir())
        interviewtips.compile_pack(minimal_copy, builtin=False)
        after = sorted(path.name for path in minimal_copy.iterdir())
        assert sorted([*before, COMPILED]) == after
        (minimal_copy / COMPILED).unlink()
        (minimal_copy / COMPILED).mkdir()  # os.replace cannot put a file over a folder
        with pytest.raises(IsADirectoryError):
            interviewtips.compile_pack(minimal_copy, builtin=False)
        assert after == sorted(path.name for path in minimal_copy.iterdir())
        assert [] == list((minimal_copy / COMPILED).iterdir())

    def test_permissions_follow_the_umask(self, minimal_copy: Path) -> None:
        """The compiled file is as readable as any file the user makes, not private."""
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        umask = os.umask(0)
        os.umask(umask)
        assert oct(0o666 & ~umask) == oct(target.stat().st_mode & 0o777)


class TestCompileCommand:
    """interviewtips compile writes the compiled form."""

    def test_compile(self, minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """It prints the file written; exit 0."""
        assert 0 == main(["compile", str(minimal_copy), "--no-builtin"])
        assert f"wrote {minimal_copy / COMPILED}\n" == capsys.readouterr().out

    def test_compile_refuses_bad_pack(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A pack that clashes with the built-in content is not compiled: exit 1."""
        assert 1 == main(["compile", str(MINIMAL)])
        assert "IT305" in capsys.readouterr().err


TIP = """\
tips:
  - id: dress-for-our-office
    kind: do
    title: Dress for our office
    detail: Smart casual is right for our offices, whatever the role.
    why: Our interviewers notice effort, not labels.
    stages: [core:second-interview]
    topics: [attire]
    related: [core:reflect-on-the-first-round]
"""
