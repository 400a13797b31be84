"""Iterate the items of a JSON array inside a big file without loading the whole document.

The HATVP register (~140 MB) and consolidated DECP files are one JSON object holding one big
array (``{"publications": [...]}``, ``{"marches": [...]}``, ``{"marches": {"marche": [...]}}``).
:func:`iter_array` finds the array by its key path and decodes its items one by one with
``json.JSONDecoder.raw_decode`` over chunks, so memory stays around one item plus one chunk.

Example:
    >>> with open("agora_repertoire_opendata.json", "rb") as fh:
    ...     for org in iter_array(fh, ["publications"]):
    ...         print(org["denomination"])
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Sequence
from typing import IO, Any

CHUNK = 1 << 20
_WS = re.compile(r"[\s,]*")


class _Buffer:
    def __init__(self, fh: IO[bytes], chunk: int) -> None:
        self.fh, self.chunk = fh, chunk
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.text, self.pos, self.eof = "", 0, False

    def more(self) -> bool:
        if self.eof:
            return False
        data = self.fh.read(self.chunk)
        if not data:
            self.eof = True
            self.text += self.decoder.decode(b"", final=True)
            return False
        if self.pos > self.chunk:
            self.text, self.pos = self.text[self.pos:], 0
        self.text += self.decoder.decode(data)
        return True


def iter_array(fh: IO[bytes], path: Sequence[str], *, chunk: int = CHUNK) -> Iterator[Any]:
    """Yield the items of the array reached by the keys ``path`` (object keys, outermost first).

    A key whose value is an object is stepped into; the last key, or the first key holding an
    array, gives the array (so ``["marches", "marche"]`` reads both DECP shapes).

    Raises:
        ValueError: the key path is not found or the JSON is malformed.
    """
    buf = _Buffer(fh, chunk)
    for key in path:
        pattern = re.compile(r'"' + re.escape(key) + r'"\s*:\s*([\[{])')
        while True:
            m = pattern.search(buf.text, buf.pos)
            if m and m.end() < len(buf.text):
                break
            if not buf.more():
                if m:
                    break
                raise ValueError(f"no {key!r} key found in the JSON file")
        buf.pos = m.end()
        if m.group(1) == "[":
            yield from _items(buf)
            return
    raise ValueError(f"the value at {'/'.join(path)} is not an array")


def _items(buf: _Buffer) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    while True:
        m = _WS.match(buf.text, buf.pos)
        buf.pos = m.end() if m else buf.pos
        if buf.pos >= len(buf.text):
            if not buf.more():
                raise ValueError("the JSON file ends inside the array")
            continue
        if buf.text[buf.pos] == "]":
            return
        try:
            item, end = decoder.raw_decode(buf.text, buf.pos)
        except json.JSONDecodeError as exc:
            if buf.more():
                continue
            raise ValueError(f"malformed JSON in the array: {exc}") from exc
        if end >= len(buf.text) and not buf.eof and buf.text[buf.pos] not in "{[\"":
            # a bare number may be cut by the chunk boundary: read on before trusting it
            if buf.more():
                continue
        buf.pos = end
        yield item
