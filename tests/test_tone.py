"""Tone toward an actor over a whole article: the measure, its interval and label, and how its
parameters are chosen and evaluated (on the small hand-made BASIL sample in tests/fixtures/data)."""

import math
import re

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.detectors.tone import MIN_MENTIONS, article_tone, tone_label, tone_parameters, tones_by_actor
from analysis.measures.agreement import tone_cells
from analysis.measures.features import article_features, slug
from analysis.paths import FIGURES_DIR, MODEL_DIR, ROOT
from analysis.stories.story import load_story
from analysis.training import article_tone as training
from paths import FIXTURES, TEST_CORPUS, TEST_STORY

DATA = FIXTURES / "data"
BAND = {"pseudo_mentions": 3, "negative_below": -0.1, "positive_above": 0.1}


def mentions(*scores, weight=1):
    return [{"score": score, "weight": weight} for score in scores]


def test_the_score_adds_neutral_pseudo_mentions_to_the_counted_mentions():
    # four clearly negative mentions and three neutral pseudo-mentions: -4 / 7
    assert article_tone(mentions(-1, -1, -1, -1), BAND)["score"] == pytest.approx(-4 / 7, abs=1e-4)
    # mentions that do not count (a speaker, the actor's own words) change nothing
    counted = article_tone(mentions(-1, -1, -1, -1) + mentions(1, 1, weight=0), BAND)
    assert counted["score"] == pytest.approx(-4 / 7, abs=1e-4) and counted["mentions"] == 4
    none = article_tone(mentions(0.5, weight=0), BAND)
    assert math.isnan(none["score"]) and none["mentions"] == 0 and none["label"] == "" and not none["certain"]


def test_the_interval_holds_the_score_and_narrows_as_agreeing_mentions_add_up():
    widths = []
    for n in (1, 3, 10, 40):
        tone = article_tone(mentions(*[-0.5] * n), BAND)
        assert -1 <= tone["low"] <= tone["score"] <= tone["high"] <= 1
        widths.append(tone["high"] - tone["low"])
    assert widths == sorted(widths, reverse=True) and widths[-1] < widths[0] / 3
    # mentions that disagree leave a wider interval than as many that agree
    mixed = article_tone(mentions(*[-1, 1] * 5), BAND)
    alike = article_tone(mentions(*[0] * 10), BAND)
    assert mixed["high"] - mixed["low"] > 2 * (alike["high"] - alike["low"])


def test_the_label_is_certain_only_when_the_whole_interval_lies_in_its_band():
    one = article_tone(mentions(-0.9), BAND)  # one mention: an anecdote
    assert one["label"] == "negative" and not one["certain"]
    many = article_tone(mentions(*[-0.9] * 30), BAND)
    assert many["label"] == "negative" and many["certain"] and many["high"] < BAND["negative_below"]
    assert [tone_label(v, BAND) for v in (-0.2, -0.1, 0.0, 0.1, 0.2, float("nan"))] == [
        "negative", "neutral", "neutral", "neutral", "positive", ""]


def test_tones_by_actor_reads_each_actor_s_rows_and_the_shipped_parameters():
    rows = [{"target": "A", "score": -0.8, "weight": 1}, {"target": "B", "score": 0.6, "weight": 1},
            {"target": "A", "score": -0.4, "weight": 1}, {"target": "C", "score": 0.9, "weight": 1}]
    tones = tones_by_actor(rows, ["A", "B", "D"])
    assert list(tones) == ["A", "B", "D"]
    k = tone_parameters()["pseudo_mentions"]
    assert tones["A"]["score"] == pytest.approx(-1.2 / (2 + k), abs=1e-4) and tones["A"]["mentions"] == 2
    assert tones["D"]["mentions"] == 0


def test_the_band_is_the_one_that_separates_the_labels_best():
    scores = [-0.4, -0.35, -0.3, 0.0, 0.02, -0.03, 0.05, 0.3, 0.45]
    gold = ["negative"] * 3 + ["neutral"] * 4 + ["positive"] * 2
    low, high = training.fit_band(scores, gold)
    assert -0.3 < low <= -0.03 and 0.05 <= high < 0.3
    assert training.macro_f1(gold, training.banded(scores, low, high)) == 1.0
    assert training.macro_f1(["neutral", "negative"], ["neutral", "neutral"]) == pytest.approx((0 + 2 / 3 + 0) / 3)


def test_basil_rows_evaluation_and_training_on_the_small_sample(tmp_path):
    rows = training.basil_tone_rows(DATA)
    # five hand-made articles, one entity each; "The senator launched a vicious attack"
    assert [(row["entity"], row["label"]) for row in rows] == [
        ("The senator", "negative"), ("Critics", "neutral"), ("The governor", "neutral"),
        ("The embattled mayor", "negative"), ("The report", "neutral")]
    assert rows[0]["mentions"] and rows[0]["mentions"][0]["mention"] == "The senator"
    result, = training.evaluate_article_tone(DATA, rounds=50)
    assert 0 <= result["value"] <= 1 and "5 article-entity pairs" in result["dataset"]
    model = training.train_article_tone(DATA, out_dir=tmp_path)
    written = yaml.safe_load((tmp_path / "article_tone.yml").read_text(encoding="utf-8"))
    assert written == model and written["pseudo_mentions"] in training.PSEUDO_MENTIONS
    assert written["negative_below"] <= written["positive_above"]
    assert np.isclose(training.CUTS, written["negative_below"]).any()


def test_entity_names_find_a_person_by_surname_but_not_a_group_by_its_last_word():
    assert training.entity_names("Michael Steele") == ["Michael Steele", "Steele"]
    assert training.entity_names("Obama administration") == ["Obama administration"]
    assert training.entity_names("Secure America Now") == ["Secure America Now"]


def test_tone_cells_set_the_reader_s_chart_beside_the_program_s():
    story = load_story("milley-china-calls")
    cells = tone_cells(story)
    chart = pd.read_csv(FIGURES_DIR / story.name / "sentiment_toward_actors.csv", keep_default_na=False)
    chart = chart.set_index(["actor", "article_id"])
    program = article_features(load_story("milley-china-calls", automatic=True)).set_index("article_id")
    assert len(cells) > 10
    for cell in cells.itertuples():
        assert max(cell.reader_mentions, cell.program_mentions) >= MIN_MENTIONS
        drawn = chart.loc[(cell.actor, cell.article)]  # the lesson's chart is the reader's
        assert (cell.reader, cell.reader_mentions) == (drawn["label"], drawn["mentions"])
        score = program.loc[cell.article, f"toward_{slug(cell.actor)}"]
        assert cell.program == tone_label(score) and cell.program_mentions == program.loc[
            cell.article, f"mentions_{slug(cell.actor)}"]
        assert cell.agree == (cell.reader == cell.program)
    assert tone_cells(load_story(TEST_STORY, corpus_dir=TEST_CORPUS)).empty  # no reading, nothing to compare


def test_the_texts_that_explain_the_measure_state_the_shipped_parameters():
    model = yaml.safe_load((MODEL_DIR / "article_tone.yml").read_text(encoding="utf-8"))
    words = {0: "no", 1: "one", 2: "two", 3: "three", 5: "five", 8: "eight"}
    root = ROOT
    for name in ("README.md", "docs/glossary.md", "docs/teacher-guide.md", "notebooks/03_sentiment.py"):
        text = " ".join((root / name).read_text(encoding="utf-8").split())
        stated = re.findall(r"(?:adds|plus|and adds) (\w+) neutral", text)
        assert stated and set(stated) == {words[model["pseudo_mentions"]]}, name
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert f"negative below {model['negative_below']:+.2f}" in readme
    assert f"positive above {model['positive_above']:+.2f}" in readme
