"""Tests for analysis.annotation: one pass per article, and everything downstream reads it."""

import pandas as pd
import pytest

import analysis
from analysis.stories.story import load_story
from paths import TEST_CORPUS, TEST_STORY


def test_an_annotation_holds_every_span_table_of_the_article():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    note = analysis.annotate_story(story)["parents-blog"]
    body = story.articles.set_index("article_id").loc["parents-blog", "body"]
    assert note.text == body and note.article_id == "parents-blog"
    for table in (note.loaded, note.stance, note.attributions, note.sentiment, note.toward):
        for start, end in zip(table["start"] if "start" in table else table["cue_start"],
                              table["end"] if "end" in table else table["cue_end"]):
            assert 0 <= start <= end <= len(body)
    # the embedded post (its author line is set aside) is one attribution to its author
    posts = note.attributions[note.attributions["source_type"] == "social media post"]
    assert posts["source"].tolist() == ["Maria Gomez"]
    assert set(note.furniture["action"]) <= {"set aside", "removed"} and len(note.furniture) > 0


def test_a_new_story_object_is_annotated_afresh():
    first = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    second = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    assert analysis.annotate_story(first) is analysis.annotate_story(first)
    assert analysis.annotate_story(first) is not analysis.annotate_story(second)


def test_seed_words_inside_embedded_posts_are_quoted_in_tables_and_charts_alike():
    story = load_story("milley-china-calls")
    notes = analysis.annotate_story(story)
    blog = notes["blog"]
    post = next(b for b in blog.blocks if b["kind"] == "embedded_post" and "secret" in b["text"].lower())
    inside = blog.loaded[(blog.loaded["start"] >= post["body_start"]) & (blog.loaded["end"] <= post["body_end"])]
    assert len(inside) and set(inside["voice"]) == {"quoted"}
    # the loaded-language chart counts exactly the annotation's words, by category and voice
    features = analysis.article_features(story)
    _, data = analysis.loaded_language_chart(story, features=features)
    words = features.set_index("article_id")["words"]
    for article_id, note in notes.items():
        counted = note.loaded.groupby(["category", "voice"]).size()
        charted = data[data["article_id"] == article_id].set_index(["category", "voice"])["per_1000"]
        for (category, voice), per_1000 in charted.items():
            assert round(per_1000 * words[article_id] / 1000) == counted.get((category, voice), 0), (
                article_id, category, voice)


def test_a_plain_text_and_a_mapping_can_be_annotated():
    note = analysis.annotate("“We will not attack,” Milley told Li.")
    assert note.metadata["article_id"] == "" and note.blocks == []
    assert note.attributions["source"].tolist() == ["Milley"]
    mapping = analysis.annotate({"article_id": "x", "body": "Officials said it was fine."})
    assert mapping.article_id == "x" and len(mapping.sentiment) == 1
    with pytest.raises(TypeError, match="needs an article"):
        analysis.annotate({"article_id": "x"})


def test_actors_resolve_sources_and_mentions():
    text = "The general said nothing. Officials praised the general and Milley."
    plain = analysis.annotate(text)
    with_actors = analysis.annotate(text, {"Milley": ["Milley", "the general"]})
    assert plain.toward.empty and with_actors.toward["target"].tolist() == ["Milley", "Milley"]
    assert plain.attributions["source_resolved"].tolist()[0] == "general"  # a description, without its article
    assert with_actors.attributions["source_resolved"].tolist()[0] == "Milley"
    table = pd.DataFrame({"actor": ["Milley", "Milley"], "name": ["Milley", "the general"]})
    assert analysis.annotate(text, table).attributions["source_resolved"].tolist()[0] == "Milley"


def test_a_reader_attribution_without_source_words_takes_its_speakers_type():
    from analysis.annotation import annotate_story
    from analysis.stories.story import load_story

    notes = annotate_story(load_story("milley-china-calls"))
    found = notes["blog"].attributions.set_index("cue")
    # "I'm told this (what Jennifer tweeted) is not true": the teller is the senior Trump
    # administration official, whom the blog quotes elsewhere as an unnamed official
    assert found.loc["I’m told", "source"] == "" and found.loc["I’m told", "source_type"] == "anonymous"
