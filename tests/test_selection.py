"""Tests for analysis.measures.selection: naming choices, fact coverage, headline and lead."""

import pandas as pd
import pytest

from analysis.errors import CorpusError
from analysis.measures.selection import (aligned_coverage, alignment_check, fact_coverage, headline_and_lead,
                                         naming_choices, naming_table)
from analysis.stories.story import load_facts, load_naming, load_story
from paths import TEST_CORPUS, TEST_STORY


def articles(**bodies):
    return pd.DataFrame({"article_id": list(bodies), "body": list(bodies.values())})


def test_naming_choices_in_the_synthetic_story():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    choices = naming_choices(story)
    found = {(r.referent, r.variant, r.article_id): r.count for r in choices.itertuples()}
    # read by eye in tests/fixtures/corpus/school-board-vote/*.txt (bodies only: headlines are set aside)
    assert found == {("The decision", "close", "gazette"): 1, ("The decision", "close", "parents-blog"): 1,
                     ("The decision", "consolidate", "district-news"): 1,
                     ("The board", "school board", "gazette"): 1, ("The board", "school board", "parents-blog"): 1,
                     ("The board", "the board", "parents-blog"): 1,
                     ("The board", "Board of Education", "district-news"): 1}
    blog = choices[(choices["article_id"] == "parents-blog") & (choices["variant"] == "close")].iloc[0]
    assert blog["examples"] == "shut down"
    table = naming_table(choices, story.article_ids)
    assert table.loc["The board", "parents-blog"] == "school board (1), the board (1)"
    assert table.loc["The decision", "district-news"] == "consolidate (1)"


def test_story_without_naming_or_facts_files(story_copy):
    (story_copy / "naming.yml").unlink()
    story = load_story(TEST_STORY, corpus_dir=story_copy.parent)
    assert story.naming.empty and list(story.naming.columns) == ["referent", "variant", "term"]
    assert naming_choices(story).empty
    assert story.facts.empty and list(story.facts.columns) == ["fact_id", "fact", "patterns"]
    assert set(fact_coverage(story)["method"]) <= {"aligned"}


@pytest.mark.parametrize("text, message", [
    ("referents:\n  The board: [school board]\n", "referent 'The board' needs its variants"),
    ("referents: [a, b]\n", "must start with 'referents:' followed by a mapping"),
    ("referents:\n  The board:\n    school board: school board\n", "referent 'The board' needs its variants"),
    ("referents:\n  x: {a: [b]\n", "line 3: not valid YAML"),
])
def test_bad_naming_file_is_one_clear_error(story_copy, text, message):
    (story_copy / "naming.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as error:
        load_naming(TEST_STORY, story_copy.parent)
    assert "naming.yml" in str(error.value)


@pytest.mark.parametrize("text, message", [
    ("facts:\n  - id: a\n    fact: b\n", "needs exactly three fields"),
    ("facts:\n  - id: a\n    fact: b\n    patterns: [close]\n", "patterns must be a list of lists"),
    ("facts:\n  - {id: a, fact: b, patterns: [[close]]}\n  - {id: a, fact: c, patterns: [[vote]]}\n",
     "fact id 'a' is used twice"),
])
def test_bad_facts_file_is_one_clear_error(story_copy, text, message):
    (story_copy / "facts.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_facts(TEST_STORY, story_copy.parent)


def test_curated_coverage_finds_the_first_sentence_and_its_position(story_copy):
    (story_copy / "facts.yml").write_text(
        "facts:\n"
        "  - id: closed\n    fact: The school is closed\n    patterns: [[close, school], [shut down]]\n"
        "  - id: savings\n    fact: The plan saves money\n    patterns: [[save]]\n", encoding="utf-8")
    story = load_story(TEST_STORY, corpus_dir=story_copy.parent)
    coverage = fact_coverage(story)
    assert set(coverage["method"]) == {"curated"}
    carried = {(r.fact_id, r.article_id): r.carried for r in coverage.itertuples()}
    assert carried == {("closed", "gazette"): True, ("closed", "parents-blog"): True,
                       ("closed", "district-news"): False, ("savings", "gazette"): False,
                       ("savings", "parents-blog"): False, ("savings", "district-news"): True}
    row = coverage[(coverage["fact_id"] == "closed") & (coverage["article_id"] == "parents-blog")].iloc[0]
    body = story.articles.set_index("article_id").loc["parents-blog", "body"]
    assert row["sentence"].startswith("They shut down our school")
    assert row["position"] == pytest.approx(body.index("They shut down") / len(body), abs=1e-3)


def test_aligned_coverage_groups_shared_sentences():
    corpus = articles(
        a="Esper ordered a back channel message to China. The weather was fine.",
        b="Markets rose on Monday. Esper ordered a back channel message to China, the report said.",
        c="Nothing here is about that at all.")
    coverage = aligned_coverage(corpus)
    assert coverage["fact_id"].unique().tolist() == ["auto-1"]
    carried = dict(zip(coverage["article_id"], coverage["carried"]))
    assert carried == {"a": True, "b": True, "c": False}
    assert coverage.set_index("article_id").loc["b", "sentence_id"] == 1
    assert aligned_coverage(corpus, threshold=1.01).empty


def test_alignment_check_by_hand():
    corpus = articles(a="Esper ordered a back channel message. Rain fell.",
                      b="Esper ordered a back channel message today. Rain fell too.")
    facts = pd.DataFrame([{"fact_id": "esper", "fact": "Esper's message", "patterns": [["Esper"]]}])
    check = alignment_check(corpus, facts, thresholds=(0.5,)).iloc[0]
    # cross-article pairs: 2 x 2 = 4; the two Esper sentences share the fact; both pairs of
    # like sentences are linked, so one of two links is right and the one fact pair is found
    assert check["links"] == 2 and check["precision"] == 0.5 and check["recall"] == 1.0
    assert check["share_of_pairs_linked"] == 0.5


def test_seed_story_coverage_agrees_with_a_plain_text_search():
    story = load_story("milley-china-calls", automatic=True)  # the curated patterns, not the reading
    corpus = story.articles
    coverage = fact_coverage(story)
    assert set(coverage["method"]) == {"curated"}
    treason = coverage[coverage["fact_id"] == "treason"].set_index("article_id")["carried"]
    assert treason.to_dict() == {a: "treason" in b.lower() for a, b in zip(corpus["article_id"], corpus["body"])}
    peril = coverage[coverage["fact_id"] == "book-peril"].set_index("article_id")["carried"]
    assert peril.to_dict() == {a: any(w in b for w in ("Peril", "Woodward", "Costa"))
                               for a, b in zip(corpus["article_id"], corpus["body"])}
    for row in coverage[coverage["carried"]].itertuples():
        body = corpus.set_index("article_id").loc[row.article_id, "body"]
        assert row.position == pytest.approx(body.index(row.sentence) / len(body), abs=1e-3)


def test_headline_and_lead_of_the_synthetic_story():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    table = headline_and_lead(load_story(TEST_STORY, corpus_dir=TEST_CORPUS))
    parts = {(r.article_id, r.part): r for r in table.itertuples()}
    assert ("parents-blog", "headline") not in parts  # the blog's title is unknown
    assert ("gazette", "headline") in parts and ("gazette", "rest") in parts
    headline = parts[("gazette", "headline")]
    # the tokenizer reads "4-3" as two numbers, so 9 words
    assert headline.text == "Board votes 4-3 to close Elm Street School" and headline.words == 9
    assert headline.mean_sentiment == pytest.approx(
        SentimentIntensityAnalyzer().polarity_scores(headline.text)["compound"], abs=1e-3)
    lead = parts[("gazette", "lead")]
    assert lead.text.startswith("The school board voted 4-3") and lead.text.endswith('called "reckless."')
    # counted by hand: 26 words ("4-3" is two), two of them loaded ("angry", and the quoted "reckless")
    assert lead.words == 26 and lead.loaded_per_1000 == pytest.approx(2000 / 26, abs=0.1)
    blog_lead = parts[("parents-blog", "lead")]
    assert blog_lead.most_negative_sentiment < 0  # "Another shameful night at the school board."
    assert set(table["marks"]) == {"automatic, unreviewed"}  # the test story has no reading


def test_a_reviewed_storys_headline_rows_say_the_program_marked_them():
    table = headline_and_lead(load_story("milley-china-calls"))
    origins = table.groupby("part")["marks"].agg(set).to_dict()
    assert origins == {"headline": {"automatic, unreviewed"}, "lead": {"reviewed by a reader"},
                       "rest": {"reviewed by a reader"}}


def test_a_reviewed_story_places_each_fact_where_the_reader_marked_it_first():
    story = load_story("milley-china-calls")
    coverage = fact_coverage(story).set_index(["fact_id", "article_id"])
    assert set(coverage["method"]) == {"reading"}
    marks = story.reading[story.reading["layer"] == "fact"]
    bodies = dict(zip(story.articles["article_id"], story.articles["body"]))
    for (fact_id, article_id), row in coverage.iterrows():
        mine = marks[(marks["label"] == fact_id) & (marks["article"] == article_id)]
        assert row["carried"] == (len(mine) > 0)
        if len(mine):
            first = mine.sort_values("start").iloc[0]
            # the coverage sentence is the sentence holding the start of the reader's first mark
            assert first["text"].strip()[:20] in row["sentence"]
            body = bodies[article_id]
            # the position is where the reader's mark starts (rounded to 3 decimals), not its sentence
            assert row["position"] == pytest.approx(first["start"] / len(body), abs=0.0006)
            sentence_start = body.find(row["sentence"])
            assert sentence_start <= first["start"] < sentence_start + len(row["sentence"])
            assert row["partial"] == str(first["note"]).lower().startswith("partial:") or "pass: partial:" in str(
                first["note"]).lower()
    # hand-checked: Newsweek names Pelosi's concern about the codes but no meeting on procedures
    assert coverage.loc[("nuclear", "newsweek"), "partial"] and not coverage.loc[("two-calls", "newsweek"), "partial"]
    # Global Times' promise to warn is inside a quotation whose sentence begins at 19% of the text;
    # the reader's mark, "If we [the US] are going to attack...", starts at 23%
    assert coverage.loc[("promise-to-warn", "global-times"), "position"] == pytest.approx(0.231, abs=0.001)
