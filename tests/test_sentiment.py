"""Tests for analysis.polarity: VADER per sentence, summaries, sentiment toward a target."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.detectors.sentiment import find_mentions, sentiment, sentiment_toward, vader_scores
from analysis.measures.features import sentiment_summary


def test_vader_reproduces_the_reference_example():
    # The example sentence and score published with VADER (Hutto & Gilbert 2014, README).
    assert vader_scores("VADER is smart, handsome, and funny.")["compound"] == 0.8316


def test_one_row_per_sentence_never_the_whole_text():
    text = "The plan is wonderful. The plan is terrible. The plan is on page two."
    table = sentiment(text)
    assert len(table) == 3
    assert table["compound"].iloc[0] > 0.3 and table["compound"].iloc[1] < -0.3 and table["compound"].iloc[2] == 0
    for row in table.itertuples():
        assert text[row.start:row.end] == row.text
        assert -1 <= row.compound <= 1 and abs(row.pos + row.neu + row.neg - 1) < 0.01


def test_summary_counts_and_extremes():
    summary = sentiment_summary(sentiment("A terrible, awful failure. A nice day. The bus left. Another bus left."))
    assert summary["share_negative"] == 0.25 and summary["share_positive"] == 0.25
    assert summary["most_negative_text"] == "A terrible, awful failure."
    assert summary["most_positive_text"] == "A nice day."
    assert summary["most_negative_start"] == 0 and summary["most_positive_start"] == 27


def test_summary_of_empty_text():
    summary = sentiment_summary(sentiment(""))
    assert summary["sentiment_mean"] == 0.0 and summary["most_negative_start"] == -1


def test_sentiment_toward_uses_the_words_around_each_target():
    table = sentiment_toward("Milley was praised by all, while Trump was condemned as a dangerous liar.",
                             ["Milley", "Trump"])
    scores = dict(zip(table["target"], table["score"]))
    assert scores["Trump"] < scores["Milley"]
    assert table.set_index("target").loc["Trump", "label"] == "negative"


@pytest.mark.parametrize("text, target, label", [
    ("Trump is a disgusting liar and a fraud.", "Trump", "negative"),
    ("Everyone admires Biden, a wise and generous leader.", "Biden", "positive"),
    ("Milley met Trump on Tuesday.", "Milley", "neutral"),
])
def test_sentiment_toward_clear_cases(text, target, label):
    table = sentiment_toward(text, [target])
    assert table["label"].tolist() == [label]
    assert -1 <= table["score"].iloc[0] <= 1


def test_targets_as_actors_dict_and_as_spans():
    text = "Gen. Mark Milley called Li. Later Milley wrote a memo."
    by_alias = sentiment_toward(text, {"Milley": ["Gen. Mark Milley", "Milley"]})
    assert by_alias[["mention", "start", "end"]].values.tolist() == [["Gen. Mark Milley", 0, 16], ["Milley", 34, 40]]
    by_span = sentiment_toward(text, [(24, 26)])
    assert by_span["mention"].tolist() == ["Li"]


def test_find_mentions_prefers_longer_names_and_whole_words():
    assert find_mentions("Esperanto is not Esper. Mark Esper spoke.", {"Esper": ["Mark Esper", "Esper"]}) == [
        ("Esper", 17, 22), ("Esper", 24, 34)]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_gives_valid_rows(text):
    table = sentiment(text)
    for row in table.itertuples():
        assert text[row.start:row.end] == row.text
    toward = sentiment_toward(text + " Milley", ["Milley"])
    assert len(toward) >= 1
    assert toward["score"].between(-1, 1).all()


def test_scoring_a_sentence_once_gives_what_scoring_each_mention_gives():
    from analysis.detectors.sentiment import _SentenceContext, score_mention

    sentence = ("Critics said Trump falsely stated that Milley, a loyal and decorated general, had not "
                "betrayed anyone, while Trump's allies called Milley a traitor and Trump a hero.")
    context = _SentenceContext(sentence)
    spans = [(m.start(), m.end()) for m in re.finditer(r"Trump|Milley|Critics|hero\.", sentence)] + [(0, 0)]
    for start, end in spans:
        assert context.score(start, end) == pytest.approx(score_mention(sentence, start, end), abs=1e-12)


def test_a_mention_reads_at_most_the_context_window_either_side():
    from analysis.detectors.sentiment import CONTEXT_WINDOW, _SentenceContext, context_features, score_mention

    far = "terrible " * (CONTEXT_WINDOW + 50)  # words beyond the window do not count
    sentence = far + "Milley spoke " + "wonderful " * 30
    start = len(far)
    features = context_features(sentence, start, start + 6)
    assert features["L:terrible"] == pytest.approx(sum(1 / (1 + d / 4) for d in range(1, CONTEXT_WINDOW + 1)))
    assert _SentenceContext(sentence).score(start, start + 6) == pytest.approx(
        score_mention(sentence, start, start + 6), abs=1e-12)
