"""Tests for analysis.training.word_vectors, on hand-written sentences."""

import numpy as np

from analysis.training import word_vectors
from paths import FIXTURES

TEXTS = ["The senator slammed the plan. The mayor blasted the plan. The senator praised the budget.",
         "Critics slammed the decision. Critics blasted the decision. The council approved the budget.",
         "The mayor slammed the agency. The senator blasted the agency. The mayor approved the measure."]


def _vector(vectors, word_stem):
    return vectors.matrix[vectors.stems.index(word_stem)]


def test_words_used_alike_get_alike_vectors():
    vectors = word_vectors.word_vectors(TEXTS, window=2, dimensions=5, min_count=2)
    slammed, blasted, budget = (_vector(vectors, s) for s in ("slam", "blast", "budget"))
    assert np.allclose(np.linalg.norm(vectors.matrix, axis=1), 1.0)
    assert slammed @ blasted > slammed @ budget + 0.3


def test_the_same_texts_give_the_same_vectors_and_unknown_stems_get_zeros():
    first = word_vectors.word_vectors(TEXTS, window=2, dimensions=5, min_count=2)
    second = word_vectors.word_vectors(list(TEXTS), window=2, dimensions=5, min_count=2)
    assert first.stems == second.stems and np.array_equal(first.matrix, second.matrix)
    rows = first.rows(["slam", "zebra"])
    assert np.array_equal(rows[0], _vector(first, "slam")) and not rows[1].any()
    assert first.names[:2] == ["vec:00", "vec:01"] and len(first.names) == 5


def test_stem_scores_are_each_vector_times_the_weights():
    vectors = word_vectors.word_vectors(TEXTS, window=2, dimensions=3, min_count=2)
    weights = [0.5, -1.0, 2.0]
    scores = vectors.stem_scores(weights)
    assert scores["slam"] == np.dot(_vector(vectors, "slam"), weights)
    assert set(scores) == set(vectors.stems)


def test_news_texts_are_the_allsides_then_the_polnear_articles():
    texts = list(word_vectors.news_texts(FIXTURES / "data"))
    assert texts[0].startswith("The senator slammed the bill")
    assert len(texts) == 6 + 2 + len({path.name.rsplit("_", 1)[0] for path in
                                      (FIXTURES / "data" / "polnear" / "train" / "attributions").glob("*.ann")})
