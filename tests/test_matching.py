"""Tests for analysis.text.matching: stems, inflections, gaps, letter case, longest match."""

import pandas as pd
import pytest

from analysis.text.matching import compile_phrases, find_phrases, same_word
from analysis.text.document import parse_text


def hits(text, rows):
    lexicon = pd.DataFrame(rows, columns=["term", "category", "match_case"])
    return [(text[h["start"]:h["end"]], h["row"].category) for h in find_phrases(parse_text(text), compile_phrases(lexicon))]


def test_longest_term_wins_and_hits_do_not_overlap():
    assert hits("A coup attempt, then a coup.", [("coup", "a", ""), ("coup attempt", "b", "")]) == [
        ("coup attempt", "b"), ("coup", "a")]


def test_gap_allows_at_most_four_tokens():
    rows = [("behind ... back", "x", "")]
    assert hits("behind the president's back", rows) == [("behind the president's back", "x")]
    assert hits("behind one two three four five back", rows) == []


def test_match_case():
    assert hits("It may rain in May.", [("may", "hedge", "yes")]) == [("may", "hedge")]


@pytest.mark.parametrize("word, other, expected", [
    ("slammed", "slam", True), ("quipping", "quip", True), ("denies", "deny", True), ("denied", "denies", True),
    ("ridiculing", "ridicule", True), ("taxes", "tax", True), ("claims", "claim", True), ("lied", "lie", True),
    ("likely", "like", False), ("evidence", "evidently", False), ("ridiculous", "ridicule", False),
    ("total", "totally", False), ("information", "inform", False), ("critical", "criticize", False),
])
def test_same_word_joins_inflections_not_derived_words(word, other, expected):
    assert same_word(word, other) is expected
    assert same_word(other, word) is expected


def test_inflections_only_skips_derived_words_and_falls_back_to_a_row_that_fits():
    lexicon = pd.DataFrame([("possibly", "hedge", ""), ("possible", "hedge", ""), ("likely", "hedge", ""),
                            ("slam", "verb", "")], columns=["term", "category", "match_case"])
    doc = parse_text("Critics like him slammed a possible deal, likely a possibility.")
    found = [doc.texts[h["first_token"]] for h in find_phrases(doc, compile_phrases(lexicon), inflections_only=True)]
    assert found == ["slammed", "possible", "likely"]  # not "like", not "possibility"
    every = [doc.texts[h["first_token"]] for h in find_phrases(doc, compile_phrases(lexicon))]
    assert every == ["like", "slammed", "possible", "likely", "possibility"]  # by stem, derived words too
    assert [h["first_token"] for h in doc.phrases(lexicon, inflections_only=True)] == [
        h["first_token"] for h in find_phrases(doc, compile_phrases(lexicon), inflections_only=True)]
