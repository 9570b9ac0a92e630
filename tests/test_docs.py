"""The project's own docs: the catalogue has a page for every value of every vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import interviewtips
from interviewtips._record_types import FACETS
from interviewtips.sphinxext import FACET_VOCABULARIES

CATALOGUE = Path(__file__).resolve().parent.parent / "docs" / "catalogue"
if not CATALOGUE.is_dir():
    pytest.skip(f"no catalogue at {CATALOGUE}", allow_module_level=True)

_GUIDE = re.compile(r"^\.\. interview-guide::\n   :(\w+): (\S+)$", re.MULTILINE)


def pages() -> dict[tuple[str, str], tuple[str, tuple[str, str] | None]]:
    """Return each catalogue page by (folder, name): its title and what its guide names."""
    found = {}
    for path in CATALOGUE.glob("*/*.rst"):
        if path.stem == "index":
            continue
        text = path.read_text(encoding="utf-8")
        guide = _GUIDE.search(text)
        found[path.parent.name, path.stem] = (
            text.splitlines()[0],
            (guide.group(1), guide.group(2)) if guide else None,
        )
    return found


class TestCataloguePages:
    """Each stage, topic, situation and region has its page, titled with its name."""

    def test_a_page_per_value(self) -> None:
        """The pages are exactly one per value, each titled with it and guiding for it."""
        catalog = interviewtips.load()
        facets = {facet.section: name for name, facet in FACETS.items() if facet.section}
        expected = {
            (vocabulary.name, record.id): (record.name, (facets[vocabulary.name], record.id))
            for vocabulary in FACET_VOCABULARIES
            for record in getattr(catalog, vocabulary.name)
        }
        assert expected == pages()

    def test_no_private_generator(self) -> None:
        """The catalogue is written with the public directives: no private generator is left."""
        assert not (CATALOGUE.parent / "_ext" / "catalogue.py").exists()
