"""Every gated frame returns, on every sentence of the dev passages, what it returns ungated.

The dev passages are parsed once, with the example sentences of the relation and frame tests
(their string literals that read like sentences: each frame has some); each is also read in capitals (same tokens, parse and entities,
upper-cased words), so case-insensitive triggers are tried on text whose case differs from their
lower-cased needles. A gate that blocked a sentence its frame reads fails here. The shortcuts
of the dependency and role-noun readers (:mod:`nlp.syntax`, :mod:`nlp.nouns`) are checked on
the same sentences.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from nlp.components.relations import sentences_with_ents
from nlp.frames import FRAMES, sentence_triples
from nlp.frames import gates as gates_module
from nlp.frames.gates import Gate

pytestmark = pytest.mark.slow

_EVAL = Path(gates_module.__file__).parents[1] / "eval"


def _shouted(doc: Doc) -> Doc | None:
    """The doc with its words in capitals, same heads, labels and entities (None: a word's length changes)."""
    words = [t.text.upper() for t in doc]
    if any(len(w) != len(t.text) for w, t in zip(words, doc, strict=True)):
        return None
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc],
              heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc], pos=[t.pos_ for t in doc])
    out.ents = [Span(out, e.start, e.end, label=e.label_) for e in doc.ents]
    return out


def _example_sentences() -> list[str]:
    """String literals of the relation and frame tests that look like French sentences."""
    out = []
    for path in sorted(Path(__file__).parent.glob("test_relation*.py")) + [Path(__file__).parent / "test_frames.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 30 \
                    and " " in node.value and node.value[:1].isupper():
                out.append(node.value)
    return out


@pytest.fixture(scope="module")
def sentences() -> list[tuple[Doc, Span, list[Span], list[Span]]]:
    from nlp.pipeline import load_pipeline

    texts = [json.loads(line)["text"] for path in sorted(_EVAL.glob("dev*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 400
    examples = _example_sentences()
    assert len(examples) > 150
    docs = list(load_pipeline().pipe(texts + examples))
    docs += [d for d in map(_shouted, docs) if d is not None]
    out = []
    for doc in docs:
        previous: list[Span] = []
        for sent, ents in sentences_with_ents(doc):
            out.append((doc, sent, ents, previous))
            previous = ents
    return out


def test_gates_never_block_a_sentence_their_frame_reads(sentences) -> None:  # type: ignore[no-untyped-def]
    gates = [f for f in FRAMES if isinstance(f, Gate)]
    assert len(gates) >= 28
    found = {}
    for doc, sent, ents, previous in sentences:
        for gate in gates:  # in pipeline order: the gates share per-sentence caches
            expected = gate.frame(doc, sent, ents, previous)
            assert gate(doc, sent, ents, previous) == expected, (gate.__name__, sent.text)
            found[gate.__name__] = found.get(gate.__name__, 0) + len(expected)
    # the comparison is not vacuous: most gated frames find something on the dev passages
    assert sum(1 for n in found.values() if n) >= len(gates) // 2, found


def test_the_sentence_mask_opens_what_each_gate_opens(sentences) -> None:  # type: ignore[no-untyped-def]
    """The mask the first gate of a sentence computes for all (one needle pass) against
    :meth:`Gate.opens`, each gate's own test."""
    gates = [f for f in FRAMES if isinstance(f, Gate)]
    opened = 0
    for doc, sent, ents, _ in sentences:
        mask = gates_module.open_gates(doc, sent, ents)
        for gate in gates:
            assert bool(mask & gate.bit) == gate.opens(doc, sent, ents), (gate.__name__, sent.text)
            opened += gate.opens(doc, sent, ents)
    assert 0 < opened < len(gates) * len(sentences)


def test_sentence_triples_are_those_of_every_frame_in_order(sentences) -> None:  # type: ignore[no-untyped-def]
    found = 0
    for doc, sent, ents, previous in sentences:
        expected = [t for frame in FRAMES for t in frame(doc, sent, ents, previous)]
        assert sentence_triples(doc, sent, ents, previous) == expected, sent.text
        found += len(expected)
    assert found > 100


def test_reader_shortcuts_match_the_tokens(sentences) -> None:  # type: ignore[no-untyped-def]
    """:func:`~nlp.syntax.doc_pos` is every token's POS (also after another doc was read), and a
    role noun's triggers need its modifiers only when it may be a head noun ("directeur général")."""
    from nlp import nouns, syntax

    heads = 0
    for doc, sent, _, _ in sentences:
        assert syntax.doc_pos(doc)[sent.start:sent.end] == [t.pos for t in sent]
        for tok in sent:
            modifiers = [c.lower_ for c in tok.children if c.dep_ == "amod"]
            head = tok.lower_ in nouns._HEAD_NOUNS or tok.lemma_.lower() in nouns._HEAD_NOUNS
            heads += head
            for word in (tok.lower_, tok.lemma_):
                assert nouns.role_triggers(word, modifiers) == nouns.role_triggers(word, modifiers if head else [])
    assert heads
