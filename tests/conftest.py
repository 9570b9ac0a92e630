"""Shared fixtures: small packs, both YAML parsers, a clean cache for every test."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

import interviewtips
from interviewtips import _api, _yaml

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
DATA = TESTS / "data"
MINIMAL = DATA / "minimal"
BAD = DATA / "bad"

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


@pytest.fixture(autouse=True)
def _cold_cache() -> None:
    """Start every test as a new process would: nothing loaded yet."""
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
