"""The role of each mention in the tone toward actors: hand-written sentences, one rule each."""

import pandas as pd
import pytest

from analysis import sentiment_toward
from analysis.detectors.attribution import attribution_rows
from analysis.detectors.roles import ROLES, with_roles
from analysis.text.document import parse_text

ACTORS = {"Trump": ["Trump"], "Milley": ["Milley"], "Republicans": ["Republicans"], "Esper": ["Esper"],
          "Pelosi": ["Pelosi"]}


def roles(text):
    table = sentiment_toward(text, ACTORS)
    return [(row.target, row.role, row.label) for row in table.itertuples()]


def counted(text):
    table = sentiment_toward(text, ACTORS)
    return [(row.target, row.role, row.label if row.weight else "not counted") for row in table.itertuples()]


@pytest.mark.parametrize("text, speaker, label", [
    ("Trump also falsely stated that Milley was a traitor.", "Trump", "negative"),
    ("Milley was forced to admit that the calls happened.", "Milley", "negative"),
    ("Esper boasted that he had won the argument.", "Esper", "negative"),
    ("Trump claimed without evidence that the vote was rigged.", "Trump", "negative"),
    ("Pelosi correctly pointed out that the calls were routine.", "Pelosi", "positive"),
    # what the speaker says is not the writer's tone toward the speaker
    ("The plan targets undocumented immigrants, whom Trump has vowed to remove.", "Trump", "not counted"),
    ("Trump said Milley should be tried for treason.", "Trump", "not counted"),
    ("Republicans called for Milley to resign.", "Republicans", "not counted"),
])
def test_the_speaker_is_judged_only_by_the_words_around_the_reporting_verb(text, speaker, label):
    found = [(role, tone) for target, role, tone in counted(text) if target == speaker]
    assert found == [("speaker", label)]


def test_the_target_of_an_accusation_keeps_the_accusation_s_tone():
    found = {target: (role, label) for target, role, label in roles("Trump said Milley should be tried for treason.")}
    assert found["Milley"] == ("quoted", "negative")


def test_an_actor_s_own_words_about_themselves_do_not_count():
    table = sentiment_toward("Trump said the voters love Trump.", ACTORS)
    assert table[["role", "weight"]].values.tolist() == [["speaker", 0], ["own words", 0]]


def test_the_writer_s_own_words_and_a_quotation_of_someone_else():
    assert roles("Milley is a disgrace and a coward.") == [("Milley", "writer", "negative")]
    assert [(t, r) for t, r, _ in roles("“The general is loyal to Milley,” Esper said.")] == [
        ("Milley", "quoted"), ("Esper", "speaker")]


def test_roles_without_attributions_and_a_custom_framing_lexicon():
    doc = parse_text("Milley mumbled that Esper was right.")
    mention = {"target": "Esper", "start": 20, "end": 25, "score": 0.3, "label": "positive"}
    assert with_roles(doc, [mention], []) == [dict(mention, role="writer", weight=1)]
    speech = {"attribution_id": 0, "cue_start": 7, "cue_end": 14, "source_start": 0, "source_end": 6,
              "content_start": 20, "content_end": 35, "source_resolved": "Milley"}
    speaker = {"target": "Milley", "start": 0, "end": 6, "score": 0.5, "label": "positive"}
    framing = pd.DataFrame({"term": ["mumble"], "tone": ["negative"]})
    rows = with_roles(doc, [speaker, mention], [speech], framing=framing)
    assert [(r["role"], r["label"], r["score"], r["weight"]) for r in rows] == [("speaker", "negative", -1.0, 1),
                                                                                ("quoted", "positive", 0.3, 1)]
    unjudged = with_roles(doc, [speaker], [speech], framing=framing.iloc[:0])
    assert [(r["role"], r["label"], r["score"], r["weight"]) for r in unjudged] == [("speaker", "positive", 0.5, 0)]
    assert {r["role"] for r in rows} <= set(ROLES)


def test_mentions_given_in_any_order_keep_their_order_and_roles():
    text = "Trump said Milley should be tried. Esper boasted that Milley was loyal."
    doc = parse_text(text)
    table = sentiment_toward(text, ACTORS)
    mentions = table.drop(columns=["role", "weight"]).to_dict("records")
    found = attribution_rows(doc, ACTORS)
    forward = with_roles(doc, mentions, found)
    backward = with_roles(doc, mentions[::-1], found)
    assert backward == forward[::-1]
    assert [(r["target"], r["role"]) for r in forward] == [("Trump", "speaker"), ("Milley", "quoted"),
                                                            ("Esper", "speaker"), ("Milley", "quoted")]
