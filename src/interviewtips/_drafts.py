"""Records as read from one pack, before they are checked against other packs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ._nodes import Sequence

if TYPE_CHECKING:
    from ._models import Pack
    from ._nodes import Mapping
    from ._schema import RecordSpec


@attrs.frozen
class Draft:
    """A converted record with the node it came from, for locating later problems."""

    spec: RecordSpec
    record: Any
    path: str
    node: Mapping

    def locate(self, field: str, index: int | None = None) -> tuple[int, int]:
        """Return the line and column of a field's value, or of one item of a list."""
        value = self.node.get(field)
        if isinstance(value, Sequence) and index is not None and index < len(value.items):
            value = value.items[index]
        target = value if value is not None else self.node
        return target.line, target.column


@attrs.frozen
class PackDrafts:
    """A pack read and converted, not yet checked against other packs."""

    pack: Pack
    manifest_path: str
    drafts: tuple[Draft, ...]
    files: tuple[str, ...]
