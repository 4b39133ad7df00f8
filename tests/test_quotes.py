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


def test_two_apostrophes_are_a_double_quote_but_one_is_an_apostrophe():
    text = "''I've been through the racks,'' said Bob Mason. It's the union's ''label.''"
    table = quotations(text)
    assert table["text"].tolist() == ["''I've been through the racks,''", "''label.''"]
    first = table.iloc[0]
    assert text[first["inner_start"]:first["inner_end"]] == "I've been through the racks,"
    assert table["words"].tolist() == [5, 1]
