"""Sphinx extension: embed interview guidance of every record type in any Sphinx site.

Add ``"interviewtips.sphinxext"`` to ``extensions`` in ``conf.py``. Everything below is
derived from the registry of record types and facets (`RECORD_TYPES`, `FACETS`,
`VOCABULARIES`), so a record type or facet added there gets its directive, options,
role and index entries here without a change to this module:

- for each record type of guidance, the directive ``.. interview-<name>::`` (such as
  ``interview-tips`` or ``interview-questions-to-ask``), whose options are the record
  type's facets (``:stage:``, ``:kind:``, ``:topic:``...: comma-separated names, any of
  them, resolved as `Catalog.select` does), ``:ids:``, ``:limit:``, ``:no-index:`` and
  the display options; its content, if any, is commentary shown before the records;
- for each, the directive ``.. interview-<singular>:: ID`` that shows one record, and
  the role ``:interview-<singular>:`ID``` that links to it (``interview-tip``,
  ``interview-question``...);
- ``.. interview-guide::``: everything for one situation (a stage, a format, a topic...):
  why employers hold the stage, the do's and don'ts apart, the questions as headings,
  the questions to ask, the templates and the checklists;
- for each vocabulary, ``.. interview-<vocabulary>::`` (``interview-stages``...): its
  values with their summaries and counts, each linked to the page whose guide shows it;
- the config values ``interviewtips_packs`` (the site's own packs: folders relative to
  the source folder, or names of installed packs) and ``interviewtips_on_error``
  (``"skip"`` leaves a broken pack out with located warnings, ``"fail"`` stops the build).

Each rendered record carries the anchor ``<singular>-<id>`` (``tip-<id>``,
``question-<id>``...), so links to it work from anywhere, and is listed in the search
index and ``objects.inv`` at its main page: the page that shows it for its first stage.
Mistakes in directives, roles and configuration are located warnings of type
``interviewtips`` (subtypes ``option``, ``unknown-name``, ``empty``, ``content``, ``ref``),
never tracebacks.

Only this module imports Sphinx: ``import interviewtips`` stays free of it.
"""

from __future__ import annotations

import os
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import ExtensionError
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import _text
from ._api import load, named_pack
from ._models import Checklist, Question, QuestionToAsk, Template, Tip
from ._names import NameIndex, only
from ._record_types import FACETS, RECORD_TYPES, VOCABULARIES
from ._render import Names, where
from ._version import __version__
from .exceptions import ContentError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from docutils.nodes import Element, Node
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ._catalog import Catalog
    from ._registry import Facet, RecordType

logger = logging.getLogger(__name__)

_DOMAIN = "interviewtips"
_STATIC = Path(__file__).parent / "_static"
#: What ``interviewtips_on_error`` may say.
ON_ERROR = ("skip", "fail")
#: Ranks of the places a record is shown: its main page, another indexed page, a page
#: that shows it with ``:no-index:`` (only the role on that same page links there).
_MAIN, _INDEXED, _UNINDEXED = 0, 1, 2
#: The most digits a :limit: may have (after leading zeros): Python refuses to read
#: numbers of more than 4,300 digits, and no page shows a billion records.
_LIMIT_DIGITS = 9
#: How much of a bad option value a warning quotes.
_SHOWN = 40

# The catalog of each build, loaded once per build in the main process (before any
# parallel reader forks), or None when nothing could be loaded. Keyed weakly on the
# environment: it never goes into the pickled environment.
_loaded: weakref.WeakKeyDictionary[BuildEnvironment, Catalog | None] = weakref.WeakKeyDictionary()


def slug(record_type: RecordType) -> str:
    """Return how directives, roles and anchors name one record: ``question-to-ask``."""
    return record_type.singular.replace(" ", "-").lower()


#: The vocabularies whose values a facet takes (stages, topics...; not synonyms): each
#: has its list directive, its role and its pages.
FACET_VOCABULARIES = tuple(
    vocabulary
    for vocabulary in VOCABULARIES
    if any(facet.section == vocabulary.name for facet in FACETS.values())
)
#: The record types and vocabularies by the type the domain files them under.
_TYPES: dict[str, RecordType] = {
    record_type.name: record_type for record_type in (*RECORD_TYPES.values(), *FACET_VOCABULARIES)
}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, roles, domain, config values and the stylesheet.

    Returns:
        The extension's metadata: its version, and that it is safe for parallel
        reading and writing.
    """
    app.add_config_value("interviewtips_packs", [], "env", types=(list, tuple, str))
    app.add_config_value("interviewtips_on_error", "skip", "env", types=(str,))
    app.add_domain(InterviewTipsDomain)
    for record_type in RECORD_TYPES.values():
        app.add_directive(f"interview-{record_type.name}", records_directive(record_type))
        app.add_directive(f"interview-{slug(record_type)}", record_directive(record_type))
    for record_type in _TYPES.values():
        app.add_role(f"interview-{slug(record_type)}", RecordRole(record_type.name))
    for vocabulary in FACET_VOCABULARIES:
        app.add_directive(f"interview-{vocabulary.name}", vocabulary_directive(vocabulary))
    app.add_directive("interview-guide", GuideDirective)
    app.add_post_transform(PlainSymbols)
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _add_static)
    app.connect("env-get-outdated", _reload_catalog)
    app.connect("warn-missing-reference", _warn_missing)
    app.add_css_file("interviewtips.css")
    app.add_js_file("interviewtips.js", defer="defer")
    return {
        "version": __version__,
        "env_version": InterviewTipsDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static(app: Sphinx) -> None:
    """Serve the stylesheet and script that lay records out and mark do's and don'ts."""
    static = getattr(app.config, "html_static_path", None)
    if isinstance(static, list) and str(_STATIC) not in static:
        static.append(str(_STATIC))


def _check_config(app: Sphinx, config: Config) -> None:
    """Warn about an ``interviewtips_on_error`` that is neither "skip" nor "fail"."""
    del app
    if config.interviewtips_on_error not in ON_ERROR:
        logger.warning(
            "interviewtips: interviewtips_on_error must be %s, not %r; using 'skip'",
            " or ".join(repr(value) for value in ON_ERROR),
            config.interviewtips_on_error,
            type="interviewtips",
            subtype="option",
        )
        config.interviewtips_on_error = "skip"


# -- loading ----------------------------------------------------------------------


def pack_folders(srcdir: str | os.PathLike[str], packs: Any) -> list[str | Path]:
    """Return what ``interviewtips_packs`` names, ready for `interviewtips.load`.

    A folder is taken relative to ``srcdir`` (the docs' source folder). A bare name with
    no folder of that name there, such as ``acme``, is passed on as the name of an
    installed pack.
    """
    if isinstance(packs, (str, os.PathLike)):
        packs = [packs]
    resolved: list[str | Path] = []
    for pack in packs:
        path = Path(srcdir, pack)
        bare = isinstance(pack, str) and "/" not in pack and os.sep not in pack
        resolved.append(pack if bare and not path.exists() else path)
    return resolved


def _load(srcdir: str | os.PathLike[str], env: BuildEnvironment) -> Catalog | None:
    """Load the built-in guidance and each site pack that loads; warn about the others.

    Raises:
        ExtensionError: A pack is broken and ``interviewtips_on_error`` is "fail".
    """
    packs = env.config.interviewtips_packs
    if not isinstance(packs, (str, os.PathLike, list, tuple)):
        _warn_config(f"interviewtips_packs must be a list of folders, not {packs!r}")
        packs = []
    fail = env.config.interviewtips_on_error == "fail"
    kept: list[Path] = []
    catalog: Catalog | None = None
    for pack in pack_folders(srcdir, packs):
        # One load per pack, adding it to those that loaded, so only broken ones are left out.
        # A bare name is an installed pack's, never a folder where sphinx-build runs.
        try:
            folder = pack if isinstance(pack, Path) else named_pack(pack)
            catalog = load(packs=[*kept, folder])
        except UnknownNameError as error:  # noqa: PERF203 - a load costs far more than a try
            _pack_failed(_unknown_pack(srcdir, error), (), fail=fail)
        except ContentError as error:
            _pack_failed(f"the pack {os.fspath(pack)!r} has problems", error.problems, fail=fail)
        else:
            kept.append(folder)
    if catalog is None:
        try:
            catalog = load()
        except ContentError as error:  # the built-in pack: only a damaged install
            _pack_failed("the built-in guidance has problems", error.problems, fail=fail)
    return catalog


def _unknown_pack(srcdir: str | os.PathLike[str], error: UnknownNameError) -> str:
    """Say that a bare name in ``interviewtips_packs`` names nothing, with close matches.

    The matches are the installed packs' names and the source folder's pack folders.
    """
    folders = [path.name for path in Path(srcdir).iterdir() if (path / "pack.yaml").is_file()]
    matches = dict.fromkeys([*error.suggestions, *_text.close_matches(error.name, folders)])
    return (
        f"interviewtips_packs: {error.name!r} is no folder of {os.fspath(srcdir)!r} and no "
        f"installed pack{_text.did_you_mean(list(matches)[:3])}"
    )


def _warn_config(message: str) -> None:
    logger.warning("interviewtips: %s", message, type="interviewtips", subtype="option")


def _pack_failed(message: str, problems: Sequence[Any], *, fail: bool) -> None:
    """Warn about a pack left out, each problem at its file and line; or stop the build."""
    if fail:
        lines = [f"interviewtips: {message}", *(f"  {problem}" for problem in problems)]
        raise ExtensionError("\n".join(lines), modname=__name__)
    subtype = "content" if problems else "option"
    logger.warning(
        "interviewtips: %s; it is left out (interviewtips_on_error = 'skip')",
        message,
        type="interviewtips",
        subtype=subtype,
    )
    for problem in problems:
        location = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
        logger.warning(
            "%s %s",
            problem.code,
            problem.message,
            location=location,
            type="interviewtips",
            subtype="content",
        )


def catalog_of(env: BuildEnvironment) -> Catalog | None:
    """Return this build's catalog, loading it on first use; None when nothing loaded.

    The catalog is loaded when Sphinx looks for outdated pages, before any page is read.
    """
    if env not in _loaded:
        _loaded[env] = _load(env.srcdir, env)
    return _loaded[env]


def _reload_catalog(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Load the catalog for this build; re-read the pages that use it if its files changed.

    Dependencies catch a data file that changes; this catches a file added to a pack
    or taken out of it, and a pack that failed to load and has since been mended.
    """
    del added, changed, removed
    loaded = _loaded[env] = _load(app.srcdir, env)
    files = () if loaded is None else loaded.files
    data = env.get_domain(_DOMAIN).data
    if tuple(data["files"]) == tuple(files):
        return []
    data["files"] = tuple(files)
    return sorted(data["users"])


# -- text -------------------------------------------------------------------------

_QUOTES = str.maketrans({"'": "\u2019", "&": "+", "<": "\u2039", ">": "\u203a"})


def index_text(text: str) -> str:
    """Return a heading as the search index and ``objects.inv`` show it: one clean line.

    Whitespace (line breaks included) becomes single spaces, so no entry can forge
    another line of ``objects.inv``; the characters the search page would show as
    HTML entities (``Don&#x27;t``) become their typographic forms.
    """
    text = " ".join(text.split()).translate(_QUOTES)
    return re.sub(r'"(\S)', "\u201c\\1", text).replace('"', "\u201d")


def paragraphs(text: str, classes: Sequence[str] = ()) -> list[nodes.paragraph]:
    """Return prose as paragraphs, one per blank-line-separated block, line breaks kept."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return [nodes.paragraph(block, block, classes=list(classes)) for block in blocks]


def _labelled(label: str, text: str, classes: Sequence[str] = ()) -> list[nodes.paragraph]:
    """Return prose whose first paragraph starts with a bold label: "Why: ..."."""
    found = paragraphs(text, classes) or [nodes.paragraph("", "", classes=list(classes))]
    found[0].insert(0, nodes.strong(f"{label}: ", f"{label}: "))
    return found


def _bullets(items: Iterable[Any], classes: Sequence[str] = ()) -> nodes.bullet_list:
    found = nodes.bullet_list(classes=list(classes))
    for item in items:
        children = item if isinstance(item, list) else paragraphs(str(item))
        found += nodes.list_item("", *children)
    return found


# -- layout: collapsed detail, and columns --------------------------------------------


def dropdown(summary: Sequence[Node], body: Sequence[Node], classes: Sequence[str]) -> Element:
    """Return detail collapsed behind a summary.

    It is the container sphinx-design's ``dropdown`` directive makes: with sphinx-design
    loaded, an HTML page shows a ``<details>`` element; without it, or in other
    builders, the summary is a rubric and the detail follows it, all shown.
    """
    return nodes.container(
        "",
        nodes.rubric("", "", *summary, classes=["interview-summary"]),
        *body,
        is_div=True,
        design_component="dropdown",
        opened=False,
        type="dropdown",
        has_title=True,
        icon=None,
        chevron=None,
        classes=list(classes),
        container_classes=["sd-mb-3", *classes],
        title_classes=["interview-summary"],
        body_classes=[],
    )


def columns(groups: Sequence[Sequence[Node]], classes: Sequence[str] = ()) -> Element:
    """Return groups side by side on wide screens and one after another on phones.

    The extension's stylesheet lays the columns out (a CSS grid); in builders without
    it, the groups simply follow one another.
    """
    row = nodes.container("", classes=["interview-columns", *classes])
    for group in groups:
        row += nodes.container("", *group, classes=["interview-column"])
    return row


# -- rendering records ------------------------------------------------------------

#: The icon beside each kind's word; colour is never the only sign.
_ICONS = {"do": "\u2713", "dont": "\u2717"}


def badge(facet: str, value: Any) -> nodes.inline:
    """Return a value of a facet that heads a record (Do, Don't, Behavioural) as a badge."""
    label = str(getattr(value, "label", value))
    icon = _ICONS.get(str(value), "") if facet == "kind" else ""
    found = nodes.inline(classes=["interview-badge", f"interview-badge-{value}"])
    if icon:
        found += nodes.inline(icon, icon, classes=["interview-icon"])
        found += nodes.Text(" ")
    found += nodes.inline(label, label, classes=["interview-badge-label"])
    return found


class PlainSymbols(SphinxPostTransform):
    """Make records typeset with pdflatex, whose fonts lack the icons and the checkbox.

    The kinds' icons go (their words stay) and checklist boxes become ``[ ]``.
    """

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Replace each icon and checkbox in the document."""
        del kwargs
        for node in list(self.document.findall(nodes.inline)):
            if "interview-icon" in node["classes"]:
                node.parent.remove(node)
            elif "interview-checkbox" in node["classes"]:
                node.replace_self(nodes.inline("[ ] ", "[ ] ", classes=node["classes"]))


class Display(NamedTuple):
    """How a directive shows its records."""

    show_id: bool = False
    meta: bool = True
    pack_mark: str = "own"
    collapse: bool = False
    headings: bool = False


class Body(NamedTuple):
    """A record's own content: what is always shown, and the detail a summary may hide."""

    lead: Sequence[Node]
    rest: Sequence[Node]


#: A record's body: one record, with the names of what it refers to.
BodyRenderer = Callable[[Any, Names], Body]


class _Look(NamedTuple):
    """How records of one model are shown: registered with `renders`."""

    #: Renders a record's body.
    body: BodyRenderer
    #: The heading of their section in a guide.
    section: str
    #: What the summary of a record's collapsed content says.
    more: str


_LOOKS: dict[type, _Look] = {}
#: What the summary of collapsed content says unless a look says otherwise.
_DETAILS = "Details"


def renders(
    model: type, section: str, more: str = _DETAILS
) -> Callable[[BodyRenderer], BodyRenderer]:
    """Register how the body of records of ``model`` looks, and how a guide presents them.

    ``section`` is the title of their section in a guide; ``more``, the summary of their
    collapsed content when each record is a heading.
    """

    def register(function: BodyRenderer) -> BodyRenderer:
        _LOOKS[model] = _Look(function, section, more)
        return function

    return register


def _derived_body(record_type: RecordType, record: Any) -> Body:
    """Return the body of a record type with no registered look: each field, labelled."""
    rest: list[Node] = []
    skipped = {"id", "replaces", "sources", record_type.heading, *record_type.facets}
    for field in record_type.fields:
        value = getattr(record, field.name)
        if field.name in skipped or value in (None, ()):
            continue
        label = field.label or field.name.replace("_", " ").capitalize()
        shown = field.shape.display(value)
        rest += _labelled(label, shown, [f"interview-{slug(record_type)}-{field.name}"])
    return Body([], rest)


@renders(Tip, "Do's and don'ts")
def _tip_body(tip: Tip, _: Names) -> Body:
    return Body(
        paragraphs(tip.detail, ["interview-tip-detail"]),
        _labelled("Why", tip.why, ["interview-tip-why"]),
    )


@renders(Question, "Questions you may be asked", more="What it assesses and how to answer")
def _question_body(question: Question, _: Names) -> Body:
    rest: list[Node] = [
        *_labelled("How to answer", question.approach, ["interview-question-approach"])
    ]
    rest.append(nodes.paragraph("", "", nodes.strong("Pitfalls:", "Pitfalls:")))
    rest.append(_bullets(question.pitfalls, ["interview-question-pitfalls"]))
    if question.star is not None:
        rest.append(
            nodes.paragraph(
                "",
                "",
                nodes.strong("The shape of a STAR answer", "The shape of a STAR answer"),
                nodes.Text(" (tell a true example of your own):"),
            )
        )
        parts = [
            _labelled(part.capitalize(), getattr(question.star, part))
            for part in ("situation", "task", "action", "result")
        ]
        rest.append(_bullets(parts, ["interview-question-star"]))
    if question.follow_ups:
        rest.append(nodes.paragraph("", "", nodes.strong("Follow-ups:", "Follow-ups:")))
        rest.append(_bullets(question.follow_ups, ["interview-question-follow-ups"]))
    return Body(_labelled("What it assesses", question.assesses), rest)


@renders(QuestionToAsk, "Questions to ask the employer")
def _ask_body(question: QuestionToAsk, _: Names) -> Body:
    whom = ", ".join(audience.label.lower() for audience in question.audiences)
    instead = question.instead
    rest = _labelled("Instead", instead, ["interview-question-to-ask-instead"]) if instead else []
    return Body(
        [
            *paragraphs(question.why, ["interview-question-to-ask-why"]),
            nodes.paragraph(f"Ask: {whom}", f"Ask: {whom}", classes=["interview-audience"]),
        ],
        list(rest),
    )


@renders(Template, "Email templates")
def _template_body(template: Template, _: Names) -> Body:
    email = f"Subject: {template.subject}\n\n{template.body.rstrip()}"
    block = nodes.literal_block(email, email, classes=["interview-template-email"])
    block["language"] = "text"
    placeholders = [
        [
            nodes.paragraph(
                "",
                "",
                nodes.literal(f"{{{p.name}}}", f"{{{p.name}}}"),
                nodes.Text(f": {p.description}"),
            )
        ]
        for p in template.placeholders
    ]
    rest: list[Node] = [
        block,
        nodes.paragraph("", "", nodes.strong("Placeholders:", "Placeholders:")),
        _bullets(placeholders, ["interview-template-placeholders"]),
    ]
    return Body(_labelled("When", template.when, ["interview-template-when"]), rest)


@renders(Checklist, "Checklists")
def _checklist_body(checklist: Checklist, _: Names) -> Body:
    items = nodes.bullet_list(classes=["interview-checklist-items"])
    for item in checklist.items:
        box = nodes.inline("\u2610 ", "\u2610 ", classes=["interview-checkbox"])
        items += nodes.list_item("", nodes.paragraph("", "", box, nodes.Text(item)))
    summary = checklist.summary
    lead = paragraphs(summary, ["interview-checklist-summary"]) if summary else []
    return Body(lead, [items])


def section_title(record_type: RecordType) -> str:
    """Return the title a guide gives a record type's section."""
    look = _LOOKS.get(record_type.model)
    return look.section if look else record_type.name.replace("-", " ").capitalize()


class Renderer:
    """Turns records of one record type into nodes, anchored, indexed and marked."""

    def __init__(
        self, directive: SphinxDirective, catalog: Catalog, record_type: RecordType
    ) -> None:
        self.directive = directive
        self.catalog = catalog
        self.record_type = record_type
        self.names = Names(catalog)
        self.slug = slug(record_type)

    def header(self, record: Any, display: Display) -> list[Node]:
        """Return the badges (kind, type...), the pack's mark and the record's heading."""
        found: list[Node] = []
        for name, field in self.record_type.facets.items():
            value = getattr(record, field.name)
            # The single values that head a record (kind, type); lists (audiences) do not.
            facet = field.facet
            if facet and not facet.summarised and not isinstance(value, (tuple, type(None))):
                found += [badge(name, value), nodes.Text(" ")]
        mark = self.pack_mark(record, display)
        if mark is not None:
            found += [mark, nodes.Text(" ")]
        heading = str(getattr(record, self.record_type.heading))
        found.append(nodes.inline(heading, heading, classes=[f"interview-{self.slug}-title"]))
        return found

    def pack_mark(self, record: Any, display: Display) -> Node | None:
        """Return the mark of a site pack's record, or None (``:pack-mark:``)."""
        pack_id = getattr(record, "pack", None)
        own = pack_id is not None and pack_id != "core"
        if (
            display.pack_mark == "none"
            or pack_id is None
            or (display.pack_mark == "own" and not own)
        ):
            return None
        pack = next((p for p in self.catalog.packs if p.id == pack_id), None)
        label = pack.name if pack is not None else pack_id
        kind = "own" if own else "builtin"
        return nodes.inline(label, label, classes=["interview-pack", f"interview-pack-{kind}"])

    def meta(self, record: Any, display: Display, *, badges: bool) -> list[Node]:
        """Return the meta line: where the record applies, and its id if asked for."""
        parts: list[Node] = []
        if badges:
            parts += self.header(record, display)[:-1]
        if display.meta:
            shown = where(record, self.names)
            parts.append(nodes.emphasis(shown, shown))
        if display.show_id:
            parts += [nodes.Text(" \u00b7 "), nodes.literal(record.id, record.id)]
        if not parts:
            return []
        return [
            nodes.paragraph(
                "", "", *parts, classes=[f"interview-{self.slug}-meta", "interview-meta"]
            )
        ]

    def classes(self, record: Any) -> list[str]:
        """Return a record's classes: its type's, and its kind's, which themes colour."""
        found = ["interview-record", f"interview-{self.slug}"]
        kind = getattr(record, "kind", None)
        if kind is not None:
            found += [f"interview-{self.slug}-{kind}", f"interview-kind-{kind}"]
            found.append("tip" if str(kind) == "do" else "caution")
        return found

    def node(self, record: Any, anchor: str, display: Display) -> Element:
        """Return one record: a box, a box collapsed behind its header, or a section.

        The text is shown exactly as the content gives it (no smart quotes), so a page
        and a program querying the library show the same words.
        """
        node = self._node(record, anchor, display)
        node["support_smartquotes"] = False
        return node

    def _node(self, record: Any, anchor: str, display: Display) -> Element:
        look = _LOOKS.get(type(record))
        body = (
            look.body(record, self.names)
            if look is not None
            else _derived_body(self.record_type, record)
        )
        ids = [anchor]
        classes = self.classes(record)
        if display.headings:
            heading = str(getattr(record, self.record_type.heading))
            section = nodes.section("", ids=ids, classes=classes)
            section += nodes.title(heading, heading, classes=[f"interview-{self.slug}-title"])
            section += self.meta(record, display, badges=True)
            if display.collapse:
                label = look.more if look is not None else _DETAILS
                more = nodes.inline(label, label)
                section += dropdown([more], [*body.lead, *body.rest], ["interview-more"])
            else:
                section += [*body.lead, *body.rest]
            return section
        header = self.header(record, display)
        content = [*body.lead, *body.rest, *self.meta(record, display, badges=False)]
        if display.collapse:
            box = dropdown(header, content, classes)
            summary: Any = box.children[0]
            summary["ids"] = ids  # sphinx-design moves the summary's ids to <details>
            return box
        box = nodes.admonition("", classes=classes, ids=ids)
        box += nodes.title("", "", *header)
        # In a container, not straight in the admonition: the text builder runs an
        # admonition's own paragraphs together.
        box += nodes.container("", *content, classes=["interview-body"])
        return box


# -- directives -------------------------------------------------------------------


def _flag_or_choice(choices: Sequence[str]) -> Callable[[str | None], str]:
    def check(argument: str | None) -> str:
        return directives.choice(argument or "", choices)

    return check


#: The display options every directive that shows records takes.
DISPLAY_OPTIONS: dict[str, Callable[[str | None], Any]] = {
    "show-id": directives.flag,
    "hide-meta": directives.flag,
    "pack-mark": _flag_or_choice(("own", "all", "none")),
    "no-index": directives.flag,
    "limit": directives.unchanged,
}


class _GuidanceDirective(SphinxDirective):
    """What every directive that shows guidance shares: catalog, filters, anchors, warnings."""

    has_content = True
    #: The facets its filter options name.
    facets: ClassVar[Mapping[str, Facet]] = {}

    def catalog(self) -> Catalog | None:
        """Return the build's catalog and record every data file as a dependency."""
        self.domain.note_user(self.env.docname)
        catalog = catalog_of(self.env)
        if catalog is None:
            return None
        for name in catalog.files:
            path = Path(name)
            if path.is_file():  # a zipped install has no file to watch
                self.env.note_dependency(str(path.absolute()))
        return catalog

    @property
    def domain(self) -> InterviewTipsDomain:
        """The extension's domain, where records are indexed."""
        domain = self.env.get_domain(_DOMAIN)
        assert isinstance(domain, InterviewTipsDomain)  # noqa: S101 - registered in setup
        return domain

    def display(self, *, collapse: bool = False, headings: bool = False) -> Display:
        """Return the display options given, over this directive's defaults."""
        display = Display(collapse=collapse, headings=headings)
        return display._replace(
            show_id="show-id" in self.options or display.show_id,
            meta="hide-meta" not in self.options and display.meta,
            pack_mark=self.options.get("pack-mark", display.pack_mark),
        )

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

    def filters(self, catalog: Catalog) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
        """Return the filter options as lists of names, and a (message, subtype) per problem.

        Every name is checked on its own, so one build reports every mistake.
        """
        filters: dict[str, list[str]] = {}
        problems: list[tuple[str, str]] = []
        for option in self.facets:
            if option not in self.options:
                continue
            names = [name.strip() for name in str(self.options[option]).split(",")]
            filters[option] = [name for name in names if name]
            if not filters[option]:
                problems.append((f":{option}: needs at least one name", "option"))
            for name in filters[option]:
                message = _check_name(catalog, option, name)
                if message is not None:
                    problems.append((message, "unknown-name"))
        return filters, problems

    def checked_options(
        self, catalog: Catalog
    ) -> tuple[dict[str, list[str]], int | None, list[tuple[str, str]]]:
        """Return the filters and ``:limit:``, and a (message, subtype) per problem in either."""
        filters, problems = self.filters(catalog)
        limit, problem = self.limit()
        if problem is not None:
            problems.append((problem, "option"))
        return filters, limit, problems

    def nothing_matches(self, what: str, filters: Mapping[str, Sequence[str]]) -> list[Node]:
        """Warn that ``what`` ("nothing", "no tip") matches the filters; return no nodes."""
        wanted = "; ".join(f":{option}: {', '.join(names)}" for option, names in filters.items())
        return self.warn(f"{what} matches {wanted}", "empty")

    def limit(self) -> tuple[int | None, str | None]:
        """Return ``:limit:`` as a number, or the reason it is not one."""
        text = self.options.get("limit")
        if text is None:
            return None, None
        digits = text.strip().lstrip("0")
        if digits.isascii() and digits.isdigit() and len(digits) <= _LIMIT_DIGITS:
            return int(digits), None
        shown = (
            repr(text)
            if len(text) <= _SHOWN
            else f"{text[:_SHOWN]!r}... ({len(text):,} characters)"
        )
        message = (
            f":limit: takes a whole number above zero, of at most {_LIMIT_DIGITS} digits, "
            f"not {shown}"
        )
        return None, message

    def commentary(self) -> list[Node]:
        """Return the directive's content: commentary shown before the records."""
        if not self.content:
            return []
        box = nodes.container(classes=["interview-commentary"])
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]

    def place(
        self, renderer: Renderer, record: Any, display: Display, stages: Sequence[str]
    ) -> Element:
        """Return a record's node, anchored ``<singular>-<id>`` and noted in the domain.

        A record shown again on a page gets a numbered id (a heading needs one for the
        page's contents); only the first is its anchor. It is the record's main place
        when its first stage is among ``stages`` (the stages the directive shows).
        """
        document = self.state.document
        wanted = f"{renderer.slug}-{record.id}"
        anchor = _unique_id(document, wanted)
        node = renderer.node(record, anchor, display)
        document.ids[anchor] = node
        self.set_source_info(node)
        if "no-index" in self.options:  # shown again here: search finds it at its home
            node["classes"].append("no-search")
            if "container_classes" in node:
                node["container_classes"].append("no-search")
        if anchor == wanted:
            if "no-index" in self.options:
                rank = _UNINDEXED
            else:
                first = getattr(record, "stages", ())[:1]
                rank = _MAIN if first and first[0] in stages else _INDEXED
            title = str(getattr(record, renderer.record_type.heading))
            self.domain.note_record(
                renderer.record_type.name, record, self.env.docname, anchor, title, rank
            )
        return node

    def new_section(self, heading: Sequence[Node], wanted_id: str) -> nodes.section:
        """Return a section with a heading and an id unique on the page, noted on it."""
        section = nodes.section("", nodes.title("", "", *heading))
        anchor = _unique_id(self.state.document, wanted_id)
        section["ids"].append(anchor)
        self.state.document.ids[anchor] = section
        return section

    def stage_ids(self, catalog: Catalog, filters: Mapping[str, Sequence[str]]) -> list[str]:
        """Return the ids of the stages the ``:stage:`` option names."""
        return [catalog.stage(name).id for name in filters.get("stage", ())]


def _check_name(catalog: Catalog, option: str, name: str) -> str | None:
    """Return why ``name`` is no value of the facet ``option``, or None if it is one."""
    record = next(n for n, t in RECORD_TYPES.items() if option in t.facets)
    try:
        catalog.select(record, **{option: name})
    except UnknownNameError as error:
        return _unknown(option, error)
    return None


def _unknown(option: str | None, error: UnknownNameError) -> str:
    where = f" in :{option}:" if option else ""
    return f"unknown {error.what} {error.name!r}{where}{_text.did_you_mean(error.suggestions)}"


class RecordsDirective(_GuidanceDirective):
    """``.. interview-<record type>::``: the records that match the options, in order."""

    #: The record type it shows; set on each generated subclass.
    record_type: ClassVar[RecordType]

    def run(self) -> list[Node]:
        """Return the commentary and the matching records, or warn and return nothing."""
        catalog = self.catalog()
        if catalog is None:
            return []
        filters, limit, problems = self.checked_options(catalog)
        records: Sequence[Any] = ()
        if not problems:
            records = catalog.select(self.record_type.name, **filters)
            records, missing = self.chosen(catalog, records)
            problems += [(message, "unknown-name") for message in missing]
        for message, subtype in problems:
            self.warn(message, subtype)
        if problems:
            return []
        if not records:
            return self.nothing_matches(f"no {self.record_type.singular}", filters)
        if limit is not None:
            records = records[:limit]
        display = self.display(
            collapse="collapse" in self.options, headings="headings" in self.options
        )
        renderer = Renderer(self, catalog, self.record_type)
        stages = self.stage_ids(catalog, filters)
        group = self.options.get("group-by")
        return [
            *self.commentary(),
            *self.grouped(renderer, records, display, stages, group),
        ]

    def chosen(self, catalog: Catalog, records: Sequence[Any]) -> tuple[list[Any], list[str]]:
        """Return the records ``:ids:`` names, in its order, among those that match."""
        if "ids" not in self.options:
            return list(records), []
        ids = [name.strip() for name in self.options["ids"].split(",") if name.strip()]
        matching = {record.id: record for record in records}
        found, missing = [], []
        for id_ in ids:
            try:
                record = catalog.lookup(id_, record=self.record_type.name)
            except UnknownNameError as error:
                missing.append(_unknown("ids", error))
                continue
            if record.id in matching:
                found.append(record)
        return found, missing

    def grouped(
        self,
        renderer: Renderer,
        records: Sequence[Any],
        display: Display,
        stages: Sequence[str],
        group: str | None,
    ) -> list[Node]:
        """Return the records, grouped by a facet's values when ``:group-by:`` says so.

        A facet with two values (kind) puts its groups side by side on wide screens;
        others head each group with its value's name. A record is in the group of its
        first value.
        """
        if group is None:
            return [self.place(renderer, record, display, stages) for record in records]
        field = self.record_type.facets[group]
        groups: dict[str, list[Any]] = {}
        for record in records:
            value = getattr(record, field.name)
            first = value[0] if isinstance(value, tuple) and value else value
            groups.setdefault(str(first) if first not in (None, ()) else "", []).append(record)
        order = _values(renderer.catalog, FACETS[group])
        keys = sorted(groups, key=lambda key: order.index(key) if key in order else len(order))
        shown: list[list[Node]] = []
        for key in keys:
            heading = _value_heading(renderer.catalog, group, key)
            nodes_ = [self.place(renderer, record, display, stages) for record in groups[key]]
            if display.headings:
                section = self.new_section(heading, f"{renderer.slug}s-{key or 'other'}")
                section += nodes_
                shown.append([section])
            else:
                rubric = nodes.rubric("", "", *heading, classes=["interview-group"])
                shown.append([rubric, *nodes_])
        if len(order) == 2 and not display.headings:  # noqa: PLR2004 - two sides: do and don't
            return [columns(shown, [f"interview-{renderer.slug}-columns"])]
        return [node for group_nodes in shown for node in group_nodes]


def _unique_id(document: nodes.document, wanted: str) -> str:
    """Return ``wanted`` as an id, numbered if the page has it already."""
    base = nodes.make_id(wanted)
    found, number = base, 1
    while found in document.ids:
        number += 1
        found = f"{base}-{number}"
    return found


def _values(catalog: Catalog, facet: Facet) -> list[str]:
    """Return a facet's value ids in their order: the vocabulary's, or the enum's."""
    if facet.section is not None:
        return [record.id for record in getattr(catalog, facet.section)]
    vocabulary: Any = facet.vocabulary
    return [str(member) for member in vocabulary]


def _value_heading(catalog: Catalog, facet: str, value: str) -> list[Node]:
    """Return a group's heading: a badge for a kind, else the value's name."""
    if not value:
        return [nodes.Text("Others")]
    vocabulary = FACETS[facet]
    if vocabulary.section is None:
        enum: Any = vocabulary.vocabulary
        member = enum(value)
        return [badge(facet, member)] if facet == "kind" else [nodes.Text(member.label)]
    record = catalog.get(value, record=vocabulary.section)
    name = str(getattr(record, "name", value))
    return [nodes.Text(name)]


def records_directive(record_type: RecordType) -> type[RecordsDirective]:
    """Return the directive class of one record type: its facets are its filter options."""
    facets = {name: field.facet for name, field in record_type.facets.items() if field.facet}
    option_spec: dict[str, Any] = {
        **dict.fromkeys(facets, directives.unchanged),
        "ids": directives.unchanged,
        **DISPLAY_OPTIONS,
        "group-by": _flag_or_choice(tuple(facets)),
        "collapse": directives.flag,
        "headings": directives.flag,
    }
    name = "".join(part.capitalize() for part in record_type.name.split("-"))
    return type(
        f"Interview{name}Directive",
        (RecordsDirective,),
        {
            "__doc__": f"``.. interview-{record_type.name}::``: {record_type.doc}",
            "record_type": record_type,
            "facets": facets,
            "option_spec": option_spec,
        },
    )


class RecordDirective(_GuidanceDirective):
    """``.. interview-<singular>:: ID``: one record, by its id (``pack:id`` works too)."""

    has_content = False
    required_arguments = 1
    record_type: ClassVar[RecordType]

    def run(self) -> list[Node]:
        """Return the record, or warn and return nothing."""
        catalog = self.catalog()
        if catalog is None:
            return []
        try:
            record = catalog.lookup(self.arguments[0], record=self.record_type.name)
        except UnknownNameError as error:
            return self.warn(_unknown(None, error), "unknown-name")
        renderer = Renderer(self, catalog, self.record_type)
        display = self.display(collapse="collapse" in self.options)
        return [self.place(renderer, record, display, ())]


def record_directive(record_type: RecordType) -> type[RecordDirective]:
    """Return the directive class that shows one record of ``record_type``."""
    option_spec = {key: value for key, value in DISPLAY_OPTIONS.items() if key != "limit"}
    option_spec["collapse"] = directives.flag
    name = "".join(part.capitalize() for part in slug(record_type).split("-"))
    return type(
        f"Interview{name}Directive",
        (RecordDirective,),
        {"record_type": record_type, "option_spec": option_spec},
    )


# -- the guide --------------------------------------------------------------------


def _guide_records(
    catalog: Catalog, filters: Mapping[str, Any], *, specific: bool = False
) -> dict[str, tuple[Any, ...]]:
    """Return, by record type, everything for one situation.

    With one stage named, it is `Catalog.guide`: for each facet given, the records tagged
    with it and those that hold for every value (a tip for any format holds on a panel),
    and of situations and regions not given, only the general records. Without a stage (a
    topic's, a situation's or a region's page), each record type's `Catalog.select`, a
    filter a type has no facet for leaving it whole; ``specific`` keeps, for situations and
    regions, only the records tagged with them (`interviewtips.only`).
    """
    stages = filters.get("stage", ())
    if len(stages) == 1 and not specific:
        others = {name: value for name, value in filters.items() if name != "stage"}
        guide = catalog.guide(stage=stages[0], **others)
        return {
            name: getattr(guide, record_type.section) for name, record_type in RECORD_TYPES.items()
        }
    found = {}
    for name, record_type in RECORD_TYPES.items():
        own = {
            key: only(*value) if specific and FACETS[key].untagged_applies else value
            for key, value in filters.items()
            if key in record_type.facets
        }
        found[name] = catalog.select(name, **own)
    return found


class GuideDirective(_GuidanceDirective):
    """``.. interview-guide::``: every record type for one situation, laid out to read.

    The filter options are every facet's; one named stage (or topic, situation, region)
    starts the guide with its summary, and a stage with why employers hold it.
    """

    facets: ClassVar[Mapping[str, Facet]] = FACETS
    option_spec: ClassVar[dict[str, Any]] = {
        **dict.fromkeys(FACETS, directives.unchanged),
        **DISPLAY_OPTIONS,
        "specific": directives.flag,
    }

    def run(self) -> list[Node]:
        """Return the guide: introduction, then a section per record type that has records."""
        catalog = self.catalog()
        if catalog is None:
            return []
        filters, limit, problems = self.checked_options(catalog)
        for message, subtype in problems:
            self.warn(message, subtype)
        if problems:
            return []
        found = _guide_records(catalog, filters, specific="specific" in self.options)
        if not any(found.values()):
            return self.nothing_matches("nothing", filters)
        stages = self.stage_ids(catalog, filters)
        result: list[Node] = [*self.introduction(catalog, filters), *self.commentary()]
        for name, records in found.items():
            if records:
                shown = records[:limit] if limit is not None else records
                result.append(self.section(catalog, RECORD_TYPES[name], shown, stages))
        return result

    def introduction(self, catalog: Catalog, filters: Mapping[str, Sequence[str]]) -> list[Node]:
        """Return the summary of each vocabulary value named alone, and a stage's purposes.

        The page is noted as the value's page, the target of ``:interview-stage:`` and of
        the links of ``interview-stages``, when the guide names that value and nothing else.
        """
        result: list[Node] = []
        for name, names in filters.items():
            facet = FACETS[name]
            if facet.section is None or len(names) != 1:
                continue
            vocabulary = next(v for v in VOCABULARIES if v.name == facet.section)
            record = catalog.lookup(
                _resolve(catalog, vocabulary.name, names[0]), record=vocabulary.name
            )
            if len(filters) == 1 and "no-index" not in self.options:
                anchor = f"{slug(vocabulary)}-{record.id}"
                if anchor not in self.state.document.ids:
                    target = nodes.target("", "", ids=[anchor])
                    self.state.document.ids[anchor] = target
                    result.append(target)
                    self.domain.note_record(
                        vocabulary.name, record, self.env.docname, anchor, record.name, _MAIN
                    )
            result += paragraphs(record.summary, ["interview-summary-text"])
            for field in vocabulary.fields:
                value = getattr(record, field.name)
                if field.name == "aliases" or not isinstance(value, tuple) or not value:
                    continue
                title = field.doc.rstrip(".")
                section = self.new_section([nodes.Text(title)], f"{field.name}-{record.id}")
                section += _bullets(value, [f"interview-{slug(vocabulary)}-{field.name}"])
                result.append(section)
        return result

    def section(
        self,
        catalog: Catalog,
        record_type: RecordType,
        records: Sequence[Any],
        stages: Sequence[str],
    ) -> nodes.section:
        """Return one record type's section of the guide.

        Records with a kind stand side by side by kind, collapsed behind their heading;
        questions are headings of their own, so the page's contents list them;
        checklists stay open, to print.
        """
        section = self.new_section([nodes.Text(section_title(record_type))], record_type.name)
        renderer = Renderer(self, catalog, record_type)
        if "kind" in record_type.facets:
            display = self.display(collapse=True)
            by_kind: dict[str, list[Node]] = {}
            for record in records:
                by_kind.setdefault(str(record.kind), []).append(
                    self.place(renderer, record, display, stages)
                )
            groups = []
            for kind in _values(catalog, FACETS["kind"]):
                if kind in by_kind:
                    heading = _value_heading(catalog, "kind", kind)
                    count = f" ({len(by_kind[kind])})"
                    rubric = nodes.rubric(
                        "", "", *heading, nodes.Text(count), classes=["interview-group"]
                    )
                    groups.append([rubric, *by_kind[kind]])
            section += columns(groups, [f"interview-{renderer.slug}-columns"])
            return section
        headings = record_type.facets.get("type") is not None
        display = self.display(collapse=record_type.model is not Checklist, headings=headings)
        for record in records:
            section += self.place(renderer, record, display, stages)
        return section


def _resolve(catalog: Catalog, section: str, name: str) -> str:
    """Return the id a name (an id, a display name or an alias) of a vocabulary value stands for."""
    records = getattr(catalog, section)
    names = NameIndex(section, ((record.id, (record.name, *record.aliases)) for record in records))
    return names.resolve(name)


# -- the vocabularies -------------------------------------------------------------


class VocabularyDirective(SphinxDirective):
    """``.. interview-<vocabulary>::``: each value, its summary and counts, linked to its page."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}
    vocabulary: ClassVar[RecordType]

    def run(self) -> list[Node]:
        """Return a definition list: each value, linked, with its summary and its counts."""
        catalog = catalog_of(self.env)
        if catalog is None:
            return []
        facet = next(f for f in FACETS.values() if f.section == self.vocabulary.name)
        counts = {
            name: catalog.counts(by=facet.name, of=name)
            for name, record_type in RECORD_TYPES.items()
            if facet.name in record_type.facets
        }
        found = nodes.definition_list(
            classes=["interview-vocabulary", f"interview-{self.vocabulary.name}"]
        )
        for record in getattr(catalog, self.vocabulary.name):
            link = addnodes.pending_xref(
                "",
                nodes.inline(record.name, record.name),
                refdomain=_DOMAIN,
                reftype=self.vocabulary.name,
                reftarget=record.id,
                refexplicit=True,
                refwarn=False,
                interviewtips_quiet=True,
            )
            link["refdoc"] = self.env.docname
            tally = " \u00b7 ".join(
                _tally(count[record.id], RECORD_TYPES[name])
                for name, count in counts.items()
                if count.get(record.id)
            )
            definition = nodes.definition("", *paragraphs(record.summary))
            if tally:
                definition += nodes.paragraph(tally, tally, classes=["interview-counts"])
            found += nodes.definition_list_item("", nodes.term("", "", link), definition)
        return [found]


def _tally(count: int, record_type: RecordType) -> str:
    """Return "1 template" or "4 templates"."""
    return f"{count} {record_type.singular if count == 1 else record_type.name.replace('-', ' ')}"


def vocabulary_directive(vocabulary: RecordType) -> type[VocabularyDirective]:
    """Return the directive that lists a vocabulary's values (``interview-stages``...)."""
    return type(
        f"Interview{vocabulary.name.capitalize()}Directive",
        (VocabularyDirective,),
        {"vocabulary": vocabulary},
    )


# -- the roles and the domain -----------------------------------------------------


class RecordRole(XRefRole):
    """``:interview-<singular>:`ID```: a link to a record, its heading as the text by default."""

    def __init__(self, record_type: str) -> None:
        super().__init__(warn_dangling=True, innernodeclass=nodes.inline)
        self.record_type = record_type

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        """Make a cross-reference resolved by the ``interviewtips`` domain."""
        self.refdomain, self.reftype = _DOMAIN, self.record_type
        self.classes = ["xref", _DOMAIN, f"interview-{slug(_TYPES[self.record_type])}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


#: A place a record is shown: its anchor, its heading, its rank and its pack.
_Place = tuple[str, str, int, str]


class InterviewTipsDomain(Domain):
    """Where each record is shown, so roles and other sites (objects.inv) link to it.

    ``records`` maps each record type to, for each record id, the pages that show it:
    docname to (anchor, heading, rank, pack); ``users`` the pages with a directive;
    ``files`` the data files last loaded.
    """

    name = _DOMAIN
    label = "Interview guidance"
    object_types: ClassVar[dict[str, ObjType]] = {
        name: ObjType(record_type.singular, slug(record_type))
        for name, record_type in _TYPES.items()
    }
    roles: ClassVar[dict[str, Any]] = {slug(t): RecordRole(name) for name, t in _TYPES.items()}
    initial_data: ClassVar[dict[str, Any]] = {"records": {}, "users": {}, "files": ()}
    data_version = 2

    @property
    def records(self) -> dict[str, dict[str, dict[str, _Place]]]:
        """For each record type and id, the pages that show it: docname to its place."""
        return self.data.setdefault("records", {})  # type: ignore[no-any-return]

    def note_record(  # noqa: PLR0917 - one place, all its parts
        self, record_type: str, record: Any, docname: str, anchor: str, title: str, rank: int
    ) -> None:
        """Record that ``docname`` shows ``record`` at ``anchor``; keep its best rank there."""
        places = self.records.setdefault(record_type, {}).setdefault(record.id, {})
        pack = str(getattr(record, "pack", ""))
        old = places.get(docname)
        if old is None or rank < old[2]:
            places[docname] = (anchor, index_text(title), rank, pack)

    def note_user(self, docname: str) -> None:
        """Record that ``docname`` renders guidance, to re-read it when the packs change."""
        self.data["users"][docname] = None

    def clear_doc(self, docname: str) -> None:
        """Forget what ``docname`` showed."""
        for by_id in self.records.values():
            for places in by_id.values():
                places.pop(docname, None)
        self.data["users"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take in what a parallel reader recorded for ``docnames``."""
        docs = set(docnames)
        for record_type, by_id in otherdata["records"].items():
            for record_id, places in by_id.items():
                for docname, place in places.items():
                    if docname in docs:
                        mine = self.records.setdefault(record_type, {}).setdefault(record_id, {})
                        mine[docname] = place
        for docname in otherdata["users"]:
            if docname in docs:
                self.data["users"][docname] = None

    def place(
        self, record_type: str, target: str, fromdocname: str | None = None
    ) -> tuple[str, str, str] | None:
        """Return (docname, anchor, heading) where a link to the record should go, or None.

        The page the link is on, if it shows the record (even with ``:no-index:``);
        else its main page (the page that shows it for its first stage); else the first
        page by name that indexes it. A ``pack:`` prefix must name the record's pack.
        """
        pack, local = _text.split_reference(target)
        places = self.records.get(record_type, {}).get(local, {})
        if fromdocname in places:
            chosen = fromdocname
        else:
            indexed = [doc for doc, place in places.items() if place[2] < _UNINDEXED]
            if not indexed:
                return None
            chosen = min(indexed, key=lambda doc: (places[doc][2], doc))
        anchor, title, _, owner = places[chosen]
        if pack and owner != pack:
            return None
        return chosen, anchor, title

    def resolve_xref(  # noqa: PLR0917 - Sphinx's signature
        self,
        env: BuildEnvironment,  # noqa: ARG002 - Sphinx's signature
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Return a link to the record's anchor, titled with its heading unless given."""
        found = self.place(typ, target, fromdocname)
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
        """Resolve ``:any:`` references to records of every type."""
        found = []
        for record_type in _TYPES:
            link = self.resolve_xref(env, fromdocname, builder, record_type, target, node, contnode)
            if link is not None:
                found.append((f"{_DOMAIN}:{record_type}", link))
        return found

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Yield each indexed record once, at its main page, for search and objects.inv.

        The object type is the record type's name (``tips``) and the anchor
        ``<singular>-<id>`` (``tip-<id>``), so the search page links to the anchor as
        given, and shows the record's heading as one clean line.
        """
        for record_type in sorted(self.records):
            for record_id in sorted(self.records[record_type]):
                found = self.place(record_type, record_id)
                if found is not None:
                    docname, anchor, title = found
                    yield record_id, title, record_type, docname, anchor, 1


def _warn_missing(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Say why a role did not resolve: a mistyped id, another pack, or no page shows it."""
    if domain is None or domain.name != _DOMAIN:
        return None
    if node.get("interviewtips_quiet"):
        return True
    record_type = _TYPES[node["reftype"]]
    role = f"interview-{slug(record_type)}"
    target = node["reftarget"]
    pack, local = _text.split_reference(target)
    catalog = catalog_of(app.env)
    message = f"no page shows the {record_type.singular} {target!r}; show it with a directive"
    if catalog is not None:
        try:
            record = catalog.lookup(local, record=record_type.name)
        except UnknownNameError as error:
            message = _unknown(None, error)
        else:
            owner = getattr(record, "pack", "")
            if pack and owner != pack:
                message = (
                    f"the {record_type.singular} {local!r} is in the pack {owner!r}, not {pack!r}"
                )
    logger.warning("%s: %s", role, message, location=node, type="interviewtips", subtype="ref")
    return True
