"""Tests for analysis.present (figures) and analysis.pipelines.build: the data behind each figure,
and deterministic output."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import yaml

import analysis.annotation as annotation_module
from analysis.annotation import annotate_story
from analysis.measures.features import article_features
from analysis.paths import FIGURES_DIR, MODEL_DIR
from analysis.pipelines.build import make_figures
from analysis.present.figures import FIGURES, save_figure
from analysis.present.report import story_report
from analysis.present.style import blind_letters
from analysis.present.text_charts import structure_chart
from analysis.stories.story import article_labels, load_story
from analysis.text.parse import count_words
from analysis.text.parse import sentences as analysis_sentences
from paths import TEST_CORPUS, TEST_STORY


def test_article_structure_data_matches_hand_counts():
    fig, data = structure_chart(load_story(TEST_STORY, corpus_dir=TEST_CORPUS))
    plt.close(fig)
    row = data.set_index("article_id").loc["parents-blog"]
    # Counted by eye in tests/fixtures/corpus/school-board-vote/parents-blog.txt
    assert row["sentences"] == 6
    assert row["paragraphs"] == 4
    assert row["embedded_posts"] == 1
    assert row["embedded_words"] == 13
    assert row["removed_words"] == 3
    assert row["set_aside_words"] == 6  # Maria Gomez @mariag March 2 2024
    assert row["words"] == 44
    assert row["own_words"] == 31
    assert data["label"].tolist() == ["Riverside Gazette", "Unnamed blog", "Riverside School District"]


def test_seed_structure_matches_an_independent_count():
    story = load_story("milley-china-calls")
    corpus = story.articles
    fig, data = structure_chart(story)
    plt.close(fig)
    for article, row in zip(corpus.itertuples(), data.itertuples()):
        independent = len([w for w in article.body.split() if any(c.isalnum() for c in w)])
        assert abs(row.words - independent) / independent < 0.05, article.article_id
    assert (data["own_words"] + data["embedded_words"] == data["words"]).all()


def test_the_committed_figures_and_pages_are_what_make_figures_draws_from_one_annotation_pass(tmp_path, monkeypatch):
    """Every figure, its data and both story pages, drawn afresh, equal the committed files byte for
    byte (so drawing is deterministic across runs and the committed figures are current), from one
    annotation pass of the story's articles."""
    calls = []
    real = annotation_module.annotate
    monkeypatch.setattr(annotation_module, "annotate", lambda article, actors=None: (
        calls.append(article.article_id), real(article, actors))[1])
    story = load_story("milley-china-calls")
    written = make_figures(story, out_dir=tmp_path)
    assert sorted(calls) == sorted(story.article_ids)  # figures, features and both pages shared one pass
    article_features(story)
    story_report(story, figures=False)
    assert len(calls) == len(story.article_ids)  # the same Story object is never annotated again
    committed = FIGURES_DIR / story.name
    screenshots = {"report.png", "blind.png"}  # made in a browser: python -m analysis report --screenshot
    assert {p.name for p in written} == {p.name for p in committed.iterdir()} - screenshots
    for path in written:
        assert path.read_bytes() == (committed / path.name).read_bytes(), f"{path.name}: run make figures"
    assert not list(tmp_path.glob(".*"))


def test_count_words_agrees_with_structure_for_synthetic_text():
    assert count_words("Seven minutes of public comment for a decision that changes 300 lives. Shameful.") == 13


def test_seed_distinctive_words_counts_match_a_plain_text_search():
    corpus = load_story("milley-china-calls").articles.set_index("article_id")
    data = pd.read_csv(FIGURES_DIR / "milley-china-calls" / "distinctive_words.csv")
    checked = 0
    for row in data.itertuples():
        if not re.fullmatch(r"[a-z]+( [a-z]+)?", row.term):
            continue
        # whole words; "didn't" and "Esper's" hold the words "did" and "esper" (the tokenizer
        # splits off "n't" and "'s"); "@axios" is a handle, not the word
        pattern = r"(?<![\w'’@#-])" + row.term.replace(" ", r"\s+") + r"(?!(?!n['’]t\b)[\w-])"
        bodies = {a: b.lower() for a, b in corpus["body"].items()}
        assert len(re.findall(pattern, bodies[row.article_id])) == row.count, (row.article_id, row.term)
        others = sum(len(re.findall(pattern, b)) for a, b in bodies.items() if a != row.article_id)
        assert others == row.count_others, (row.article_id, row.term)
        checked += 1
    assert checked >= 30


def test_seed_similarity_is_symmetric_and_blog_pairs_with_the_site_that_copies_it():
    data = pd.read_csv(FIGURES_DIR / "milley-china-calls" / "article_similarity.csv")
    matrix = data.pivot(index="article_a", columns="article_b", values="cosine")
    assert (matrix == matrix.T).all().all()
    off = matrix.where(~pd.DataFrame(np.eye(len(matrix), dtype=bool), index=matrix.index, columns=matrix.columns))
    # the conservative site quotes the same Axios report and Rogin tweets as the blog
    assert off.stack().idxmax() in {("blog", "conservative-site"), ("conservative-site", "blog")}


def _committed(name):
    return pd.read_csv(FIGURES_DIR / "milley-china-calls" / f"{name}.csv")


def test_seed_sentiment_arc_is_vader_on_each_sentence():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    corpus = load_story("milley-china-calls").articles.set_index("article_id")
    data = _committed("sentiment_arc")
    for article_id, body in corpus["body"].items():
        mine = data[data["article_id"] == article_id]
        sentences = analysis_sentences(body)
        assert len(mine) == len(sentences)
        for row, sentence in zip(mine.itertuples(), sentences.itertuples()):
            assert row.compound == pytest.approx(analyser.polarity_scores(sentence.text)["compound"], abs=1e-3)
            assert row.position == pytest.approx(sentence.start / len(body), abs=1e-3)


def test_seed_historical_analogies_are_where_the_text_has_them():
    corpus = load_story("milley-china-calls").articles.set_index("article_id")
    data = _committed("loaded_language")
    analogy = data[data["category"] == "historical_analogy"].groupby("article_id")["per_1000"].sum()
    # the WSWS article alone compares January 6 to the Reichstag fire
    assert {a for a, v in analogy.items() if v > 0} == {a for a, b in corpus["body"].items() if "Reichstag" in b}


def test_seed_mentions_are_the_readers_tone_marks():
    reading = load_story("milley-china-calls").reading
    tone = reading[reading["layer"] == "tone"]
    data = _committed("sentiment_toward_actors")
    for row in data.itertuples():
        mine = tone[(tone["article"] == row.article_id) & (tone["speaker"] == row.actor)]
        assert row.mentions == len(mine), row
        assert np.isnan(row.score) == (row.mentions == 0)
        if len(mine):  # the reader's labels as -1, 0, +1, and the model's neutral pseudo-mentions
            total = mine["label"].map({"negative": -1, "neutral": 0, "positive": 1}).sum()
            assert row.score == pytest.approx(total / (len(mine) + TONE_MODEL["pseudo_mentions"]), abs=1e-3)
            assert row.low <= row.score <= row.high
            assert row.label == ("negative" if row.score < TONE_MODEL["negative_below"] else
                                 "positive" if row.score > TONE_MODEL["positive_above"] else "neutral")
            assert row.certain == (row.label == _band(row.low) == _band(row.high))


TONE_MODEL = yaml.safe_load((MODEL_DIR / "article_tone.yml").read_text(encoding="utf-8"))


def _band(score):
    return ("negative" if score < TONE_MODEL["negative_below"] else
            "positive" if score > TONE_MODEL["positive_above"] else "neutral")


def test_seed_who_speaks_counts_agree_with_each_other_and_with_the_posts():
    data = _committed("who_speaks")
    totals = data.groupby(["article_id", "kind"])["count"].sum().unstack()
    assert (totals["stance"] == totals["source_type"]).all()
    story = load_story("milley-china-calls")
    notes = annotate_story(story)
    for article in story.articles.itertuples():
        found = notes[article.article_id].attributions
        for block in article.blocks:
            if block["kind"] == "embedded_post":  # every embedded tweet is the content of some attribution
                assert ((found["content_start"] < block["body_end"]) & (found["content_end"] > block["body_start"])
                        ).any(), (article.article_id, block["text"][:60])


def test_seed_key_measures_quoted_share_matches_a_plain_text_count():
    corpus = load_story("milley-china-calls").articles
    named, blind = _committed("key_measures"), _committed("key_measures_blind")
    labels, letters = article_labels(corpus), blind_letters(corpus["article_id"])
    for article in corpus.itertuples():
        body = article.body
        # a quotation: from an opening mark to the next closing mark, or to the end of its paragraph
        spans = [(m.start(), m.end()) for m in re.finditer(r'[“"][^”"\n]*(?:[”"]|(?=\n)|$)', body)]
        spans += [(b["body_start"], b["body_end"]) for b in article.blocks if b["kind"] in ("embedded_post", "quotation")]
        words = list(re.finditer(r"[A-Za-z0-9][\w'’-]*", body))
        share = sum(any(s <= w.start() < e for s, e in spans) for w in words) / len(words)
        mine = named[(named["article"] == labels[article.article_id]) & (named["measure"] == "quoted_word_share")]
        assert mine["value"].iloc[0] == pytest.approx(share, abs=0.01), article.article_id
        # the blind figure shows the same numbers under a letter
        same = blind[blind["article"] == letters[article.article_id]].set_index("measure")["value"]
        assert same.to_dict() == named[named["article"] == labels[article.article_id]].set_index("measure")[
            "value"].to_dict()


def test_key_measures_draw_shares_and_tone_on_their_whole_scale():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    fig, _ = FIGURES["key_measures"](story)
    panels = {axis.get_title(loc="left"): axis for axis in fig.axes if axis.get_visible()}
    assert panels["mean sentence tone"].get_xlim() == (-1, 1)  # a difference of 0.1 looks like one
    for title in ("words in quotation", "attributions to anonymous sources"):
        low, high = panels[title].get_xlim()
        labels = [tick.get_text() for tick in panels[title].get_xticklabels()]
        assert low == 0 and high >= 1 and labels[-1] == "100%", title
    plt.close(fig)


def test_tone_cells_on_fewer_than_three_mentions_are_not_coloured():
    story = load_story("milley-china-calls")
    fig, data = FIGURES["sentiment_toward_actors"](story)
    colours = fig.axes[0].images[0].get_array()
    shown = [label.get_text().removesuffix(" (a work)") for label in fig.axes[0].get_yticklabels()]
    table = data.pivot(index="actor", columns="article_id", values="mentions").reindex(
        index=shown, columns=story.article_ids)
    assert (colours.mask == (table.to_numpy() < 3)).all()  # no mention (no score) is fewer than three too
    assert 0 < colours.mask.sum() < colours.size
    plt.close(fig)


def test_loaded_language_bars_say_how_many_words_on_every_panel():
    story = load_story("milley-china-calls")
    fig, data = FIGURES["loaded_language"](story)
    rows = annotate_story(story)["wsws"].rows["loaded"]
    counted = data[data["article_id"] == "wsws"].groupby(["category", "voice"])["count"].sum()
    for (category, voice), count in counted.items():  # the chart's counts are the marked words
        assert count == sum(1 for r in rows if r["category"] == category and r["voice"] == voice), (category, voice)
    panels = [axis for axis in fig.axes if axis.get_visible()]
    for axis in panels:
        assert all(label.get_visible() and label.get_text() for label in axis.get_xticklabels()), axis.get_title()
        written = [text.get_text().strip() for text in axis.texts]
        assert len(written) == len(story.article_ids)  # one label a bar, "0" for none
        assert all(re.fullmatch(r"0|\d+ \(\d+\.\d\)", w) for w in written), written
    plt.close(fig)


def test_similarity_tree_leaves_are_named_in_the_order_of_the_cells_on_a_0_to_1_scale():
    for story in (load_story("milley-china-calls"), load_story(TEST_STORY, corpus_dir=TEST_CORPUS)):
        fig, data = FIGURES["article_similarity"](story)
        tree, cells = fig.axes[0], fig.axes[1]
        leaves = sorted((label.get_position()[1], label.get_text()) for label in tree.get_yticklabels())
        assert [name for _, name in leaves] == [label.get_text() for label in cells.get_xticklabels()]
        assert cells.images[0].get_clim() == (0, 1)
        first = data["article_a"].iloc[0]
        assert leaves[0][1] == story.labels[first]  # the top row is the first of the plotted order
        plt.close(fig)


def test_a_work_is_shown_apart_from_the_people_in_the_tone_chart(tmp_path):
    story = load_story("milley-china-calls")
    assert story.actors.loc[story.actors["work"], "actor"].unique().tolist() == ["Peril"]
    fig, _ = FIGURES["sentiment_toward_actors"](story)
    names = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert names[-1] == "Peril (a work)" and "Peril" not in names
    assert len(fig.axes[0].lines) == 1  # the line above the works
    plt.close(fig)


def test_the_sentiment_arc_line_bends_without_notches():
    """Two sentences starting close together ("Yes, sir." after a long one) made the old
    five-sentence mean drop or jump at one point; the line is now smooth in position."""
    fig, data = FIGURES["sentiment_arc"](load_story("milley-china-calls"))
    for axis in fig.axes:
        line = axis.lines[-1]
        steps = np.abs(np.diff(line.get_ydata())) / np.diff(line.get_xdata())
        assert steps.max() < 20, axis.get_title()  # the tone changes by under 0.1 per 0.5% of the article
    assert data["smoothed"].between(data["compound"].min(), data["compound"].max()).all()
    plt.close(fig)


def test_every_panel_of_the_structure_chart_writes_its_numbers():
    story = load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    fig, data = structure_chart(story)
    words, sentences, length = fig.axes[:3]
    blog = [t.get_text() for t in words.texts if "pasted in" in t.get_text()]
    assert blog == [" 44 words, 13 pasted in; 3 removed"]  # counted by eye, as in the first test
    for axis in (words, sentences, length):
        assert len(axis.texts) == len(data), axis.get_title()
    plt.close(fig)


def test_a_figure_csv_does_not_hand_a_spreadsheet_a_formula(tmp_path):
    # a distinctive word or an outlet name a user typed can start with "=", "+", "-" or "@"
    fig, ax = plt.subplots()
    data = pd.DataFrame({"term": ["=HYPERLINK(\"x\")", "@handle", "-gate", "plain"], "z": [-1.5, 2.0, 0.0, 1.0]})
    save_figure(fig, data, "words", tmp_path, svg=False)
    plt.close(fig)
    lines = (tmp_path / "words.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["term,z", "\"'=HYPERLINK(\"\"x\"\")\",-1.5", "'@handle,2.0", "'-gate,0.0", "plain,1.0"]
