"""Tests for analysis.text.matching: stems, gaps, letter case, longest match."""

import pandas as pd

from analysis.text.matching import compile_phrases, find_phrases
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
