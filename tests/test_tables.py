"""Lesson tables: headings in words, and the counts beside rates and shares are the marks' own counts."""

import pandas as pd
import pytest
from paths import TEST_CORPUS, TEST_STORY

import analysis


@pytest.mark.parametrize("story_name, corpus_dir", [("milley-china-calls", None), (TEST_STORY, TEST_CORPUS)])
def test_the_count_beside_each_rate_is_the_number_of_marks(story_name, corpus_dir):
    story = analysis.load_story(story_name, corpus_dir=corpus_dir)
    notes = analysis.annotate_story(story)
    features = analysis.article_features(story)
    table = analysis.plain_table(features, ["words", "loaded_per_1000", "loaded_own_per_1000", "anonymous_share"],
                                 story.labels)
    assert list(table.columns) == ["Words", "Loaded words: count (per 1,000 words)",
                                   "Loaded words in the outlet's own voice: count (per 1,000 words)",
                                   "Attributions to anonymous sources: count of all attributions (share)"]
    assert list(table.index) == [story.labels[a] for a in story.article_ids]
    for article_id, row in zip(story.article_ids, table.itertuples(index=False)):
        loaded = notes[article_id].loaded
        loaded = loaded[~loaded["denied"].astype(bool)]
        assert row[1].split(" (")[0] == str(len(loaded))
        assert row[2].split(" (")[0] == str(int((loaded["voice"] == "own").sum()))
        attributions = notes[article_id].attributions
        anonymous = int((attributions["source_type"] == "anonymous").sum())
        assert row[3].startswith(f"{anonymous} of {len(attributions)} (")


def test_a_rate_reads_as_count_then_rate():
    table = pd.DataFrame({"article_id": ["a", "b"], "words": [2000, 250], "hedges_per_1000": [1.5, 4.0],
                          "quoted_word_share": [0.25, 0.0], "scare_quotes": [3, 0]})
    shown = analysis.plain_table(table, ["hedges_per_1000", "quoted_word_share", "scare_quotes"], {"a": "A", "b": "B"})
    assert shown.loc["A"].tolist() == ["3 (1.5)", "500 of 2000 (25%)", 3]
    assert shown.loc["B"].tolist() == ["1 (4.0)", "0 of 250 (0%)", 0]
