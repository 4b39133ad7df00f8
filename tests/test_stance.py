"""Tests for analysis.stance: hedges, boosters, scare quotes, questions, address, calls to action."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.detectors.stance import CUE_WORDS_BEFORE, SCARE_QUOTE_RULE, stance_markers


def found(text, category, **kwargs):
    table = stance_markers(text, **kwargs)
    return table.loc[table["category"] == category, "text"].tolist()


def test_hedges_and_boosters():
    text = "Milley reportedly called. It is unclear why. He was absolutely clear. In fact, he may resign in May."
    assert found(text, "hedge") == ["reportedly", "unclear", "may"]
    assert found(text, "booster") == ["absolutely", "In fact"]


def test_a_word_derived_from_a_marker_is_not_one():
    text = "Voters like him saw no evidence; the total is possible, an apparent possibility, evidently."
    assert found(text, "hedge") == ["possible", "apparent"]  # not "like" (likely), "possibility" (possibly)
    assert found(text, "booster") == ["evidently"]  # not "evidence" (evidently), "total" (totally)


def test_scare_quotes_versus_attributed_quotes_and_titles():
    text = ('The Democrats have made "unity" the theme of every event this autumn. '
            'He called it "a disgrace," Rubio said. The book "Peril" is out. '
            'Thousands of people marched against the "stolen election" far from the capital.')
    assert found(text, "scare_quote") == ['"unity"', '"stolen election"']


@pytest.mark.parametrize("text, expected", [
    # the writer's own quotation marks, even inside reported speech, far from its verb
    ('A spokesman said the office was unable to help with any of the governor\'s "private" talks with the mayor.',
     ['"private"']),
    ('The "secret" phone calls were made in October.', ['"secret"']),  # "calls" after it is no speaker
    # a speaker's words: a reporting verb close before, or after the closing comma
    ('The minister said on Monday she was unaware of the "exact details."', []),
    ('He called the senator a "traitor" on television.', []),
    ('"A disgrace," the senator said.', []),
    # a label or a title
    ('On the website, if one clicks on "upcoming events," one sees nothing.', []),
    ('The report "Lost Years" came out in May.', []),
])
def test_scare_quote_rule(text, expected):
    assert found(text, "scare_quote") == expected


def test_the_rule_is_stated_once_for_the_lessons():
    assert "arm's length" in SCARE_QUOTE_RULE and f"{CUE_WORDS_BEFORE} words before" in SCARE_QUOTE_RULE


def test_rhetorical_questions_only_in_the_outlets_voice():
    text = "That sounds different, don't you think? “Why now?” the senator asked."
    assert found(text, "rhetorical_question") == ["That sounds different, don't you think?"]


def test_direct_address_and_calls_to_action():
    text = "Now read these tweets. You decide. Now is the time to support us. “You will regret it,” he said."
    assert found(text, "call_to_action") == ["Now read these tweets.", "Now is the time to support us."]
    assert found(text, "direct_address") == ["You"]


def test_imperative_opening_is_a_call_to_action():
    assert found("Read the statement yourself. Share it with a friend.", "call_to_action") == [
        "Read the statement yourself.", "Share it with a friend."]


def test_voice_of_hedges_inside_quotes_and_posts():
    table = stance_markers("“It may happen,” he said. It apparently did.", quoted_spans=[(26, 44)])
    assert table[["text", "voice"]].values.tolist() == [["may", "quoted"], ["apparently", "quoted"]]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_gives_valid_spans(text):
    table = stance_markers(text)
    for row in table.itertuples():
        assert 0 <= row.start < row.end <= len(text) and text[row.start:row.end] == row.text
