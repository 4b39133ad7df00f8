"""Tests for analysis.stories.reading: a story's careful reading, read and checked."""

import shutil

import pytest

import analysis
from analysis.errors import CorpusError
from analysis.stories.reading import READING_COLUMNS, place_mark
from paths import TEST_CORPUS, TEST_STORY

HEADER = "article,layer,start,end,text,label,speaker,attribution,note\n"
# The gazette's body opens: 'The school board voted 4-3 on Tuesday to close Elm Street School at the
# end of the year, a decision that angry parents called "reckless."'
GOOD_ROWS = ('gazette,loaded,127,135,reckless,emotive_intensifier,,,\n'
             'gazette,stance,126,137,"""reckless.""",scare_quote,,,the parents\' word\n'
             'gazette,cue,119,125,called,evaluative,parents,1,\n'
             'gazette,source,105,118,angry parents,anonymous,parents,1,\n')


@pytest.fixture
def story_folder(tmp_path):
    shutil.copytree(TEST_CORPUS / TEST_STORY, tmp_path / TEST_STORY)
    return tmp_path


def _write(folder, rows):
    (folder / TEST_STORY / "reading.csv").write_text(HEADER + rows, encoding="utf-8")


def test_a_story_without_a_reading_has_an_empty_one():
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    assert story.reading.empty and list(story.reading.columns) == READING_COLUMNS


def test_a_good_reading_is_read_with_typed_columns(story_folder):
    _write(story_folder, GOOD_ROWS)
    story = analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    reading = story.reading
    assert list(reading["layer"]) == ["loaded", "stance", "cue", "source"]
    assert reading.loc[1, "text"] == '"reckless."'
    assert list(reading["attribution"]) == [0, 0, 1, 1]
    body = story.articles.set_index("article_id").body["gazette"]
    assert [body[a:b] for a, b in zip(reading["start"], reading["end"])] == list(reading["text"])


def test_every_bad_row_is_named_in_one_error(story_folder):
    rows = ("gazette,loaded,127,135,reckless,emotive_intensifier,,,\n"
            "nowhere,loaded,0,3,The,name_calling,,,\n"         # unknown article
            "gazette,colour,0,3,The,red,,,\n"                   # unknown layer
            "gazette,loaded,0,3,The,angry,,,\n"                 # unknown label
            "gazette,loaded,0,5,Thx,other_loaded,,,\n"          # text not at the offsets
            "gazette,cue,119,125,called,neutral,,1,\n"          # cue without speaker
            "gazette,source,0,3,The,anonymous,parents,,\n"      # source without attribution number
            "gazette,tone,0,3,The,negative,,,\n"                # tone without actor
            "gazette,loaded,x,3,The,name_calling,,,\n")         # offsets not numbers
    _write(story_folder, rows)
    with pytest.raises(CorpusError) as caught:
        analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    message = str(caught.value)
    assert "reading.csv" in message
    for line in range(3, 11):
        assert f"line {line}:" in message
    assert "line 2:" not in message


def test_a_reading_without_its_columns_is_refused(story_folder):
    (story_folder / TEST_STORY / "reading.csv").write_text("article,layer\ngazette,loaded\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="lacks the column"):
        analysis.load_story(TEST_STORY, corpus_dir=story_folder)


def test_place_mark_counts_occurrences_from_the_start():
    body = "said, said and said"
    assert place_mark(body, "said") == (0, 4)
    assert place_mark(body, "said", 3) == (15, 19)
    assert place_mark(body, "said", 4) is None
    assert place_mark(body, "", 1) is None
