"""Bounds on what the reader accepts, so that no file can make a load slow or huge."""

from __future__ import annotations

import attrs


@attrs.frozen
class Limits:
    """Bounds that keep a hostile or broken file from making a load slow or huge.

    Attributes:
        max_file_bytes: The largest file the reader opens.
        max_pack_bytes: The most bytes all files of one pack may hold together.
        max_depth: The deepest nesting of lists and mappings.
        max_string_chars: The longest single string.
        max_nodes: The most nodes (strings, lists, mappings) in one file.
    """

    max_file_bytes: int = 2_000_000
    max_pack_bytes: int = 50_000_000
    max_depth: int = 24
    max_string_chars: int = 20_000
    max_nodes: int = 500_000
