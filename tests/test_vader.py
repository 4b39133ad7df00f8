"""The fast VADER gives the reference package's scores (vaderSentiment) to 1e-9.

Checked on sentences generated from the words VADER's rules look for (boosters, negations,
"no", "least", "but", "kind of", the special idioms, capitals, "!" and "?", emojis and
emoticons), on every sentence of both stories and on the VADER tweets of the fixtures. The
VADER ground-truth sets and news sentences are checked when ``MEDIA_FRAMING_DATA`` names
the folder of public datasets (the test is skipped otherwise); the evaluation command
(``make evaluate``) reports the same check.
"""

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.detectors import vader
from analysis.text.document import parse_text
from analysis.training import datasets
from paths import FIXTURES

REFERENCE = SentimentIntensityAnalyzer()
KEYS = ("neg", "neu", "pos", "compound")

# The words the rules look at, a few sentiment words of each sign, and plain words.
RULE_WORDS = ["no", "not", "never", "isn't", "without", "doubt", "so", "this", "least", "at", "very", "but",
              "BUT", "kind", "of", "sort", "just", "enough", "or", "nor", "the", "bomb", "shit", "bad", "ass",
              "badass", "yeah", "right", "kiss", "death", "to", "die", "for", "bus", "stop", "beating", "heart",
              "extremely", "barely", "uber", "VERY", "kinda", "sorta", "despite", "nothing", "cannot", "don't"]
SENTIMENT_WORDS = ["good", "great", "horrible", "bad", "love", "hate", "no", "lol", "dangerous", "secret",
                   "attack", "support", "fail", "win", "like", "okay", "sux", ":)", ":(", "<3", "yes"]
PLAIN_WORDS = ["general", "Milley", "China", "calls", "he", "said", "a", "meeting", "on", "Monday", "'s"]
EMOJIS = ["\U0001F498", "\U0001F601", "\U0001F621"]


def _word():
    base = st.sampled_from(RULE_WORDS + SENTIMENT_WORDS + PLAIN_WORDS + EMOJIS)
    case = st.sampled_from([str, str.upper, str.title])
    punctuation = st.sampled_from(["", "", "", ",", ".", "!", "?", "!!", "...", '"', "'", "(", "--"])
    return st.tuples(punctuation, base, case, punctuation).map(lambda t: t[0] + t[2](t[1]) + t[3])


SENTENCES = st.lists(_word(), max_size=25).map(" ".join) | st.lists(_word(), max_size=12).map("".join)


def assert_same_as_reference(text):
    ours, theirs = vader.polarity_scores(text), REFERENCE.polarity_scores(text)
    assert list(ours) == list(theirs), text
    for key in KEYS:
        assert abs(ours[key] - theirs[key]) <= 1e-9, (text, key, ours, theirs)


@settings(max_examples=1000, deadline=None)
@given(SENTENCES)
@example("VADER is not smart, handsome, nor funny.")
@example("At least it isn't a horrible book.")
@example("The book was only kind of good.")
@example("Roger Dodger is one of the least compelling variations on this theme.")
@example("Without a doubt, an excellent idea.")
@example("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!")
@example("Good good bad but good bad good")
@example("no no no good")
@example("Least good, or at least very")  # "least" first: negates whatever the last word is
@example("Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601")
@example("")
@example("   ")
def test_scores_equal_the_reference_on_generated_sentences(text):
    assert_same_as_reference(text)


def test_scores_equal_the_reference_on_every_sentence_of_both_stories_and_the_tweets(story_bodies):
    checked = 0
    for body in story_bodies:
        doc = parse_text(body)
        for start, end in zip(doc.sentence_starts, doc.sentence_ends):
            assert_same_as_reference(body[start:end])
            checked += 1
    for text, _ in datasets.read_vader_tweets(FIXTURES / "data"):
        assert_same_as_reference(text)
        checked += 1
    assert checked >= 200  # 213 sentences today


def test_the_lexicon_is_the_reference_lexicon():
    assert vader.lexicon() == REFERENCE.lexicon


DATA = os.environ.get("MEDIA_FRAMING_DATA")


@pytest.mark.skipif(not DATA, reason="set MEDIA_FRAMING_DATA to the folder of public datasets")
def test_scores_equal_the_reference_on_the_vader_ground_truth_and_news_sentences():
    texts = []
    for path in sorted(Path(DATA, "vader").glob("*GroundTruth.txt")):
        texts += [line.split("\t", 2)[2] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 5000
    for path in sorted(Path(DATA, "allsides").glob("articles_*.jsonl.gz"))[:1]:
        with gzip.open(path, "rt", encoding="utf-8") as file:
            for line, _ in zip(file, range(300)):
                body = json.loads(line).get("content_original") or ""
                doc = parse_text(body)
                texts += [body[s:e] for s, e in zip(doc.sentence_starts, doc.sentence_ends)]
    for text in texts:
        assert_same_as_reference(text)
