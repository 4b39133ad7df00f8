"""Tests for analysis.lexicons: every shipped list is data with a sidecar describing it."""

import pandas as pd
import pytest

from analysis.lexicons import LexiconError, available_lexicons, lexicon_info, load_lexicon

SIDECAR_KEYS = {"name", "version", "description", "sources", "licence", "columns"}


@pytest.mark.parametrize("name", available_lexicons())
def test_every_lexicon_has_a_sidecar_that_documents_its_columns(name):
    info = lexicon_info(name)
    assert SIDECAR_KEYS <= set(info)
    assert info["name"] == name
    table = load_lexicon(name)
    assert list(info["columns"]) == list(table.columns)
    assert len(table) > 0


def test_user_lexicon_from_dataframe_and_path(tmp_path):
    frame = pd.DataFrame({"word": ["nutjob"], "category": ["label"]})
    assert load_lexicon(frame, ["word"])["word"].tolist() == ["nutjob"]
    path = tmp_path / "mine.csv"
    frame.to_csv(path, index=False)
    assert load_lexicon(path, ["word", "category"]).equals(load_lexicon(frame))


def test_edited_lexicon_file_is_reread(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("word\nfirst\n")
    assert load_lexicon(path)["word"].tolist() == ["first"]
    path.write_text("word\nfirst\nsecond\n")
    assert load_lexicon(path)["word"].tolist() == ["first", "second"]


def test_missing_column_is_a_clear_error(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("term\nx\n")
    with pytest.raises(LexiconError, match=r"missing column\(s\) \['word'\]"):
        load_lexicon(path, ["word"])


def test_unknown_lexicon_name():
    with pytest.raises(LexiconError, match="no lexicon called"):
        lexicon_info("no_such_list")
