"""Sphinx extension: embed interview guidance in any Sphinx site.

Add ``"interviewtips.sphinxext"`` to ``extensions`` in ``conf.py``. It gives:

- the directive ``.. interview-tips::`` with the options ``:stage:``, ``:kind:`` and
  ``:topic:`` (comma-separated names, any of them, resolved as `Catalog.query` does),
  ``:limit:`` (a whole number above zero) and ``:no-index:``;
- the directive ``.. interview-tip:: TIP-ID`` that shows one tip;
- the role ``:interview-tip:`TIP-ID``` (or ``:interview-tip:`text <TIP-ID>```) that
  links to the tip wherever a directive rendered it;
- the config value ``interviewtips_packs``: the site's own content packs, loaded beside
  the built-in guidance: folders relative to the folder of ``conf.py``, or names of
  installed packs.

Each rendered tip carries the anchor ``tip-<tip id>``, so ``page.html#tip-<id>`` links
work from anywhere. When a tip is rendered on several pages, the role links to the
same page when it can, else to the first page (by name) that does not mark it
``:no-index:``. Mistakes in the directive or the role are located warnings of type
``interviewtips`` (subtypes ``option``, ``unknown-name``, ``empty``, ``content`` and
``ref``), never tracebacks.

Only this module imports Sphinx: ``import interviewtips`` stays free of it.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import _codes as codes
from ._api import load, named_pack
from ._models import Kind
from ._problems import Problem
from ._version import __version__
from .exceptions import ContentError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils.nodes import Element, Node
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ._catalog import Catalog
    from ._models import Tip

logger = logging.getLogger(__name__)

#: How much of a bad option value a warning quotes.
_SHOWN = 40
#: The directive options that filter, in the order their values are checked.
FILTERS = ("stage", "kind", "topic")
_DOMAIN = "interviewtips"
_ANCHOR_PREFIX = "tip-"
#: A place a tip is rendered: its anchor and its title.
_Place = tuple[str, str]

# The catalog of each build, loaded once per build in the main process (before any
# parallel reader forks), or the ContentError that stopped it. Keyed weakly on the
# environment: it never goes into the pickled environment.
_loaded: weakref.WeakKeyDictionary[BuildEnvironment, Catalog | ContentError] = (
    weakref.WeakKeyDictionary()
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the role, the domain and the config value.

    Returns:
        The extension's metadata: its version, and that it is safe for parallel
        reading and writing.
    """
    app.add_config_value("interviewtips_packs", [], "env", types=(list, tuple, str))
    app.add_domain(InterviewTipsDomain)
    app.add_directive("interview-tips", InterviewTipsDirective)
    app.add_directive("interview-tip", InterviewTipDirective)
    app.add_role("interview-tip", TipRole(warn_dangling=True, innernodeclass=nodes.inline))
    app.connect("env-get-outdated", _reload_catalog)
    app.connect("warn-missing-reference", _warn_missing_tip)
    return {
        "version": __version__,
        "env_version": InterviewTipsDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


# -- loading ----------------------------------------------------------------------


def pack_folders(confdir: str | os.PathLike[str], packs: Any) -> list[str | Path]:
    """Return what ``interviewtips_packs`` names: folders as paths, installed packs as names.

    A folder is taken relative to ``confdir`` (the folder of conf.py). A bare name with
    no folder of that name there, such as ``acme``, is the name of an installed pack,
    returned as a string; `_load` resolves it as one, never as a folder of the working
    folder ``sphinx-build`` happens to run in.
    """
    if isinstance(packs, (str, os.PathLike)):
        packs = [packs]
    resolved: list[str | Path] = []
    for pack in packs:
        path = Path(confdir, pack)
        bare = isinstance(pack, str) and "/" not in pack and os.sep not in pack
        resolved.append(pack if bare and not path.exists() else path)
    return resolved


def _load(confdir: str | os.PathLike[str], env: BuildEnvironment) -> Catalog | ContentError:
    packs = env.config.interviewtips_packs
    if not isinstance(packs, (str, os.PathLike, list, tuple)):
        logger.warning(
            "interviewtips: interviewtips_packs must be a list of folders, not %r; "
            "loading the built-in guidance only",
            packs,
            type="interviewtips",
            subtype="option",
        )
        packs = []
    try:
        folders = [
            pack if isinstance(pack, Path) else named_pack(pack)
            for pack in pack_folders(confdir, packs)
        ]
        return load(packs=folders) if folders else load()
    except ContentError as error:
        return error
    except UnknownNameError as error:
        return ContentError([Problem("interviewtips_packs", 0, 0, codes.UNREADABLE, str(error))])


def catalog_of(
    env: BuildEnvironment, confdir: str | os.PathLike[str] | None = None
) -> Catalog | None:
    """Return this build's catalog, loading it on first use; None when it failed to load.

    The catalog is loaded when Sphinx looks for outdated pages, before any page is
    read; ``confdir`` (default: the source folder) only matters if it was not.
    """
    found = _loaded.get(env)
    if found is None:
        found = _loaded[env] = _load(confdir if confdir is not None else env.srcdir, env)
        _report(found)
    return None if isinstance(found, ContentError) else found


def _report(loaded: Catalog | ContentError) -> None:
    if isinstance(loaded, ContentError):
        logger.warning(
            "interviewtips: the guidance could not be loaded: %s",
            loaded,
            type="interviewtips",
            subtype="content",
        )


def _reload_catalog(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Load the catalog for this build; re-read the pages that use it if its files changed.

    Dependencies catch a data file that changes; this catches a file added to a pack
    or taken out of it, and a pack that failed to load and has since been mended.
    """
    del added, changed, removed
    loaded = _loaded[env] = _load(app.confdir or app.srcdir, env)
    _report(loaded)
    files = () if isinstance(loaded, ContentError) else loaded.files
    data = env.get_domain(_DOMAIN).data
    if tuple(data["files"]) == tuple(files):
        return []
    data["files"] = tuple(files)
    return sorted(data["users"])


# -- rendering --------------------------------------------------------------------


def tip_node(tip: Tip, catalog: Catalog, anchor: str | None) -> nodes.Element:
    """Return one tip as an admonition: title, detail, why, then its kind, stages and topics.

    The text is shown exactly as the content gives it (no smart quotes), so a
    page and a program querying the library show the same words. Themes colour
    do's as ``tip`` and don'ts as ``caution``.
    """
    do = tip.kind is Kind.DO
    box = nodes.admonition(
        classes=["interview-tip", f"interview-tip-{tip.kind.value}", "tip" if do else "caution"],
    )
    box["support_smartquotes"] = False
    if anchor:
        box["ids"].append(anchor)
    box += nodes.title("", "", nodes.inline(tip.title, tip.title, classes=["interview-tip-title"]))
    box += nodes.paragraph(tip.detail, tip.detail, classes=["interview-tip-detail"])
    box += nodes.paragraph(
        "",
        "",
        nodes.strong("Why: ", "Why: "),
        nodes.Text(tip.why),
        classes=["interview-tip-why"],
    )
    stages = ", ".join(_name(catalog, stage, "stages") for stage in tip.stages)
    topics = ", ".join(_name(catalog, topic, "topics") for topic in tip.topics)
    where = f"{stages} · {topics}"
    box += nodes.paragraph(
        "",
        "",
        nodes.strong(tip.kind.label, tip.kind.label, classes=["interview-tip-kind"]),
        nodes.Text(" · "),
        nodes.emphasis(where, where),
        nodes.Text(" · "),
        nodes.literal(tip.id, tip.id),
        classes=["interview-tip-meta"],
    )
    return box


def _name(catalog: Catalog, id_: str, record: str) -> str:
    return str(getattr(catalog.get(id_, record=record), "name", id_))


class _TipsDirectiveBase(SphinxDirective):
    """What both directives share: the catalog, anchors, indexing and warnings."""

    def catalog(self) -> Catalog | None:
        """Return the build's catalog and record every data file as a dependency."""
        domain = self.env.get_domain(_DOMAIN)
        assert isinstance(domain, InterviewTipsDomain)  # noqa: S101 - registered in setup
        domain.note_user(self.env.docname)
        catalog = catalog_of(self.env)
        if catalog is None:
            return None
        for name in catalog.files:
            path = Path(name)
            if path.is_file():  # a zipped install has no file to watch
                self.env.note_dependency(str(path.absolute()))
        return catalog

    def render(self, catalog: Catalog, tips: Iterable[Tip]) -> list[Node]:
        """Return the tips' nodes, each anchored ``tip-<id>`` and indexed for the role."""
        document = self.state.document
        domain = self.env.get_domain(_DOMAIN)
        assert isinstance(domain, InterviewTipsDomain)  # noqa: S101 - registered in setup
        index = "no-index" not in self.options
        rendered: list[Node] = []
        for tip in tips:
            anchor: str | None = _ANCHOR_PREFIX + tip.id
            if anchor in document.ids:  # shown twice on one page: only the first is anchored
                anchor = None
            box = tip_node(tip, catalog, anchor)
            self.set_source_info(box)
            if anchor is not None:
                document.set_id(box)
                if index:
                    domain.note_tip(self.env.docname, tip, anchor)
            rendered.append(box)
        return rendered

    def warn(self, message: str, subtype: str) -> list[Node]:
        """Log a warning at the directive's line and render nothing."""
        logger.warning(
            "%s: %s",
            self.name,
            message,
            location=self.get_location(),
            type="interviewtips",
            subtype=subtype,
        )
        return []


class InterviewTipsDirective(_TipsDirectiveBase):
    """``.. interview-tips::``: the tips that match the options, in the catalog's order."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "stage": directives.unchanged,
        "kind": directives.unchanged,
        "topic": directives.unchanged,
        "limit": directives.unchanged,
        "no-index": directives.flag,
    }

    def run(self) -> list[Node]:
        """Return the matching tips, or warn and return nothing."""
        catalog = self.catalog()
        if catalog is None:
            return []
        filters, problems = self.filters(catalog)
        limit = self.options.get("limit")
        if limit is not None and not _positive_int(limit):
            shown = (
                repr(limit)
                if len(limit) <= _SHOWN
                else f"{limit[:_SHOWN]!r}... ({len(limit):,} characters)"
            )
            message = (
                f":limit: takes a whole number above zero, of at most {_LIMIT_DIGITS} "
                f"digits, not {shown}"
            )
            problems.append((message, "option"))
        if problems:
            for message, subtype in problems:
                self.warn(message, subtype)
            return []
        tips = catalog.query(**filters)
        if not tips:
            wanted = "; ".join(
                f":{option}: {', '.join(names)}" for option, names in filters.items()
            )
            return self.warn(f"no tip matches {wanted}", "empty")
        if limit is not None:
            tips = tips[: int(limit.strip().lstrip("0"))]
        return self.render(catalog, tips)

    def filters(self, catalog: Catalog) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
        """Return the filter options as lists of names, and a (message, subtype) per problem.

        Every name is checked on its own, so one build reports every mistake.
        """
        filters: dict[str, list[str]] = {}
        problems: list[tuple[str, str]] = []
        for option in FILTERS:
            if option not in self.options:
                continue
            names = [name.strip() for name in str(self.options[option]).split(",")]
            filters[option] = [name for name in names if name]
            if not filters[option]:
                problems.append((f":{option}: needs at least one name", "option"))
            problems += [
                (message, "unknown-name")
                for message in (_check_name(catalog, option, name) for name in filters[option])
                if message is not None
            ]
        return filters, problems


def _check_name(catalog: Catalog, option: str, name: str) -> str | None:
    """Return why ``name`` is no value of the filter ``option``, or None if it is one."""
    try:
        catalog.query(**{option: name})
    except UnknownNameError as error:
        return _unknown(option, error)
    return None


class InterviewTipDirective(_TipsDirectiveBase):
    """``.. interview-tip:: TIP-ID``: one tip, by its id."""

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"no-index": directives.flag}

    def run(self) -> list[Node]:
        """Return the tip, or warn and return nothing."""
        catalog = self.catalog()
        if catalog is None:
            return []
        try:
            tip = catalog.lookup(self.arguments[0])
        except UnknownNameError as error:
            return self.warn(_unknown(None, error), "unknown-name")
        return self.render(catalog, [tip])


#: The most digits a :limit: may have (after leading zeros): Python refuses to read
#: numbers of more than 4,300 digits, and no page shows a billion tips.
_LIMIT_DIGITS = 9


def _positive_int(text: str) -> bool:
    digits = text.strip().lstrip("0")
    return digits.isdigit() and digits.isascii() and len(digits) <= _LIMIT_DIGITS


def _unknown(option: str | None, error: UnknownNameError) -> str:
    where = f" in :{option}:" if option else ""
    message = f"unknown {error.what} {error.name!r}{where}"
    if error.suggestions:
        message += "; did you mean " + " or ".join(repr(s) for s in error.suggestions) + "?"
    return message


# -- the role and the domain ------------------------------------------------------


class TipRole(XRefRole):
    """``:interview-tip:`TIP-ID```: a link to the tip, its title as the text by default."""

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        """Make a cross-reference resolved by the ``interviewtips`` domain."""
        self.refdomain, self.reftype = _DOMAIN, "tip"
        self.classes = ["xref", _DOMAIN, "interview-tip"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


class InterviewTipsDomain(Domain):
    """Where each tip is rendered, so the role and other sites (objects.inv) can link to it.

    ``tips`` maps a tip id to the pages that index it and, for each, the anchor and
    title; ``users`` the pages with a directive; ``files`` the data files last loaded.
    """

    name = _DOMAIN
    label = "Interview tips"
    object_types: ClassVar[dict[str, ObjType]] = {"tip": ObjType("tip", "tip")}
    roles: ClassVar[dict[str, Any]] = {
        "tip": TipRole(warn_dangling=True, innernodeclass=nodes.inline),
    }
    initial_data: ClassVar[dict[str, Any]] = {"tips": {}, "users": {}, "files": ()}
    data_version = 1

    @property
    def tips(self) -> dict[str, dict[str, _Place]]:
        """For each tip id, the pages that index it: docname to (anchor, title)."""
        return self.data.setdefault("tips", {})  # type: ignore[no-any-return]

    def note_tip(self, docname: str, tip: Tip, anchor: str) -> None:
        """Record that ``docname`` renders ``tip`` at ``anchor``."""
        self.tips.setdefault(tip.id, {}).setdefault(docname, (anchor, _one_line(tip.title)))

    def note_user(self, docname: str) -> None:
        """Record that ``docname`` renders guidance, to re-read it when the packs change."""
        self.data["users"][docname] = None

    def clear_doc(self, docname: str) -> None:
        """Forget what ``docname`` rendered."""
        for places in self.tips.values():
            places.pop(docname, None)
        self.data["users"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take in what a parallel reader recorded for ``docnames``."""
        docs = set(docnames)
        for tip_id, places in otherdata["tips"].items():
            for docname, place in places.items():
                if docname in docs:
                    self.tips.setdefault(tip_id, {})[docname] = place
        for docname in otherdata["users"]:
            if docname in docs:
                self.data["users"][docname] = None

    def place(self, tip_id: str, fromdocname: str | None = None) -> tuple[str, str, str] | None:
        """Return (docname, anchor, title) where the role should link, or None."""
        places = self.tips.get(tip_id.rpartition(":")[2])
        if not places:
            return None
        docname = fromdocname if fromdocname in places else min(places)
        anchor, title = places[docname]
        return docname, anchor, title

    def resolve_xref(  # noqa: PLR0917 - Sphinx's signature
        self,
        env: BuildEnvironment,  # noqa: ARG002 - Sphinx's signature
        fromdocname: str,
        builder: Builder,
        typ: str,  # noqa: ARG002 - Sphinx's signature
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Return a link to the tip's anchor, titled with the tip's title unless given."""
        found = self.place(target, fromdocname)
        if found is None:
            return None
        docname, anchor, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode["classes"])
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(  # noqa: PLR0917 - Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Resolve ``:any:`` references to tips."""
        found = self.resolve_xref(env, fromdocname, builder, "tip", target, node, contnode)
        return [] if found is None else [(f"{_DOMAIN}:tip", found)]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Yield each indexed tip once, at the page the role links to, for objects.inv.

        objects.inv holds an object a line: every name and title is made one line of
        single spaces, so no title can add a line, a forged object, to it.
        """
        for tip_id in sorted(self.tips):
            found = self.place(tip_id)
            if found is not None:
                docname, anchor, title = found
                yield _one_line(tip_id), _one_line(title), "tip", docname, anchor, 1


def _one_line(text: str) -> str:
    """Return text with every run of whitespace, line breaks included, one space."""
    return " ".join(text.split())


def _warn_missing_tip(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Say why a tip reference did not resolve, with the close matches of a mistyped id."""
    if domain is None or domain.name != _DOMAIN:
        return None
    target = node["reftarget"]
    catalog = catalog_of(app.env, app.confdir or app.srcdir)
    message = f"interview-tip: no page renders the tip {target!r}; show it with a directive"
    if catalog is not None:
        try:
            catalog.lookup(target)
        except UnknownNameError as error:
            message = "interview-tip: " + _unknown(None, error)
    logger.warning(message, location=node, type="interviewtips", subtype="ref")
    return True
