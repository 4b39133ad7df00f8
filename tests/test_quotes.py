"""Tests for analysis.quotes."""

from analysis.text.quotes import inside, quotations


def test_curly_straight_and_unclosed_quotes():
    text = 'A “curly one” and a "straight one".\n\n“Runs on\n\nnext para” here.'
    table = quotations(text)
    # The quotation left open is closed at the paragraph's end; the stray closing mark is ignored.
    assert table["text"].tolist() == ["“curly one”", '"straight one"', "“Runs on"]
    assert table["words"].tolist()[:2] == [2, 2]


def test_inside():
    assert inside([(5, 10)], [4, 5, 9, 10]) == [False, True, True, False]
