"""Tests for analysis.training.stem_statistics, on hand-written articles."""

import math

import numpy as np
import pytest

from analysis.training import datasets, stem_statistics
from analysis.training.stem_statistics import CENTRE_SMOOTHING, TOPIC_SMOOTHING
from paths import FIXTURES

# Two topics, half of the articles from centre outlets (bias 1). "Abortion" keeps to one topic and
# to left and right outlets; "slammed" is in both topics and in sentences with "terrible" and "awful".
RECORDS = [
    {"topic": "abortion", "bias": 0, "text": "The abortion bill passed. Critics slammed it as terrible and awful."},
    {"topic": "abortion", "bias": 2, "text": "The abortion ruling came on Monday. The court met in the city."},
    {"topic": "abortion", "bias": 0, "text": "An abortion clinic opened in the city on Monday."},
    {"topic": "budget", "bias": 1, "text": "The budget passed. The mayor slammed it as terrible and awful."},
    {"topic": "budget", "bias": 1, "text": "The budget vote came on Monday. The council met in the city."},
    {"topic": "budget", "bias": 1, "text": "Critics slammed the budget. The council met in the city on Monday."},
]


def _row(columns, word_stem):
    return dict(zip(columns.names, columns.matrix[columns.stems.index(word_stem)]))


def test_topic_words_keep_to_a_topic_and_evaluative_words_do_not():
    columns = stem_statistics.stem_statistics(RECORDS)
    abortion, slammed = _row(columns, "abort"), _row(columns, "slam")
    # by the definition: three articles, all of one of two equally common topics, smoothed
    inside, outside = (3 + TOPIC_SMOOTHING / 2) / (3 + TOPIC_SMOOTHING), (TOPIC_SMOOTHING / 2) / (3 + TOPIC_SMOOTHING)
    assert abortion["stat:topic"] == pytest.approx(inside * math.log(2 * inside) + outside * math.log(2 * outside),
                                                   abs=1e-6)
    assert slammed["stat:topic"] < abortion["stat:topic"] / 2


def test_centre_share_article_count_and_sentence_valence():
    columns = stem_statistics.stem_statistics(RECORDS)
    abortion, slammed, city = _row(columns, "abort"), _row(columns, "slam"), _row(columns, "citi")
    # "abortion" is in three articles, none from a centre outlet, and half of all articles are
    assert abortion["stat:centre"] == pytest.approx(math.log(CENTRE_SMOOTHING / 2 / (3 + CENTRE_SMOOTHING) / 0.5),
                                                    abs=1e-6)
    assert abortion["stat:centre"] < 0 < _row(columns, "budget")["stat:centre"]
    assert city["stat:common"] == pytest.approx(math.log(1 + 4), abs=1e-6)
    assert slammed["stat:valence"] > 0 > city["stat:valence"]


def test_only_stems_in_enough_articles_get_a_row_and_unknown_stems_read_zero():
    columns = stem_statistics.stem_statistics(RECORDS)
    assert "clinic" not in columns.stems and "slam" in columns.stems
    assert columns.stems == sorted(columns.stems) and columns.names == stem_statistics.NAMES
    rows = columns.rows(["slam", "zebra"])
    assert rows[0].any() and not rows[1].any()
    again = stem_statistics.stem_statistics(list(RECORDS))
    assert again.stems == columns.stems and np.array_equal(again.matrix, columns.matrix)
    assert stem_statistics.stem_statistics([]).stems == []


def test_allsides_records_carry_text_topic_and_rating():
    records = list(datasets.read_allsides_records(FIXTURES / "data"))
    assert [record["text"] for record in records] == list(datasets.read_allsides(FIXTURES / "data"))
    assert records[0]["topic"] == "budget" and records[0]["bias"] == 0
    assert {record["bias"] for record in records} == {0, 1, 2}
