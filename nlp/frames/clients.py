"""Sentence frames of the clients family (see :mod:`nlp.frames`); each takes
``(doc, sent, ents, previous)`` and returns :data:`~nlp.frames.base.Triple` records."""

from __future__ import annotations

from collections.abc import Callable

from nlp.frames.base import Triple

#: Appended to :data:`nlp.frames.FRAMES`, in order.
FRAMES: tuple[Callable[..., list[Triple]], ...] = ()
