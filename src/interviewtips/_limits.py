"""Bounds on what the reader accepts, so that no file can make a load slow or huge."""

from __future__ import annotations

import attrs

from ._model_methods import record_eq, record_hash, record_repr

_COUNT = [attrs.validators.instance_of(int), attrs.validators.ge(1)]


@attrs.frozen
class Limits:
    """Bounds that keep a hostile or broken file from making a load slow or huge.

    Each is a whole number of at least 1; anything else raises `TypeError` or
    `ValueError` here rather than a confusing error in the middle of a load.

    Attributes:
        max_file_bytes: The largest file the reader opens.
        max_pack_bytes: The most bytes all files of one pack may hold together: about
            25,000 tips (the built-in pack has under 400 KB). A pack at this limit with
            every file at the node limit reads in a few seconds. It also bounds the
            pack's compiled form, checked before the file is read: a larger one is
            passed over for the YAML.
        max_depth: The deepest nesting of lists and mappings.
        max_string_chars: The longest single string.
        max_nodes: The most nodes (strings, lists, mappings) in one file. The largest
            built-in file has under 2,000; reading 100,000 takes about 0.3 s.
        max_files: The most files and folders a pack's folder may hold, at any depth,
            hidden ones included (the built-in pack has under 30). Listing 10,000
            empty files takes about 0.1 s; without this bound, 100,000 of them passed
            any byte limit.
    """

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    max_file_bytes: int = attrs.field(default=2_000_000, validator=_COUNT)
    max_pack_bytes: int = attrs.field(default=10_000_000, validator=_COUNT)
    max_depth: int = attrs.field(default=24, validator=_COUNT)
    max_string_chars: int = attrs.field(default=20_000, validator=_COUNT)
    max_nodes: int = attrs.field(default=100_000, validator=_COUNT)
    max_files: int = attrs.field(default=10_000, validator=_COUNT)
