"""Tests for analysis.stories.story: one Story, its parts as tidy tables of one shape each."""

import pandas as pd
import pytest

import analysis
from analysis.errors import CorpusError
from paths import TEST_CORPUS, TEST_STORY


def test_a_story_holds_its_files_as_tables():
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    assert story.name == TEST_STORY and story.article_ids == ["gazette", "parents-blog", "district-news"]
    assert isinstance(story.articles, pd.DataFrame)
    for table, columns in ((story.actors, ["actor", "name", "role", "work"]), (story.naming, ["referent", "variant", "term"]),
                           (story.facts, ["fact_id", "fact", "patterns"])):
        assert isinstance(table, pd.DataFrame) and list(table.columns) == columns
    # read by eye in tests/fixtures/corpus/school-board-vote/actors.yml
    assert story.actor_names["Tom Lee"] == ["Board chair Tom Lee", "Tom Lee", "Lee"]
    assert story.labels == {"gazette": "Riverside Gazette", "parents-blog": "Unnamed blog",
                            "district-news": "Riverside School District"}
    assert "3 articles" in repr(story)


def test_optional_files_missing_give_empty_tables_of_the_same_shape(story_copy):
    for name in ("actors.yml", "naming.yml", "facts.yml"):
        (story_copy / name).unlink(missing_ok=True)
    story = analysis.load_story(TEST_STORY, corpus_dir=story_copy.parent)
    assert story.actors.empty and list(story.actors.columns) == ["actor", "name", "role", "work"]
    assert story.actor_names == {} and story.naming.empty and story.facts.empty


def test_a_missing_story_is_one_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no such story folder"):
        analysis.load_story("no-such-story", corpus_dir=tmp_path)
