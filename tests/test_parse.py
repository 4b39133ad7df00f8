"""Tests for analysis.parse: paragraphs, sentences and tokens with offsets."""

import os
from pathlib import Path

import nltk
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktSentenceTokenizer

from analysis.text import parse
from analysis.text.document import parse_text
from analysis.text.parse import count_words, normalise, paragraphs, sentences, tokens


def texts(table):
    return table["text"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        "Milley spoke to Gen. Li Zuocheng on the phone.",
        "Milley's spokesman Col. Dave Butler issued a statement.",
        "U.S. officials were worried about the calls.",
        "The rally in Washington, D.C. drew a small crowd.",
        "The second call took place on Jan. 8 after the riot.",
        "Sen. Marco Rubio wrote to Biden on Sept. 14 about it.",
        "General Mark A. Milley made two calls.",
    ],
)
def test_newsroom_abbreviations_do_not_end_a_sentence(text):
    assert texts(sentences(text)) == [text]


def test_sentence_ends_after_abbreviation_when_a_sentence_starter_follows():
    text = "The calls came from the U.S. The Chinese side listened."
    assert texts(sentences(text)) == ["The calls came from the U.S.", "The Chinese side listened."]


def test_sentences_never_cross_paragraphs_and_carry_paragraph_ids():
    text = "First paragraph without a full stop\n\nSecond one. Third sentence!\n"
    table = sentences(text)
    assert texts(table) == ["First paragraph without a full stop", "Second one.", "Third sentence!"]
    assert table["paragraph_id"].tolist() == [0, 1, 1]


def test_closing_quote_stays_with_its_sentence():
    text = "“We are not going to attack,” Milley said. “It won’t be a surprise.” Li listened."
    assert texts(sentences(text)) == [
        "“We are not going to attack,” Milley said.",
        "“It won’t be a surprise.”",
        "Li listened.",
    ]


def test_paragraphs_split_on_blank_lines_or_on_lines_when_there_are_none():
    assert texts(paragraphs("One\ntwo\n\n  Three  \n\n\n")) == ["One\ntwo", "Three"]
    assert texts(paragraphs("One\nTwo\nThree")) == ["One", "Two", "Three"]
    assert paragraphs("   \n\n ").empty


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trump's", ["Trump", "'s"]),
        ("Trump’s plan", ["Trump", "’s", "plan"]),
        ("don’t", ["do", "n’t"]),
        ("O'Brien warned", ["O'Brien", "warned"]),
        ("a “dumb***” and “nutjob”", ["a", "“", "dumb***", "”", "and", "“", "nutjob", "”"]),
        ('"stolen election"', ['"', "stolen", "election", '"']),
        ("China—and possibly", ["China", "—", "and", "possibly"]),
        ("2020 – 2021", ["2020", "–", "2021"]),
        ("more than 670,000 people", ["more", "than", "670,000", "people"]),
        ("after 9/11 at 11:48 PM", ["after", "9/11", "at", "11:48", "PM"]),
        ("then-President long-established", ["then-President", "long-established"]),
        ("bad intelligence… a combination", ["bad", "intelligence", "…", "a", "combination"]),
        ("wait... what", ["wait", "...", "what"]),
        ("from @joshrogin and @axios", ["from", "@joshrogin", "and", "@axios"]),
        ("rally #J6 today", ["rally", "#J6", "today"]),
        ("see https://www.wsws.org/contact.", ["see", "https://www.wsws.org/contact", "."]),
        ("U.S. and D.C. and Gen. Li", ["U.S.", "and", "D.C.", "and", "Gen.", "Li"]),
    ],
)
def test_tokens(text, expected):
    assert texts(tokens(text)) == expected


def test_token_kinds_and_normal_forms():
    table = tokens("Trump’s “dumb***” @axios 670,000 —")
    assert table["kind"].tolist() == ["word", "clitic", "punct", "censored", "punct", "handle", "number", "dash"]
    assert table["norm"].tolist() == ["trump", "'s", '"', "dumb***", '"', "@axios", "670,000", "-"]


def test_tokens_carry_sentence_and_paragraph_ids():
    table = tokens("One two. Three.\n\nFour.")
    words = table[table["kind"] == "word"]
    assert words["sentence_id"].tolist() == [0, 0, 1, 2]
    assert words["paragraph_id"].tolist() == [0, 0, 0, 1]


def test_count_words_leaves_out_punctuation_and_clitics():
    assert count_words("Trump’s “dumb***” — 670,000 people!") == 4
    assert normalise("“Fake News”") == '"fake news"'


def test_works_with_no_nltk_data_at_all(monkeypatch):
    monkeypatch.setattr(nltk.data, "path", [])
    parse.sentence_splitter.cache_clear()
    try:
        assert len(sentences("Gen. Li listened. Milley spoke.")) == 2
    finally:
        parse.sentence_splitter.cache_clear()


def _check_spans(text, table):
    previous_end = 0
    for start, end, piece in zip(table["start"], table["end"], table["text"]):
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == piece
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_any_unicode_text_gives_valid_non_overlapping_spans(text):
    _check_spans(text, paragraphs(text))
    sentence_table = sentences(text)
    _check_spans(text, sentence_table)
    token_table = tokens(text)
    _check_spans(text, token_table)
    assert set(token_table["sentence_id"]) <= set(sentence_table["sentence_id"])
    doc = parse_text(text)  # the parsed document holds exactly the same tables
    pd.testing.assert_frame_equal(doc.sentence_table(), sentence_table)
    pd.testing.assert_frame_equal(doc.token_table(), token_table)
    pd.testing.assert_frame_equal(doc.paragraph_table(), paragraphs(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Gen.", "U.S.", "“", "”", "'s", "...", "…", "—", "\n", "\n\n", " ", "a",
                                 "B", ".", "?", "!", "@x", "#y", "http://z.io", "9/11", "670,000", "dumb***"]),
                max_size=60).map("".join))
def test_newsy_fragments_give_valid_spans(text):
    sentence_table = sentences(text)
    _check_spans(text, sentence_table)
    _check_spans(text, tokens(text))


def _tokens_by(pattern, text):
    return [(m.start(), m.end(), "word" if m.lastgroup == "plain" else m.lastgroup) for m in pattern.finditer(text)]


# Pieces that sit next to a word and could make another alternative take it: apostrophes,
# clitics, "n't", dots, hyphens, "*", "@", "#", "+", ":", URLs, numbers, abbreviations.
_AROUND_WORDS = ["a", "Ab", "gen", "Gen", "U", "S", "n", "t", "s", "don", "http", "www", "com", "x", "é", "'", "’",
                 ".", "-", "‐", "*", "@", "#", "+", ":", "/", "//", "1", ",", " ", "\n", "“", "ll", "N", "T"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_AROUND_WORDS), max_size=40).map("".join))
@example("see http://x.io, www.y.com and ab@cd.org, @handle #tag don't U.S. gen. Gen.Li dumb*** co-op x+y a:b")
def test_the_plain_word_shortcut_never_changes_a_token(text):
    assert _tokens_by(parse._token_pattern(), text) == _tokens_by(parse._token_pattern(shortcut=False), text)


def test_the_plain_word_shortcut_never_changes_a_token_of_the_stories(story_bodies):
    for body in story_bodies:
        shortcut = _tokens_by(parse._token_pattern(), body)
        assert shortcut == _tokens_by(parse._token_pattern(shortcut=False), body)
        assert sum(kind == "word" for _, _, kind in shortcut) > 20


def _tokens_scanned(text, start=0, end=None):
    rows = parse.token_columns(text, [(0, start, len(text) if end is None else end)])
    return list(zip(rows[2], rows[3], rows[6]))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_AROUND_WORDS + ["  ", "\t", " \n "]), max_size=40).map("".join))
@example("  leading and trailing blanks  ")
def test_the_token_scanner_gives_the_tokens_of_the_token_pattern(text):
    assert _tokens_scanned(text) == _tokens_by(parse._token_pattern(), text)
    assert parse.count_words(text) == sum(kind in parse.WORD_KINDS for _, _, kind in _tokens_by(
        parse._token_pattern(), text))


def test_the_token_scanner_gives_the_tokens_of_the_stories_and_of_any_span(story_bodies):
    for body in story_bodies:
        assert _tokens_scanned(body) == _tokens_by(parse._token_pattern(), body)
        middle = len(body) // 2
        assert _tokens_scanned(body, 0, middle) == _tokens_by(parse._token_pattern(), body[:middle])


def test_the_token_scanner_steps_over_long_blanks_once():
    text = "word" + " " * 200_000
    assert _tokens_scanned(text) == [(0, 4, "word")]
    assert parse.count_words(" " * 200_000 + "a b") == 2


PLAIN_PUNKT = PunktSentenceTokenizer(parse.punkt_parameters())


def _contexts(text):
    """Every candidate sentence end Punkt weighs in a text, with the text around it."""
    return [context for start, end in parse.paragraph_spans(text)
            for _, context in PLAIN_PUNKT._match_potential_end_contexts(text[start:end])]


def _assert_same_sentences_as_punkt(text):
    for context in _contexts(text):
        assert parse.sentence_splitter().text_contains_sentbreak(context) == \
            PLAIN_PUNKT.text_contains_sentbreak(context), context
    for start, end in parse.paragraph_spans(text):
        assert list(parse.sentence_splitter().span_tokenize(text[start:end])) == \
            list(PLAIN_PUNKT.span_tokenize(text[start:end]))
    assert parse.sentence_spans(text) == _punkt_sentence_spans(text)  # with the one-sentence paragraphs


def _punkt_sentence_spans(text):
    """``sentence_spans`` as plain Punkt makes them, paragraph by paragraph, with a piece that
    opens with a small letter, a closing bracket or a comma, or that Punkt cut from it inside a
    run without a space (no quotation mark or bracket at the cut), joined to the one before."""
    rows = []
    for number, (start, end) in enumerate(parse.paragraph_spans(text)):
        for first, last in PLAIN_PUNKT.span_tokenize(text[start:end]):
            first, last = parse._strip_span(text, start + first, start + last)
            before = rows[-1] if rows and rows[-1][0] == number else None
            marks = "\"'“”‘’()[]{}"
            if last > first and before and (text[first].islower() or text[first] in ",;)]}" or not (
                    text[first - 1].isspace() or text[first - 1] in marks or text[first] in marks)):
                rows[-1] = (number, before[1], last)
            elif last > first:
                rows.append((number, first, last))
    return rows


@pytest.mark.parametrize("text, pieces", [
    ('"Why not?" he asked. It rained.', ['"Why not?" he asked.', "It rained."]),
    ('She declared "What a night!" and said that it would go on.', ['She declared "What a night!" and said that it '
                                                                    'would go on.']),
    ("Why? Nobody knows. Really! Yes.", ["Why?", "Nobody knows.", "Really!", "Yes."]),
    ("Rep. Hank Johnson (D-Ga.) said it was late. It was.", ["Rep. Hank Johnson (D-Ga.) said it was late.", "It was."]),
    ("Sen. Jack Reed (D-R.I.), said it was late.", ["Sen. Jack Reed (D-R.I.), said it was late."]),
])
def test_a_piece_opening_with_a_small_letter_or_a_closing_mark_continues_the_sentence(text, pieces):
    assert parse.sentences(text)["text"].tolist() == pieces


_AROUND_STOPS = ["word", "Word", "WORD", "Gen", "gen", "Mr", "U.S", "J", "a", "no", "No", "1", "2021", "iii",
                 "The", "However", "co-op", "e.g", ".", ". ", ".  ", "?", "!", "...", " ", "\n", '"', "“", "”", ")",
                 "(", "'", "’", "]", ",", ":", "-", "–"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_AROUND_STOPS), max_size=40).map("".join))
@example("He left. Gen. Li came. It was 2021. Then J. Bach played. See p. 4. Mr. Trump said no. The end")
def test_the_sentence_shortcut_always_decides_as_punkt_does(text):
    _assert_same_sentences_as_punkt(text)


def test_the_sentence_shortcut_decides_as_punkt_does_on_both_stories(story_bodies):
    shortcut = 0
    for body in story_bodies:
        _assert_same_sentences_as_punkt(body)
        shortcut += sum(bool(parse._PLAIN_SENTENCE_END.fullmatch(c)) for c in _contexts(body))
    assert shortcut >= 50  # the shortcut is taken (81 of the contexts today), not only the full passes
    whole = sum(parse._one_sentence(body, start, end) for body in story_bodies
                for start, end in parse.paragraph_spans(body))
    assert whole >= 30  # and so is the one-sentence paragraph shortcut (62 of 123 paragraphs today)


@pytest.mark.skipif(not os.environ.get("MEDIA_FRAMING_DATA"), reason="set MEDIA_FRAMING_DATA to the public datasets")
def test_the_sentence_shortcut_decides_as_punkt_does_on_news_articles():
    folder = Path(os.environ["MEDIA_FRAMING_DATA"])
    for path in sorted(folder.glob("polnear/*/text/*.txt")) + sorted(folder.glob("ptc/train-articles/*.txt")):
        _assert_same_sentences_as_punkt(path.read_text(encoding="utf-8"))
