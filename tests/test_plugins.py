"""Installed pack plugins: listed without loading, loaded only by name, broken ones isolated."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

import interviewtips
from interviewtips.cli import main

ROOT = Path(__file__).parent.parent
PLUGIN = ROOT / "examples" / "northwind-plugin"
PACKAGE = PLUGIN / "src" / "northwind_interviewtips"

pytestmark = pytest.mark.skipif(not PLUGIN.is_dir(), reason="needs the source tree")


def _distribution(site: Path, name: str, entry_points: str) -> None:
    """Write the metadata of an installed distribution into a site folder."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[interviewtips.packs]\n{entry_points}\n")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder on sys.path holding a good plugin and two broken ones."""
    folder = tmp_path / "site"
    shutil.copytree(PACKAGE, folder / "northwind_interviewtips")
    _distribution(folder, "northwind-interviewtips", "northwind = northwind_interviewtips")
    _distribution(folder, "broken-interviewtips", "broken = no_such_package")
    (folder / "empty_pack").mkdir()
    (folder / "empty_pack" / "__init__.py").write_text("")
    _distribution(folder, "empty-interviewtips", "empty = empty_pack")
    monkeypatch.syspath_prepend(str(folder))
    return folder


class TestAvailablePacks:
    """available_packs() describes each installed plugin without loading content."""

    def test_lists_good_and_broken_plugins(self, site: Path) -> None:
        """Each plugin with its distribution, version, folder or problem."""
        found = {info.name: info for info in interviewtips.available_packs()}
        northwind = found["northwind"]
        assert ("northwind-interviewtips", "1.0", str(site / "northwind_interviewtips"), None) == (
            northwind.distribution,
            northwind.version,
            northwind.location,
            northwind.problem,
        )
        assert "is not an installed package" in (found["broken"].problem or "")
        assert "has no pack.yaml" in (found["empty"].problem or "")

    def test_installing_changes_nothing_by_itself(self, site: Path) -> None:
        """The default catalog holds only the built-in pack."""
        assert ["core"] == [pack.id for pack in interviewtips.load().packs]


class TestLoadByName:
    """A plugin's pack loads when a program names it."""

    def test_load_by_name(self, site: Path) -> None:
        """The plugin's tips join the built-in ones."""
        catalog = interviewtips.load(packs=["northwind"])
        tip = catalog.lookup("bring-a-supply-chain-example")
        assert (["core", "northwind"], "northwind", ("second-interview",)) == (
            [pack.id for pack in catalog.packs],
            tip.pack,
            tip.stages,
        )

    def test_broken_plugin_is_an_error_naming_it(self, site: Path) -> None:
        """Loading a broken plugin raises ContentError naming the plugin."""
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=["broken"])
        (problem,) = caught.value.problems
        assert ("IT118", "plugin 'broken' of broken-interviewtips 1.0") == (
            problem.code,
            problem.path,
        )

    def test_other_packs_stay_usable(self, site: Path) -> None:
        """After a broken plugin fails, the good one still loads."""
        with pytest.raises(interviewtips.ContentError):
            interviewtips.load(packs=["empty"])
        assert "northwind" == interviewtips.load(packs=["northwind"]).packs[1].id

    def test_unknown_name(self, site: Path) -> None:
        """A name that is neither a folder nor a plugin lists the close matches."""
        with pytest.raises(interviewtips.UnknownNameError, match="did you mean 'northwind'"):
            interviewtips.load(packs=["northwnd"])

    def test_core_by_name(self) -> None:
        """The name core is the built-in pack."""
        catalog = interviewtips.load(packs=["core"], builtin=False)
        assert interviewtips.load().to_dict() == catalog.to_dict()

    def test_command_line_by_name(self, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--pack takes a plugin's name too."""
        code = main(["list", "--pack", "northwind", "--topic", "attire", "--format", "json"])
        ids = [tip["id"] for tip in json.loads(capsys.readouterr().out)]
        assert (0, True) == (code, "dont-skip-the-warehouse-tour" in ids)


@pytest.fixture
def hostile_site(site: Path) -> Path:
    """The site, plus plugins that raise or exit on import and one whose metadata is bad."""
    for package, code in (
        ("raising_pack", "raise RuntimeError('boom')"),
        ("exiting_pack", "import sys; sys.exit(3)"),
    ):
        (site / package / "pack").mkdir(parents=True)
        (site / package / "__init__.py").write_text(code + "\n")
    _distribution(site, "raising-interviewtips", "raising = raising_pack.pack")
    _distribution(site, "exiting-interviewtips", "exiting = exiting_pack.pack")
    _distribution(site, "garbled-interviewtips", "no equals sign here")
    return site


class TestBrokenPlugins:
    """A plugin that raises on import, exits or has garbled metadata spoils nothing else."""

    def test_listed_with_their_problems(self, hostile_site: Path) -> None:
        """Each broken plugin is listed with its problem; the good one as before."""
        found = {info.name: info for info in interviewtips.available_packs()}
        assert {
            "raising": "its package 'raising_pack.pack' cannot be found: RuntimeError: boom",
            "exiting": "its package 'exiting_pack.pack' cannot be found: SystemExit: 3",
            "garbled-interviewtips": "its entry_points.txt cannot be read (TypeError: ...); "
            "reinstall it",
            "northwind": None,
        } == {
            # What Python says of a garbled line differs between versions: left out.
            name: re.sub(r"\(TypeError: .*\)", "(TypeError: ...)", found[name].problem or "")
            or None
            for name in ("raising", "exiting", "garbled-interviewtips", "northwind")
        }

    def test_other_plugins_load_by_name(self, hostile_site: Path) -> None:
        """The good plugin loads; the broken one is a ContentError naming it."""
        assert "northwind" == interviewtips.load(packs=["northwind"]).packs[1].id
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=["raising"])
        assert [("plugin 'raising' of raising-interviewtips 1.0", "IT118")] == [
            (problem.path, problem.code) for problem in caught.value.problems
        ]

    def test_a_typo_still_gets_close_matches(self, hostile_site: Path) -> None:
        """A mistyped name is an UnknownNameError naming the good plugin."""
        with pytest.raises(interviewtips.UnknownNameError) as caught:
            interviewtips.load(packs=["northwnd"])
        assert ("northwind",) == caught.value.suggestions

    def test_command_line(self, hostile_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """packs lists every plugin; --pack NAME loads, or fails with a message, no traceback."""
        assert 0 == main(["packs"])
        out = capsys.readouterr().out
        assert (
            "raising  (raising-interviewtips 1.0)  BROKEN: its package 'raising_pack.pack' "
            "cannot be found: RuntimeError: boom"
        ) in out.splitlines()
        assert 0 == main(["list", "--pack", "northwind", "--topic", "attire", "--format", "json"])
        capsys.readouterr()
        assert 2 == main(["list", "--pack", "northwnd"])
        assert (
            "interviewtips: error: unknown pack (no such folder, and no installed plugin) "
            "'northwnd'; did you mean 'northwind'?\n"
        ) == capsys.readouterr().err
        assert 1 == main(["list", "--pack", "exiting"])
        assert "IT118 its package 'exiting_pack.pack' cannot be found" in capsys.readouterr().err


class TestNameClash:
    """Two distributions that claim one pack name: a problem naming both, no silent winner."""

    @pytest.fixture
    def clash(self, site: Path) -> Path:
        shutil.copytree(PACKAGE, site / "northwind_copy")
        _distribution(site, "aardvark-interviewtips", "northwind = northwind_copy")
        return site

    def test_listed_with_the_rival(self, clash: Path) -> None:
        """available_packs() lists both, each with a problem naming the other."""
        found = [info for info in interviewtips.available_packs() if info.name == "northwind"]
        rival = "{} 1.0 also install a pack called 'northwind'; uninstall all but one"
        assert [
            ("aardvark-interviewtips", rival.format("northwind-interviewtips")),
            ("northwind-interviewtips", rival.format("aardvark-interviewtips")),
        ] == [(info.distribution, info.problem) for info in found]

    def test_loading_it_names_both(self, clash: Path) -> None:
        """Loading the name is IT120 naming both distributions."""
        with pytest.raises(interviewtips.ContentError) as caught:
            interviewtips.load(packs=["northwind"])
        (problem,) = caught.value.problems
        assert (
            "plugin 'northwind'",
            "IT120",
            (
                "aardvark-interviewtips 1.0 and northwind-interviewtips 1.0 each install a pack "
                "called 'northwind'; uninstall all but one, or load the pack you want by its folder"
            ),
        ) == (problem.path, problem.code, problem.message)


class TestInstalledPlugin:
    """The example plugin, installed with pip into a fresh environment, loads by name."""

    @pytest.mark.slow
    def test_pip_install_and_load(self, tmp_path: Path) -> None:
        """pip installs the plugin beside interviewtips; load(packs=['northwind']) reads it."""
        venv.create(tmp_path / "venv", with_pip=True)
        python = tmp_path / "venv" / "bin" / "python"
        install = [str(python), "-m", "pip", "install", "--quiet", str(ROOT), str(PLUGIN)]
        subprocess.run(install, check=True, capture_output=True)
        code = (
            "import json, interviewtips; "
            "infos = interviewtips.available_packs(); "
            "c = interviewtips.load(packs=['northwind']); "
            "print(json.dumps([[i.name for i in infos], [p.id for p in c.packs], "
            "c.lookup('dont-skip-the-warehouse-tour').pack]))"
        )
        result = subprocess.run(
            [str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
        )
        assert [["northwind"], ["core", "northwind"], "northwind"] == json.loads(result.stdout)


class TestPacksCommand:
    """interviewtips packs lists the installed plugins."""

    def test_text(self, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """One line a plugin, broken ones marked."""
        assert 0 == main(["packs"])
        lines = capsys.readouterr().out.splitlines()
        assert (
            f"northwind  (northwind-interviewtips 1.0)  {site / 'northwind_interviewtips'}" in lines
        )
        assert [True] == [
            line.startswith("broken  (broken-interviewtips 1.0)  BROKEN: ")
            for line in lines
            if line.startswith("broken")
        ]

    def test_json(self, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON lists every plugin's fields."""
        assert 0 == main(["packs", "--format", "json"])
        names = [info["name"] for info in json.loads(capsys.readouterr().out)]
        assert ["broken", "empty", "northwind"] == [
            n for n in names if n in {"broken", "empty", "northwind"}
        ]
