"""Tests for analysis.text.document: one parse of a text that every detector reads."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.errors import InputError, NotTextError
from analysis.text.document import parse_text
from analysis.text.parse import WORD_KINDS, count_words

TEXT = 'Milley said: “We will not attack.” Officials agreed.\n\nA post: Fake news!'


def test_pieces_point_into_the_text():
    doc = parse_text(TEXT)
    assert [TEXT[s:e] for s, e in doc.paragraph_spans] == TEXT.split("\n\n")
    assert [TEXT[s:e] for s, e in zip(doc.sentence_starts, doc.sentence_ends)] == [
        "Milley said: “We will not attack.”", "Officials agreed.", "A post: Fake news!"]
    assert all(TEXT[s:e] == t for s, e, t in zip(doc.starts, doc.ends, doc.texts))
    assert doc.words == sum(kind in WORD_KINDS for kind in doc.kinds) == 12  # counted by eye
    assert doc.bounds[1] == [doc.texts.index("Officials"), doc.texts.index("agreed") + 1]


def test_the_voice_mask_covers_quotations_and_posts():
    post = TEXT.index("Fake news!")
    doc = parse_text(TEXT, posts=[{"start": post, "end": len(TEXT), "author": "@x"}])
    quoted = dict(zip(doc.texts, doc.quoted(doc.starts)))
    assert quoted["We"] and quoted["Fake"] and not quoted["Officials"]
    assert doc.in_quotation([TEXT.index("We")]) == [True] and doc.in_post([TEXT.index("We")]) == [False]
    assert doc.posts[0]["author"] == "@x" and doc.posts[0]["kind"] == "embedded_post"
    # a plain span is a quoted voice with no known author
    assert parse_text(TEXT, posts=[(post, len(TEXT))]).posts[0] == {
        "start": post, "end": len(TEXT), "author": "unknown", "kind": "quotation"}


def test_a_shipped_lexicon_is_searched_once_per_document():
    doc = parse_text("Officials claimed it. He said so.")
    first = doc.phrases("reporting_verbs")
    assert doc.phrases("reporting_verbs") is first
    text = doc.text
    assert [text[h["start"]:h["end"]] for h in first] == ["claimed", "said"]


def test_only_text_can_be_parsed():
    with pytest.raises(TypeError, match="a text must be a string, not int"):
        parse_text(42)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_the_public_text_functions_read_the_same_parse(text):
    doc = parse_text(text)
    assert doc.sentence_table()["text"].tolist() == analysis.sentences(text)["text"].tolist()
    assert doc.token_table()["norm"].tolist() == analysis.tokens(text)["norm"].tolist()
    assert doc.quotation_table()["text"].tolist() == analysis.quotations(text)["text"].tolist()


def _quoted_words_by_tokenizing_each_span(doc):
    return sum(count_words(doc.text[start:end]) for start, end in doc.quoted_spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", '"', "'", "‘", "’", "word", "Trump's", "don't", "U.S.", "9/11", " ",
                                 ". ", ", ", "\n\n", "—", "said", "dumb***", "@x"]), max_size=40).map("".join))
@example("“U.S.@xU.S.")  # Punkt cut the address after "xU.": no sentence starts inside a word
def test_quoted_words_are_the_words_inside_the_voice_mask(text):
    doc = parse_text(text)
    assert doc.quoted_words == _quoted_words_by_tokenizing_each_span(doc)


def test_quoted_words_of_the_seed_story_match_a_count_of_each_quoted_span():
    counted = 0
    for body in analysis.load_story("milley-china-calls").articles["body"]:
        doc = parse_text(body)
        assert doc.quoted_words == _quoted_words_by_tokenizing_each_span(doc)
        counted += doc.quoted_words
    assert counted > 100


@pytest.mark.parametrize("function", [analysis.parse_text, analysis.sentences, analysis.tokens, analysis.paragraphs,
                                      analysis.loaded_terms, analysis.attributions, analysis.sentiment,
                                      analysis.stance_markers])
def test_text_functions_refuse_what_is_not_text_with_the_packages_own_error(function):
    for value in (42, None, b"Officials said it."):
        with pytest.raises(NotTextError, match="a text must be a string"):
            function(value)
    with pytest.raises(InputError, match=r"lone surrogate \(\\ud800\) at character 9"):
        function("Officials\ud800 said it.")
