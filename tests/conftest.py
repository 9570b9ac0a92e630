"""Shared fixtures and helpers: small packs, both YAML parsers, the command line, a clean cache."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest

import interviewtips
from interviewtips import _api, _yaml
from interviewtips.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import ModuleType

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
DATA = TESTS / "data"
MINIMAL = DATA / "minimal"
BAD = DATA / "bad"
HOSTILE = DATA / "hostile"
#: Command-line arguments that load the minimal pack alone.
MINI = ["--pack", str(MINIMAL), "--no-builtin"]

#: The fourteen lifecycle stages of the built-in content, in order.
STAGES = (
    "preparation",
    "application",
    "screening",
    "skills-assessment",
    "first-interview",
    "second-interview",
    "technical-interview",
    "case-interview",
    "final-interview",
    "closing",
    "follow-up",
    "references-checks",
    "offer-negotiation",
    "rejection",
)

MANIFEST = """\
id: acme
name: Acme guidance
version: "1"
schema_version: 1
language: en
license: CC0-1.0
"""

#: A tip that replaces one of the built-in pack's, saying so.
REPLACEMENT = """\
tips:
  - id: reflect-on-the-first-round
    replaces: core:reflect-on-the-first-round
    kind: do
    title: Reread your first-round notes with our recruiter
    detail: Book fifteen minutes with your Acme recruiter before the second round.
    why: Our recruiters know what the panel asked last time.
    stages: [second-interview]
    topics: [reflection]
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return its exit code, standard output and error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_script(path: Path, name: str) -> ModuleType:
    """Import a script of the repository (a benchmark, an example) as the module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def located(problems: Iterable[interviewtips.Problem]) -> list[tuple[str, int, int]]:
    """Return each problem as (code, line, column)."""
    return [(problem.code, problem.line, problem.column) for problem in problems]


def refused(packs: list[Path], limits: interviewtips.Limits | None = None) -> list:
    """Load ``packs`` alone; return the problems of the ContentError it must raise."""
    with pytest.raises(interviewtips.ContentError) as caught:
        interviewtips.load(packs=packs, builtin=False, limits=limits)
    return list(caught.value.problems)


def minimal_with(folder: Path, added: Path | None = None, *, manifest: Path | None = None) -> Path:
    """Return a copy of the minimal pack at ``folder``, with a file added or its manifest replaced.

    The added file is copied in as ``zz-added.yaml``, so it is read last.
    """
    copy = Path(shutil.copytree(MINIMAL, folder))
    if added is not None:
        shutil.copy(added, copy / ADDED)
    if manifest is not None:
        shutil.copy(manifest, copy / "pack.yaml")
    return copy


#: The name a file added to a copy of the minimal pack takes.
ADDED = "zz-added.yaml"


@pytest.fixture(autouse=True)
def _cold_cache() -> None:
    """Start every test as a new process would, but for the built-in pack as read.

    The built-in pack is immutable and the same for every test, so it is read once;
    tests of a true cold start ask for the ``cold_start`` fixture.
    """
    _api._reset_for_tests(keep_builtin_pack=True)


@pytest.fixture
def cold_start() -> None:
    """Forget the built-in pack too: nothing is loaded, as in a new process."""
    _api._reset_for_tests()


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with libyaml and once with PyYAML's pure-Python parser."""
    if request.param == "libyaml" and not _yaml.HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(_yaml, "HAS_LIBYAML", request.param == "libyaml")
    return str(request.param)


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """Return a fresh copy of the minimal test pack, free to change."""
    return Path(shutil.copytree(MINIMAL, tmp_path / "minimal"))


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a pack from file names and texts."""

    def make(files: dict[str, str], manifest: str = MANIFEST, name: str = "acme") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pack.yaml").write_text(manifest, encoding="utf-8")
        for relative, text in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return folder

    return make


@pytest.fixture
def catalog() -> interviewtips.Catalog:
    """The built-in catalog."""
    return interviewtips.load()


@pytest.fixture
def mini() -> interviewtips.Catalog:
    """The minimal test pack alone."""
    return interviewtips.load(packs=[MINIMAL], builtin=False)


@pytest.fixture
def locked_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any folder named ``locked`` unlistable, as chmod 000 does for anyone but root."""
    listing = Path.iterdir

    def iterdir(path: Path):
        if path.name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)
