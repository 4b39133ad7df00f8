"""Tests for analysis.measures.features: one row per article, rates checked by hand."""

import math

from analysis.detectors.loaded import loaded_terms
from analysis.measures.features import article_features, loaded_categories, per_1000, slug
from analysis.stories.story import load_story
from paths import TEST_CORPUS, TEST_STORY


def test_one_row_per_article_with_documented_columns():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    features = article_features(story)
    assert features["article_id"].tolist() == ["gazette", "parents-blog", "district-news"]
    for category in loaded_categories():
        assert f"loaded_{category}_own_per_1000" in features.columns
    for actor in story.actor_names:
        assert f"toward_{slug(actor)}" in features.columns and f"mentions_{slug(actor)}" in features.columns


def test_rates_match_an_independent_count():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    features = article_features(story).set_index("article_id")
    blog = story.articles.set_index("article_id").loc["parents-blog"]
    # parents-blog: 44 words (counted by eye); the embedded post is a quoted voice.
    assert features.loc["parents-blog", "words"] == 44
    post = blog["body"].index("Seven minutes")
    hits = loaded_terms(blog["body"], quoted_spans=[(post, post + 81)])
    assert features.loc["parents-blog", "loaded_per_1000"] == per_1000(len(hits), 44)
    assert features.loc["parents-blog", "loaded_quoted_per_1000"] == per_1000(int((hits["voice"] == "quoted").sum()), 44)
    # "Shameful" inside the embedded post is quoted; "shameful" in the blogger's first line is its own voice.
    own = set(hits.loc[hits["voice"] == "own", "term"].str.lower())
    quoted = set(hits.loc[hits["voice"] == "quoted", "term"].str.lower())
    assert "shameful" in own and "shameful" in quoted


def test_sentiment_toward_actors_and_missing_actors():
    features = article_features(load_story(TEST_STORY, corpus_dir=TEST_CORPUS)).set_index("article_id")
    # the gazette names Tom Lee twice, both times as the one speaking ("Tom Lee said", "Lee told
    # reporters"): what he says is not the writer's tone toward him, so neither mention counts
    assert features.loc["gazette", "mentions_tom_lee"] == 0
    assert math.isnan(features.loc["gazette", "toward_tom_lee"])
    # "The school board voted": the board in the writer's own words counts
    assert features.loc["gazette", "mentions_the_board"] == 1
    low, score, high = (features.loc["gazette", f"{column}_the_board"]
                        for column in ("toward_low", "toward", "toward_high"))
    assert -1 <= low < score < high <= 1
    assert features.loc["district-news", "mentions_tom_lee"] == 0


def test_seed_story_features():
    features = article_features(load_story("milley-china-calls")).set_index("article_id")
    assert features.loc["blog", "rhetorical_questions"] >= 2
    assert features.loc["wsws", "loaded_historical_analogy_own_per_1000"] > 0   # "police state", "Hitler"
    assert features.loc["global-times", "hedges_per_1000"] > 0
    assert features.loc["newsweek", "loaded_name_calling_quoted_per_1000"] > 0   # "dumb***", "nutjob" quoted
    assert features.loc["newsweek", "loaded_name_calling_own_per_1000"] == 0


def test_the_first_and_last_word_go_to_speakers_not_quoted_inside_another():
    from analysis.measures.features import attribution_summary
    from analysis.text.document import parse_text

    text = 'Song said: "Many people are anxious about it." Li said it was fine. "Trump fears it," Wu said.'
    doc = parse_text(text)

    def row(source, cue, content, resolved):
        return {"source_start": text.index(source), "cue_start": text.index(cue),
                "content_start": text.index(content), "content_end": text.index(content) + len(content),
                "source_resolved": resolved, "source_type": "named person", "stance": "neutral"}
    rows = [row("Song", "said:", '"Many people are anxious about it."', "Song"),
            row("Many people", "anxious", "about it", "many people"),
            row("Li", "said it", "it was fine", "Li"),
            row("Trump", "fears", "it,", "Trump"),  # inside Wu's quotation
            row("Wu", "said.", '"Trump fears it,"', "Wu")]
    rows.sort(key=lambda r: r["source_start"])
    summary = attribution_summary(rows, doc)
    assert (summary["first_word"], summary["last_word"]) == ("Song", "Wu")
    assert summary["distinct_sources"] == 5  # nested speakers still count as sources


def test_naming_choices_skip_a_denied_name():
    from analysis.measures.selection import naming_choices

    story = load_story("milley-china-calls")
    choices = naming_choices(story)
    rogue = choices[(choices["variant"] == "going rogue")]
    # the blog and The Political Insider only ever deny it: "Milley was absolutely not going
    # rogue" / "not renegade" (read in the texts); no other article uses the name
    assert rogue.empty


def test_distinct_sources_count_one_speaker_per_person():
    from analysis.detectors.attribution.speakers import distinct_speakers
    from analysis.measures.features import attribution_summary
    from analysis.text.document import parse_text

    names = ["Mark Esper", "Esper", "sources", "one of the sources", "Milley", "senior defense official",
             "military expert who requested to remain anonymous", "", "Trump"]
    # Esper once, the unnamed sources once (same head noun), an unnamed official and an expert apart
    assert distinct_speakers(names) == ["Mark Esper", "sources", "Milley", "senior defense official",
                                        "military expert who requested to remain anonymous", "Trump"]
    text = "Esper said it was late. Mark Esper said it again. The sources said no. One of the sources said yes."
    rows = [{"source_start": 0, "cue_start": 6, "content_start": 11, "content_end": 22, "source_resolved": "Esper",
             "source_type": "named person", "stance": "neutral"},
            {"source_start": 24, "cue_start": 35, "content_start": 40, "content_end": 48,
             "source_resolved": "Mark Esper", "source_type": "named person", "stance": "neutral"},
            {"source_start": 50, "cue_start": 62, "content_start": 67, "content_end": 69,
             "source_resolved": "sources", "source_type": "anonymous", "stance": "neutral"},
            {"source_start": 71, "cue_start": 90, "content_start": 95, "content_end": 98,
             "source_resolved": "sources", "source_type": "anonymous", "stance": "neutral"}]
    assert attribution_summary(rows, parse_text(text))["distinct_sources"] == 2
