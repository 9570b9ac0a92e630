"""The compiled form: equal to what the strict reader makes of the YAML, and never stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import interviewtips
from conftest import MANIFEST, MINIMAL
from interviewtips import _yaml
from interviewtips._compiled import COMPILED
from interviewtips._locate import builtin_data
from interviewtips.cli import main


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


class TestCompiledForm:
    """A compiled pack loads to exactly the catalog its YAML gives, parsing no YAML."""

    def test_builtin_content(self, core_copy: Path, parses: list[str]) -> None:
        """The built-in content compiled equals its YAML load."""
        from_yaml = load(core_copy)
        interviewtips.compile_pack(core_copy)
        parses.clear()
        assert (from_yaml, []) == (load(core_copy), parses)

    def test_every_record_type(self, minimal_copy: Path, parses: list[str]) -> None:
        """Each record type and field survives compiling."""
        from_yaml = load(minimal_copy)
        interviewtips.compile_pack(minimal_copy, builtin=False)
        parses.clear()
        assert (from_yaml, []) == (load(minimal_copy), parses)

    def test_pack_beside_core(self, make_pack, parses: list[str]) -> None:
        """A user pack with qualified references and hides compiles too."""
        folder = make_pack(
            {"tips.yaml": TIP},
            manifest=MANIFEST + "hides:\n  tips: [core:practise-your-answers-out-loud]\n",
        )
        from_yaml = interviewtips.load(packs=[folder]).to_dict()
        interviewtips.compile_pack(folder)
        parses.clear()
        assert from_yaml == interviewtips.load(packs=[folder]).to_dict()
        assert [] == [path for path in parses if path.startswith(str(folder))]

    def test_problems_keep_their_file_and_record_line(self, make_pack) -> None:
        """Problems found across packs name the source file and the record's line."""
        folder = make_pack({"tips.yaml": TIP})
        interviewtips.compile_pack(folder)
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=[folder, folder])
        assert {"IT302"} == {problem.code for problem in caught.value.problems}


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
            lambda data: data.replace('"title":"Read the website"', '"title":["x"]'),
            lambda data: data.replace('"kind":"do"', '"kind":"perhaps"', 1),
        ],
    )
    def test_damaged_form_is_ignored(self, minimal_copy: Path, damage) -> None:
        """A damaged or foreign compiled file falls back to the YAML, which is right."""
        from_yaml = load(minimal_copy)
        target = interviewtips.compile_pack(minimal_copy, builtin=False)
        target.write_text(damage(target.read_text()))
        assert from_yaml == load(minimal_copy)

    def test_invalid_pack_is_not_compiled(self, minimal_copy: Path) -> None:
        """compile_pack refuses a pack with problems and writes nothing."""
        (minimal_copy / "tips.yaml").write_text("tips: [")
        with pytest.raises(interviewtips.ContentError):
            interviewtips.compile_pack(minimal_copy, builtin=False)
        assert not (minimal_copy / COMPILED).exists()


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
