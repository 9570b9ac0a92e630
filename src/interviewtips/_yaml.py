"""Strict, safe YAML reading: bytes to located nodes, never to arbitrary objects.

The reader consumes parser *events* and builds the node tree itself, without
recursion, so that it can refuse what content never needs (anchors, aliases,
tags, merge keys, duplicate keys, deep nesting) with a located problem, and so
that libyaml and the pure-Python parser give identical results.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from typing import TYPE_CHECKING, Any

import attrs
import yaml
import yaml.events as ev

from . import _codes as codes
from . import _text
from ._problems import MAX_PROBLEMS_PER_FILE, Problem, too_many_problems

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._limits import Limits
from ._nodes import Mapping, Node, Scalar, Sequence

_libyaml: Any
try:
    from yaml import _yaml as _libyaml
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _libyaml = None

#: True when PyYAML was built with libyaml, so the fast parser is used by default.
HAS_LIBYAML = _libyaml is not None

_BLANK_OR_END = "\0 \t\r\n\x85\u2028\u2029"
_LINE_BREAK_CHARACTERS = "\r\n\x85\u2028\u2029"

#: Characters no content file holds (see `_text.CONTROL_CHARACTERS`); U+FEFF is allowed
#: only at the start (libyaml skips it at any line start, PyYAML only at the start of
#: the file: refused, both parsers read the same).
_CONTROL_CHARACTERS = re.compile(f"[{_text.CONTROL_CHARACTERS}]")
#: What a double-quoted escape (\\e, \\0, \\ud800...) can put in a string and content
#: must never hold: control characters and lone surrogates.
_UNSAFE_CHARACTERS = re.compile(f"[{_text.CONTROL_CHARACTERS}{_text.SURROGATES}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Syntax errors libyaml finds this far into a file or nearer are re-parsed by the
#: pure-Python parser, so that both parsers word and place them alike. Further in, the
#: re-parse would cost seconds (a few microseconds a character), so libyaml's own report
#: stands.
_REPARSE_CHARACTERS = 100_000
#: The re-parse reads this many characters past libyaml's error, and no further: where
#: the pure-Python parser finds no error in them (the two parsers disagree), libyaml's
#: report stands, rather than the rest of the file being parsed slowly for nothing.
_REPARSE_SLACK = 2_000
_UTF16_AND_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python reader, scanner and parser, with no constructor at all.

    Two scanner methods are PyYAML's own with one rule changed each, so that this
    parser accepts what libyaml accepts: a tab between tokens on a line (a trailing
    tab, ``key:<TAB>value``, ``[a,<TAB>b]``), and a ``?`` inside a plain scalar in flow
    style (``{question: Why?}``). PyYAML refuses both; libyaml and YAML 1.2 allow them.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)

    def line_break(self) -> str:
        """Scan a line break, typed (PyYAML's `scan_line_break` is not)."""
        text: str = self.scan_line_break()  # type: ignore[no-untyped-call]
        return text

    def scan_to_next_token(self) -> None:
        """Skip spaces, comments and line breaks; tabs too, as libyaml does.

        libyaml skips a tab in flow style, and in block style where no simple key may
        start (after a token on the same line): never as indentation.
        """
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        found = False
        while not found:
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def scan_plain(self) -> yaml.tokens.ScalarToken:
        """Scan a plain scalar; in flow style ``?`` does not end one, as in libyaml."""
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] | None = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in _BLANK_OR_END
                    or (
                        ch == ":"
                        and self.peek(length + 1)
                        in _BLANK_OR_END + (",[]{}" if self.flow_level else "")
                    )
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or ())
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken(
            "".join(chunks), start_mark=start_mark, end_mark=end_mark, plain=True
        )

    def scan_block_scalar_indicators(self, start_mark: yaml.Mark) -> tuple[bool | None, int | None]:
        """Scan ``+``/``-`` and an indentation digit after ``|`` or ``>``, in either order.

        Unlike PyYAML, and like libyaml, what follows them is left to
        `scan_block_scalar_ignored_line`, which allows tabs and a comment.
        """
        chomping: bool | None = None
        increment: int | None = None
        for _ in range(2):
            ch = self.peek()
            if ch in "+-" and chomping is None:
                chomping = ch == "+"
            elif ch in "0123456789" and increment is None:
                if ch == "0":
                    raise yaml.scanner.ScannerError(
                        "while scanning a block scalar",
                        start_mark,
                        "expected indentation indicator in the range 1-9, but found 0",
                        self.get_mark(),
                    )
                increment = int(ch)
            else:
                break
            self.forward()
        return chomping, increment

    def scan_block_scalar_ignored_line(self, start_mark: yaml.Mark) -> None:
        """Skip blanks (tabs too, as libyaml does) and a comment after ``|`` or ``>``."""
        while self.peek() in " \t":
            self.forward()
        if self.peek() == "#":
            while self.peek() not in "\0" + _LINE_BREAK_CHARACTERS:
                self.forward()
        ch = self.peek()
        if ch not in "\0" + _LINE_BREAK_CHARACTERS:
            raise yaml.scanner.ScannerError(
                "while scanning a block scalar",
                start_mark,
                f"expected a comment or a line break, but found {ch!r}",
                self.get_mark(),
            )
        self.line_break()

    def scan_plain_spaces(self, indent: int, start_mark: yaml.Mark) -> list[str] | None:
        """Scan the blanks inside a plain scalar; tabs too, as libyaml does.

        As in libyaml, a tab that starts a continuation line left of the scalar's
        indentation is an error.
        """
        chunks: list[str] = []
        length = 0
        while self.peek(length) in " \t":
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        if self.peek() not in _LINE_BREAK_CHARACTERS:
            return [whitespaces] if whitespaces else chunks
        line_break = self.line_break()
        self.allow_simple_key = True
        if self.prefix(3) in ("---", "...") and self.peek(3) in _BLANK_OR_END:
            return None
        breaks = []
        while self.peek() in " \t" + _LINE_BREAK_CHARACTERS:
            if self.peek() == "\t" and self.column < indent:
                raise yaml.scanner.ScannerError(
                    "while scanning a plain scalar",
                    start_mark,
                    "found a tab character that violates indentation",
                    self.get_mark(),
                )
            if self.peek() in " \t":
                self.forward()
            else:
                breaks.append(self.line_break())
                if self.prefix(3) in ("---", "...") and self.peek(3) in _BLANK_OR_END:
                    return None
        if line_break != "\n":
            chunks.append(line_break)
        elif not breaks:
            chunks.append(" ")
        chunks.extend(breaks)
        return chunks


def decode(data: bytes, path: str, limits: Limits) -> tuple[str | None, list[Problem]]:
    """Turn a file's bytes into text, or say why they are not UTF-8 text."""
    if len(data) > limits.max_file_bytes:
        message = (
            f"the file has {len(data):,} bytes, more than the limit of "
            f"{limits.max_file_bytes:,}; split it into smaller files"
        )
        return None, [Problem(path, 0, 0, codes.FILE_TOO_LARGE, message)]
    if data.startswith(_UTF16_AND_32_BOMS):
        message = "the file is UTF-16 or UTF-32; save it as UTF-8"
        return None, [Problem(path, 1, 1, codes.NOT_UTF8, message)]
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8; save the file as UTF-8"
        return None, [Problem(path, line, column, codes.NOT_UTF8, message)]
    control = _CONTROL_CHARACTERS.search(text)
    if control:
        line, column = _text_position(text, control.start())
        message = (
            "character U+FEFF, a byte-order mark, inside the file (were files joined?); remove it"
            if control.group() == "\ufeff"
            else f"character U+{ord(control.group()):04X} is a control character: the file "
            "looks binary or UTF-16; save it as UTF-8 text"
        )
        return None, [Problem(path, line, column, codes.BINARY, message)]
    return text, []


class Reparses:
    """How many more libyaml syntax errors the pure-Python parser may re-read, to word them.

    One re-read costs up to about a fifth of a second; a load shares one budget among
    a pack's files, so that a pack of a hundred files cannot make it cost twenty.
    """

    def __init__(self, count: int = 5) -> None:
        self.left = count

    def take(self) -> bool:
        """Spend one re-read; False when none is left."""
        self.left -= 1
        return self.left >= 0


def parse(
    text: str,
    path: str,
    limits: Limits,
    *,
    libyaml: bool | None = None,
    reparses: Reparses | None = None,
) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into located nodes.

    Args:
        text: The document's text.
        path: The file name to put in problems.
        limits: The bounds to enforce.
        libyaml: Use libyaml (True), the pure-Python parser (False) or the fastest
            available (None).
        reparses: The re-reads of libyaml syntax errors left (default: no bound but
            each re-read's own); when none is left, libyaml's report stands.

    Returns:
        The root node (None for a file with no content) and the problems found.
    """
    use_libyaml = HAS_LIBYAML if libyaml is None else libyaml
    composer = _Composer(path, limits)
    if use_libyaml:
        parser = _libyaml.CParser(text)
        try:
            return composer.compose(_events(parser)), composer.problems
        except yaml.YAMLError as error:
            # Syntax errors are rare: let the pure-Python parser word and place them,
            # so that both parsers report the same problem, unless that would be slow.
            if reparses is not None and not reparses.take():
                return None, composer.failed(error)
            return _reworded(text, error, composer, reparses)
        except _StopReadingError:
            return None, composer.problems
        finally:
            parser.dispose()
    try:
        return composer.compose(_events(_PurePythonParser(text))), composer.problems
    except yaml.YAMLError as error:
        composer.failed(error)
    except _StopReadingError:
        pass
    return None, composer.problems


def _reworded(
    text: str, error: yaml.YAMLError, composer: _Composer, reparses: Reparses | None
) -> tuple[Node | None, list[Problem]]:
    """Return what the pure-Python parser makes of a text libyaml refused, when it is quick."""
    path, limits = composer.path, composer.limits
    if len(text) <= _REPARSE_CHARACTERS:
        return parse(text, path, limits, libyaml=False, reparses=reparses)
    return None, _reparsed(text, error, path, limits) or composer.failed(error)


def _reparsed(text: str, error: yaml.YAMLError, path: str, limits: Limits) -> list[Problem] | None:
    """Return the problems the pure-Python parser finds up to a libyaml error, or None.

    For a file longer than `_REPARSE_CHARACTERS` (a shorter one is re-parsed whole). It
    reads the text only up to `_REPARSE_SLACK` characters past the error, and only for
    an error in the first `_REPARSE_CHARACTERS`, so it costs a fraction of a second
    wherever the error is and whatever the file holds. None when the error lies further
    in, or when the pure-Python parser finds nothing wrong before that cut (an error
    at the cut itself comes from cutting): libyaml's own report then stands. Before,
    the rest of the file was parsed, slowly, whenever the two parsers disagreed.
    """
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    index = mark.index if mark is not None else 0
    if index > _REPARSE_CHARACTERS:
        return None
    cut = index + _REPARSE_SLACK
    composer = _Composer(path, limits)
    try:
        composer.compose(_events(_PurePythonParser(text[:cut])))
    except yaml.MarkedYAMLError as found:
        place = found.problem_mark or found.context_mark
        if place is None or (cut < len(text) and place.index >= cut):
            return None
        composer.syntax_error(found)
    except yaml.YAMLError:
        return None
    except _StopReadingError:
        pass  # a limit reached before the error: as a full re-parse would stop
    else:
        return None  # it finds nothing wrong: the parsers disagree
    return composer.problems


def _events(parser: Any) -> Iterator[ev.Event]:
    while parser.check_event():
        yield parser.get_event()


class _StopReadingError(Exception):
    """Raised inside the composer when a file cannot be read further."""


@attrs.define
class _Frame:
    """A list or mapping whose items are still arriving."""

    start: ev.Event
    items: list[Node] = attrs.Factory(list)
    keys: dict[str, Scalar] = attrs.Factory(dict)
    entries: list[tuple[Scalar, Node]] = attrs.Factory(list)
    expecting_key: bool = True
    current_key: Scalar | None = None


class _Composer:
    """Builds nodes from events, recording every refusal as a problem."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem_at(self, line: int, column: int, code: str, message: str) -> None:
        """Record a problem; at the file's hundredth, say so and stop reading it."""
        self.last_problem(line, column, code, message)
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            message = too_many_problems(len(self.problems))
            self.last_problem(line, column, codes.TOO_MANY_PROBLEMS, message)
            raise _StopReadingError

    def last_problem(self, line: int, column: int, code: str, message: str) -> None:
        """Record a problem after which nothing more is read (no limit to check)."""
        self.problems.append(Problem(self.path, line, column, code, message))

    def problem(self, event: ev.Event, code: str, message: str) -> None:
        self.problem_at(*_position(event.start_mark), code, message)

    def failed(self, error: yaml.YAMLError) -> list[Problem]:
        """Record the syntax error that ended the parse; return every problem."""
        if isinstance(error, yaml.MarkedYAMLError):
            self.syntax_error(error)
        else:
            self.last_problem(0, 0, codes.YAML_SYNTAX, f"YAML syntax error: {error}")
        return self.problems

    def syntax_error(self, error: yaml.MarkedYAMLError) -> None:
        detail = error.problem or error.context or "malformed YAML"
        message = f"YAML syntax error: {detail}; check the indentation and quoting here"
        self.last_problem(
            *_position(error.problem_mark or error.context_mark), codes.YAML_SYNTAX, message
        )

    def stop(self, event: ev.Event, code: str, message: str) -> _StopReadingError:
        self.problem(event, code, message)
        return _StopReadingError()

    def compose(self, events: Iterator[ev.Event]) -> Node | None:
        root: Node | None = None
        stack: list[_Frame] = []
        documents = 0
        for event in events:
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.stop(
                        event,
                        codes.MANY_DOCUMENTS,
                        "a second YAML document starts here; one file holds one",
                    )
                continue
            if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                self.check_node_event(event)
                if len(stack) >= self.limits.max_depth:
                    raise self.stop(
                        event,
                        codes.TOO_DEEP,
                        f"nesting goes deeper than {self.limits.max_depth} levels; flatten it",
                    )
                stack.append(_Frame(event))
                continue
            node = (
                self.finish(stack.pop())
                if isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent))
                else self.leaf(event)
            )
            if stack:
                self.add(stack[-1], node)
            else:
                root = node
        return root

    def count(self, event: ev.Event) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.stop(
                event,
                codes.TOO_MANY_ITEMS,
                f"the file has more than {self.limits.max_nodes:,} nodes; split it",
            )

    def check_node_event(self, event: Any) -> None:
        self.count(event)
        if event.anchor is not None:
            self.problem(
                event,
                codes.ALIAS,
                f"anchor &{event.anchor}: content has no use for anchors; "
                "write the value out in full",
            )
        if event.tag is not None and event.tag != "!":
            self.problem(
                event, codes.TAG, f"tag {event.tag} is not allowed; remove it and write plain YAML"
            )

    def leaf(self, event: ev.Event) -> Scalar:
        line, column = _position(event.start_mark)
        if isinstance(event, ev.AliasEvent):
            self.count(event)
            self.problem(
                event,
                codes.ALIAS,
                f"alias *{event.anchor}: content has no use for aliases; "
                "write the value out in full",
            )
            return Scalar("", line, column)
        assert isinstance(event, ev.ScalarEvent)  # noqa: S101 - the parser's grammar
        self.check_node_event(event)
        if len(event.value) > self.limits.max_string_chars:
            self.problem(
                event,
                codes.STRING_TOO_LONG,
                f"this string has {len(event.value):,} characters, more than the limit of "
                f"{self.limits.max_string_chars:,}; shorten it",
            )
        plain = event.style in (None, "")  # libyaml says "" where PyYAML says None
        return Scalar(self.safe_text(event), line, column, plain=plain)

    def safe_text(self, event: ev.ScalarEvent) -> str:
        """Return a scalar's text, refusing what escapes can smuggle past `decode`."""
        value = event.value
        if _SURROGATE.search(value):
            # JSON writes a character beyond U+FFFF as an escaped surrogate pair, which
            # PyYAML leaves as two halves: join them.
            with contextlib.suppress(UnicodeDecodeError):
                value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        unsafe = _UNSAFE_CHARACTERS.search(value)
        if unsafe:
            character = f"U+{ord(unsafe.group()):04X}"
            what = (
                "half of a surrogate pair; write the character itself"
                if _SURROGATE.match(unsafe.group())
                else "a control or invisible character, which content never needs; remove it"
            )
            self.problem(event, codes.BINARY, f"an escape in this string makes {character}, {what}")
        return value

    def add(self, frame: _Frame, node: Node) -> None:
        if isinstance(frame.start, ev.SequenceStartEvent):
            frame.items.append(node)
        elif frame.expecting_key:
            frame.current_key = self.accept_key(frame, node)
            frame.expecting_key = False
        else:
            if frame.current_key is not None:
                frame.entries.append((frame.current_key, node))
            frame.expecting_key = True

    def accept_key(self, frame: _Frame, node: Node) -> Scalar | None:
        """Return the key to store the next value under, or None to drop the value."""
        if not isinstance(node, Scalar):
            self.located(
                node,
                codes.COMPLEX_KEY,
                "a mapping key must be a plain string, not a list or mapping",
            )
            return None
        if node.plain and node.value == "<<":
            self.located(
                node, codes.MERGE_KEY, "the merge key '<<' is not allowed; write each field out"
            )
            return None
        first = frame.keys.get(node.value)
        if first is not None:
            self.located(
                node,
                codes.DUPLICATE_KEY,
                f"key {node.value!r} repeats the one on line {first.line}; keep one of them",
            )
            return None
        frame.keys[node.value] = node
        return node

    def located(self, node: Node, code: str, message: str) -> None:
        self.problem_at(node.line, node.column, code, message)

    def finish(self, frame: _Frame) -> Node:
        line, column = _position(frame.start.start_mark)
        if isinstance(frame.start, ev.SequenceStartEvent):
            return Sequence(tuple(frame.items), line, column)
        return Mapping(tuple(frame.entries), line, column)


def _position(mark: Any) -> tuple[int, int]:
    """Return a parser mark as 1-based line and column; (0, 0) when there is none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Return the line and column of a byte offset; the bytes before it are valid UTF-8."""
    text = data[:offset].decode("utf-8")
    return _text_position(text, len(text))


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """Return the line and column of a character, counting line breaks as YAML does."""
    breaks = sum(text.count(character, 0, offset) for character in _LINE_BREAKS)
    breaks -= text.count("\r\n", 0, offset)  # one break, not two
    line_start = max(text.rfind(character, 0, offset) for character in _LINE_BREAKS) + 1
    return breaks + 1, offset - line_start + 1


#: The characters PyYAML and libyaml end a line at (CR LF counts once).
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
