"""Tests for analysis.measures.words: term counts, distinctive words (log-odds by hand), similarity."""

import math

import pandas as pd
import pytest

from analysis.measures.words import _without_parts_of_phrases, distinctive_words, similarity, term_counts


def articles(**bodies):
    return pd.DataFrame({"article_id": list(bodies), "body": list(bodies.values())})


def test_term_counts_keep_phrases_inside_one_sentence_and_drop_stop_words():
    table = term_counts(articles(a="Tax cuts help. Cuts hurt the poor.", b="Tax cuts again."))
    assert table["a"].to_dict() == {"cuts": 2, "cuts help": 1, "cuts hurt": 1, "help": 1,
                                    "hurt": 1, "poor": 1, "tax": 1, "tax cuts": 1}  # "again" is a stop word
    assert "help cuts" not in table.index  # across a sentence end
    assert "the poor" not in table.index and "hurt the" not in table.index


def test_the_split_off_negation_is_no_word():
    table = term_counts(articles(a="Milley wasn't aware. Esper isn't aware either."))
    assert table["a"].to_dict() == {"aware": 2, "esper": 1, "milley": 1}  # not "n't" nor "n't aware"


def test_log_odds_by_hand():
    corpus = articles(a="war war war peace", b="peace peace trade", c="trade war")
    table = distinctive_words(corpus, ngrams=(1,), min_count=1, top=None)
    # pooled counts (the default prior): war 4, peace 3, trade 2 (+0.01 each); 9 words in all
    alpha = {"war": 4.01, "peace": 3.01, "trade": 2.01}
    alpha0 = sum(alpha.values())
    y_a, n_a, y_rest, n_rest = 3, 4, 1, 5  # "war" in a, and in b + c
    a = alpha["war"]
    delta = math.log((y_a + a) / (n_a + alpha0 - y_a - a)) - math.log((y_rest + a) / (n_rest + alpha0 - y_rest - a))
    z = delta / math.sqrt(1 / (y_a + a) + 1 / (y_rest + a))
    row = table[(table["article_id"] == "a") & (table["term"] == "war")].iloc[0]
    assert row["log_odds"] == pytest.approx(delta, abs=1e-4)
    assert row["z"] == pytest.approx(z, abs=1e-3)
    assert row["count"] == 3 and row["count_others"] == 1 and row["per_1000"] == 750.0
    # "war" is a's word: first for a, negative for b, which never uses it
    assert table[table["article_id"] == "a"].iloc[0]["term"] == "war"
    assert table[(table["article_id"] == "b") & (table["term"] == "peace")]["z"].iloc[0] > 0


def test_min_count_and_phrase_parts():
    corpus = articles(a="Global Times said. Global Times wrote.", b="The paper said. The paper wrote.")
    table = distinctive_words(corpus, top=None)
    mine = table[table["article_id"] == "a"]
    assert "global times" in set(mine["term"])
    assert not {"global", "times"} & set(mine["term"])  # only ever inside "global times"
    assert (table["count"] >= 2).all()


def test_near_duplicates_take_one_place():
    """A name that mostly comes as part of a longer name, and a phrase beside its own
    stronger word, are left out; a word used mostly on its own stays."""
    table = pd.DataFrame({"term": ["esper", "mark esper", "mark", "secretary mark", "axios", "unity"],
                          "count": [20, 7, 10, 3, 5, 6], "count_others": [11, 1, 6, 1, 2, 0],
                          "z": [2.9, 2.2, 2.0, 1.3, 1.6, 2.0]})
    kept = _without_parts_of_phrases(table)["term"].tolist()
    # "mark": 7 of its 10 uses are in "mark esper"; "mark esper" and "secretary mark" share a word with a
    # stronger listed term; "esper" holds 13 of its 20 uses alone
    assert kept == ["esper", "axios", "unity"]


def test_similarity_properties():
    corpus = articles(a="Milley called China twice.", b="Milley called China twice.",
                      c="The school board closed a school.")
    matrix, order = similarity(corpus)
    assert matrix.loc["a", "b"] == pytest.approx(1.0)
    assert matrix.loc["a", "c"] == pytest.approx(0.0)
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert abs(order.index("a") - order.index("b")) == 1
