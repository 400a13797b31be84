"""The learned component's shortcuts against the straightforward code: the model's rows found by
family and key against the rendered feature names, and the doc arrays against Token objects."""

from __future__ import annotations

from typing import Any

import pytest

from nlp.learned.features import BB, BW, BWT, CUE_T, FAMILIES, FIRST, TYPES, Family, FeatureRows
from nlp.learned.model import LinearModel


@pytest.fixture(scope="module")
def dev_docs() -> list[Any]:
    from nlp.evaluate import load_split
    from nlp.pipeline import load_pipeline

    texts = [p["text"] for name in ("dev", "dev2", "dev3", "dev4") for p in load_split(name)]
    return list(load_pipeline().pipe(texts))


def test_family_keys_render_back_to_the_name() -> None:
    """Every key a name parses into renders to that name, ambiguous separators included."""
    bb, bwt = Family("bb={}_{}"), Family("bwt={}|{}", typed=True)
    types = Family("types={}", typed=True)
    assert sorted(bb.keys("bb=a_b_c")) == [(("a", "b_c"), ""), (("a_b", "c"), "")]
    assert list(bwt.keys("bwt=le|x|COMPANY>PARTY")) == [("le", "x|COMPANY>PARTY"),
                                                          ("le|x", "COMPANY>PARTY")]
    assert list(types.keys("types=A>B")) == [((), "A>B")]
    assert list(Family("adjacent").keys("adjacent")) == [((), "")]
    assert list(Family("adjacent").keys("adjacent2")) == []
    for family in FAMILIES:
        for name in ("bb=x_y", "cue=OWNS|A>B", "bwt=<NUM>|A>B", "ahead=obj:a:b", "neg_sent",
                     "types=A>B"):
            for key, kind in family.keys(name):
                assert family.render(key, kind) == name


def test_feature_rows_of_a_small_model() -> None:
    index = {"bb=a_b_c": 0, "bwt=le|A>B": 1, "types=A>B": 2, "bw=le": 3, "cue=OWNS|A>B": 4,
             "first=le": 5}
    known = FeatureRows(index)
    tagged, several = known.tables("A>B")
    assert tagged == {(TYPES, ()): 2, (FIRST, "le"): 5}
    assert several[BB] == {("a", "b_c"): 0, ("a_b", "c"): 0}
    assert several[BWT] == {"le": 1} and several[BW] == {"le": 3} and several[CUE_T] == {"OWNS": 4}
    assert BWT not in known.tables("B>A")[1] and (TYPES, ()) not in known.tables("B>A")[0]


def test_rows_are_the_known_features_on_dev_pairs(dev_docs: list[Any]) -> None:
    """``SentencePairs.rows`` finds the rows of exactly the features the model knows among
    ``SentencePairs.features``, on every candidate pair of the dev passages; the scores too."""
    from nlp.components.learned import DEFAULT_MODEL, candidate_pairs
    from nlp.components.relations import sentences_with_ents
    from nlp.learned.features import SentencePairs

    model = LinearModel.load(DEFAULT_MODEL)
    known = FeatureRows(model.feature_index)
    checked = 0
    for doc in dev_docs:
        for sent, ents in sentences_with_ents(doc):
            pairs = SentencePairs(doc, sent, ents)
            for a, b in candidate_pairs(doc, ents):
                features = pairs.features(a, b)
                rows = pairs.rows(a, b, known)
                index = model.feature_index
                assert rows == {index[f] for f in features if f in index}
                assert model.predict_rows(rows, a.label_, b.label_, 0.3) == model.predict(
                    features, a.label_, b.label_, 0.3)
                checked += 1
    assert checked > 300


def test_heads_and_labels_read_like_token_objects(dev_docs: list[Any]) -> None:
    """``SentencePairs`` reads heads, labels, roots and lemmas from the doc's arrays: the same as
    ``Token.head``, ``Token.dep_``, ``Span.root`` and the lemma formula on each token."""
    from nlp.learned.features import SentencePairs

    checked = 0
    for doc in dev_docs:
        for sent in doc.sents:
            ents = [e for e in doc.ents if sent.start <= e.start < sent.end]
            pairs = SentencePairs(doc, sent, ents)
            for tok in doc:  # (tokens of other sentences too: a head may lie outside)
                chain = [tok]
                while chain[-1].head.i != chain[-1].i and len(chain) <= 30:
                    chain.append(chain[-1].head)
                assert pairs.chain(tok.i) == [t.i for t in chain]
                assert pairs.dep(tok.i) == tok.dep_
                assert pairs.lemma(tok.i) == (tok.lemma_.lower() or tok.lower_).replace("’", "'")
            assert all(pairs.root(e) == e.root.i for e in pairs.ents)
            checked += 1
            break  # one sentence per doc: every token of the doc is read
    assert checked > 50
