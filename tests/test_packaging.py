"""The package as users get it: a wheel, a wheel built from the sdist, an editable install.

These tests build and install for real, in fresh virtual environments, so they
take a minute; they catch a data file missing from the wheel, which an editable
install hides.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import os

ROOT = Path(__file__).parent.parent
DATA_FILES = sorted(
    path.relative_to(ROOT / "data").as_posix()
    for path in (ROOT / "data").rglob("*")
    if path.is_file()
)
CHECK = (
    "import json, sys, interviewtips; from interviewtips._locate import locate_builtin; "
    "c = interviewtips.load(); folder, installed = locate_builtin(); "
    "print(json.dumps([str(folder), installed, 'yaml' in sys.modules, len(c.tips), "
    "[t.id for t in c.query(stage='second-interview', kind='do')]]))"
)

pytestmark = pytest.mark.skipif(
    not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree"
)


def _run(*argv: str | os.PathLike[str], cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in argv], capture_output=True, text=True, check=False, cwd=cwd
    )
    assert 0 == result.returncode, result.stdout + result.stderr
    return result.stdout


def _venv(folder: Path) -> Path:
    venv.create(folder, with_pip=True)
    return folder / "bin" / "python"


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build an sdist, a wheel from it, and a wheel straight from the tree."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", out / "via-sdist", ROOT)
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", out / "direct", ROOT)
    return {
        "sdist": next((out / "via-sdist").glob("*.tar.gz")),
        "wheel-from-sdist": next((out / "via-sdist").glob("*.whl")),
        "wheel": next((out / "direct").glob("*.whl")),
    }


@pytest.fixture(scope="module")
def reference() -> list[object]:
    """What the checkout itself loads: tip count and second-interview do's."""
    return json.loads(_run(sys.executable, "-c", CHECK))[3:]


@pytest.mark.slow
class TestDistributions:
    """The wheels and the sdist carry every data file."""

    @pytest.mark.parametrize("kind", ["wheel", "wheel-from-sdist"])
    def test_wheel_carries_the_data(self, dists: dict[str, Path], kind: str) -> None:
        """Every file of data/ is in the wheel as interviewtips/data/, with py.typed."""
        names = set(zipfile.ZipFile(dists[kind]).namelist())
        missing = [f for f in DATA_FILES if f"interviewtips/data/{f}" not in names]
        expected = {"interviewtips/py.typed", "interviewtips/data/pack.compiled.json"}
        assert ([], set()) == (missing, expected - names)

    def test_sdist_carries_the_data(self, dists: dict[str, Path]) -> None:
        """The sdist has data/, the sources and the tests."""
        with tarfile.open(dists["sdist"]) as sdist:
            names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        expected = {f"data/{f}" for f in DATA_FILES} | {"pyproject.toml", "tests/conftest.py"}
        assert set() == expected - names


@pytest.mark.slow
class TestInstalls:
    """Installed each way, the package finds its data and gives the same answers."""

    @pytest.mark.parametrize("kind", ["wheel", "wheel-from-sdist"])
    def test_installed_wheel(self, dists, reference, kind: str, tmp_path: Path) -> None:
        """From a wheel, the data comes from the installed package, compiled: no YAML parsed."""
        python = _venv(tmp_path / "venv")
        _run(python, "-m", "pip", "install", "--quiet", dists[kind])
        location, installed, parsed_yaml, *answers = json.loads(
            _run(python, "-c", CHECK, cwd=tmp_path)
        )
        assert (reference, True, True, False) == (
            answers,
            "site-packages" in location,
            installed,
            parsed_yaml,
        )
        out = _run(
            tmp_path / "venv" / "bin" / "interviewtips",
            "list",
            "--stage",
            "Second interview",
            "--kind",
            "don't",
            "--format",
            "json",
            cwd=tmp_path,
        )
        assert all(item["kind"] == "dont" for item in json.loads(out))

    def test_imported_from_a_zip(self, dists, reference, tmp_path: Path) -> None:
        """From a zip (the wheel itself on sys.path), the data comes via importlib.resources."""
        code = f"import sys; sys.path.insert(0, {str(dists['wheel'])!r}); {CHECK}"
        location, installed, parsed_yaml, *answers = json.loads(
            _run(sys.executable, "-c", code, cwd=tmp_path)
        )
        assert (reference, True, True, False) == (
            answers,
            location.startswith(str(dists["wheel"])),
            installed,
            parsed_yaml,
        )

    def test_editable_install(self, reference, tmp_path: Path) -> None:
        """From an editable install, the data comes from the checkout's YAML."""
        checkout = tmp_path / "checkout"
        for name in ("src", "data", "pyproject.toml", "hatch_build.py", "README.md", "LICENSE"):
            copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
            copy(ROOT / name, checkout / name)
        python = _venv(tmp_path / "venv")
        _run(python, "-m", "pip", "install", "--quiet", "-e", checkout)
        location, installed, parsed_yaml, *answers = json.loads(
            _run(python, "-c", CHECK, cwd=tmp_path)
        )
        assert (reference, str(checkout / "data"), False, True) == (
            answers,
            location,
            installed,
            parsed_yaml,
        )
