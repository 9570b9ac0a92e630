"""Sphinx configuration for the interviewtips documentation.

Build it with (warnings are errors, every reference must resolve):

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
    python -m sphinx -W --keep-going -n -b doctest docs docs/_build/doctest

The browsable catalogue (docs/catalogue/) is written with the public directives of
interviewtips.sphinxext, laid out with sphinx-design; the schema, problem codes, sources,
stage diagram, command-line help and changelog pages come from the directives of
_ext/reference.py. The stage diagram needs Graphviz's ``dot`` (apt-get install graphviz).
"""

from __future__ import annotations

import importlib.util
import sys
import sysconfig
from pathlib import Path
from typing import TYPE_CHECKING, Any

import interviewtips

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "interviewtips"
author = "The interviewtips team"
copyright = "2026, the interviewtips team"  # noqa: A001 - Sphinx's name
version = release = interviewtips.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.graphviz",
    "sphinx_design",
    "interviewtips.sphinxext",
    "reference",
]

exclude_patterns = ["_build", "explanation/fuzz-result.txt"]
nitpicky = True
# Names the Python domain cannot resolve, left as plain text: Python 3.9 cannot evaluate
# some annotations and leaves bare names, and RecordTable is private (a Catalog is built by
# load, not directly). Names from the standard library are handled by _standard_library.
nitpick_ignore_regex = [
    (
        r"py:(class|obj)",
        r"(Iterable|Any|RecordTable|FilterValue|Traversable|PathLike|PackPath|Path)(\[.*\])?",
    ),
    # The type variable of get's default, and the merge's private record of what it removed.
    # Named: what a filter takes besides a str (documented under FilterValue).
    (
        r"py:(class|obj)",
        r"(interviewtips\._catalog\.)?(_D|Named|FilterItem)|interviewtips\._names\.Only|Removal"
        r"|Mapping(\[.*\])?",
    ),
]

html_theme = "furo"
html_title = f"interviewtips {release}"
html_static_path: list[str] = []

# `Name` in a docstring is a link to the documented object, not italics.
default_role = "py:obj"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# Show defaults as values (None, ()), not as the source of attrs' generated __init__
# (attr_dict['x'].default).
autodoc_preserve_defaults = False
# What every filter accepts has a name and an entry of its own in the reference.
autodoc_type_aliases = {"FilterValue": "interviewtips.FilterValue"}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

graphviz_output_format = "svg"

DOCS = Path(__file__).parent
doctest_global_setup = (
    f"import interviewtips\nfrom pathlib import Path\nDOCS = Path({str(DOCS)!r})\n"
    "TESTS = DOCS.parent / 'tests'"
)
trim_doctest_flags = True


def _public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    """Resolve ``interviewtips._models.Tip`` (where a class is defined) to ``interviewtips.Tip``.

    Signatures name the private module a class lives in; the reference documents it
    under the public name users import.
    """
    target = node.get("reftarget", "")
    module, _, name = target.rpartition(".")
    if node.get("refdomain") != "py" or not module.startswith("interviewtips._"):
        return None
    if name not in interviewtips.__all__:
        return None
    domain: Any = env.get_domain("py")
    return domain.resolve_xref(  # type: ignore[no-any-return]
        env, node["refdoc"], app.builder, node["reftype"], f"interviewtips.{name}", node, contnode
    )


def _standard_library(
    _app: Sphinx, _env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    """Show names from the standard library (``pathlib.Path``...) as plain text.

    There is no intersphinx inventory to link them to: the docs build without network.
    """
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not _is_standard(target.partition(".")[0]):
        return None
    return contnode


def _is_standard(module: str) -> bool:
    names = getattr(sys, "stdlib_module_names", None)  # Python 3.10 and newer
    if names is not None:
        return module in names
    if module in sys.builtin_module_names:
        return True
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return False
    origin = getattr(spec, "origin", None) or ""
    stdlib = sysconfig.get_paths()["stdlib"]
    return origin == "frozen" or (origin.startswith(stdlib) and "site-packages" not in origin)


def setup(app: Sphinx) -> None:
    """Map private module paths in signatures to public names; leave the stdlib plain."""
    app.connect("missing-reference", _public_name)
    app.connect("missing-reference", _standard_library)
