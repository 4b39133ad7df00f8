"""Tests for analysis.detectors.loaded: curated terms, the word model, voice and negation."""

import math
import os

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.lexicons import load_lexicon
from analysis.detectors import loaded
from analysis.detectors.loaded import HIT_COLUMNS, loaded_model, loaded_terms
from analysis.paths import CORPUS_DIR
from analysis.text.document import parse_text
from analysis.text.matching import stem
from analysis.training.datasets import lexicon_found_in

DATA = os.environ.get("MEDIA_FRAMING_DATA")


def lexicon_hits(text, **kwargs):
    hits = loaded_terms(text, use_model=False, **kwargs)
    return hits[["term", "category"]].values.tolist()


def test_every_category_has_a_definition():
    from analysis.lexicons import lexicon_info

    defined = set(lexicon_info("loaded_terms")["categories"])
    assert set(load_lexicon("loaded_terms")["category"]) == defined


def test_inflections_and_multiword_terms():
    text = "They stormed the Capitol; storming it was a coup attempt. Fake news, he said."
    assert lexicon_hits(text) == [["stormed", "conflict_metaphor"], ["storming", "conflict_metaphor"],
                                  ["coup attempt", "delegitimising"], ["Fake news", "delegitimising"]]


def test_gap_terms():
    assert lexicon_hits("He went behind Trump's back twice.") == [["behind Trump's back", "secrecy_conspiracy"]]


def test_quoted_and_embedded_voices_are_marked():
    text = "The general was not a traitor. “He is a traitor,” Trump said. Secret calls, a post said."
    hits = loaded_terms(text, use_model=False, quoted_spans=[(62, 87)])
    assert hits[["term", "voice", "denied"]].values.tolist() == [
        ["traitor", "own", True], ["traitor", "quoted", False], ["Secret", "quoted", False]]


def test_user_lexicon_rows_are_used():
    lexicon = load_lexicon("loaded_terms")
    extra = pd.DataFrame([{"term": "freelance diplomat", "category": "name_calling", "note": "", "source": "class"}])
    hits = loaded_terms("A freelance diplomat again.", lexicon=pd.concat([lexicon, extra]), use_model=False)
    assert hits["term"].tolist() == ["freelance diplomat"]
    assert hits["source"].tolist() == ["class"]


def test_model_flags_loaded_words_outside_the_lexicon():
    hits = loaded_terms("The despicable, vile and sleazy operators sabotaged the meeting on Tuesday.")
    model = hits[hits["method"] == "model"]
    assert len(model) >= 2
    assert set(model["category"]) == {"other_loaded"}
    assert (model["score"] >= loaded_model()[2]).all()
    assert "Tuesday" not in set(hits["term"]) and "meeting" not in set(hits["term"])


def test_plain_reporting_has_few_hits():
    text = ("The committee met on Tuesday and approved the budget for the next fiscal year. "
            "The vote was seven to two. The chair said the plan would take effect in March.")
    assert len(loaded_terms(text)) <= 1


def test_columns_and_sentence_ids():
    hits = loaded_terms("Calm day. A coup!")
    assert list(hits.columns) == HIT_COLUMNS
    assert hits.loc[hits["term"] == "coup", "sentence_id"].tolist() == [1]
    assert list(loaded_terms("").columns) == HIT_COLUMNS


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_gives_valid_spans(text):
    hits = loaded_terms(text)
    for row in hits.itertuples():
        assert 0 <= row.start < row.end <= len(text) and text[row.start:row.end] == row.term


WORDY = st.lists(st.sampled_from(["radical", "Radical", "RADICAL", "traitor", "“", "”", "the", "said", ".", "hoax",
                                  "Milley", "disgraceful", "calm", "\n\n", "ok", "FAKE", "news"]),
                 max_size=30).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(st.one_of(WORDY, st.text(max_size=100)))
@example("The RADICAL traitor spread a disgraceful “hoax” about FAKE news. Milley was calm.")
def test_model_scores_are_those_of_the_features_training_reads(text):
    from analysis.detectors.loaded import (FUNCTION_WORDS, model_hits, not_loaded_positions, sentence_context,
                                           word_token_features)
    from analysis.text.document import parse_text

    weights, bias, threshold, _ = loaded_model()
    doc = parse_text(text)
    positions, features = word_token_features(doc)
    context = sentence_context(doc, positions, [weights.get(f"c={doc.stems[i]}", 0.0) for i in positions])[:, 0]
    left_out = not_loaded_positions(doc)  # reporting verbs, naming words, stance markers: other tables
    expected = {}
    for position, f, c in zip(positions, features, context):
        probability = 1 / (1 + math.exp(-(bias + c + sum(weights.get(k, 0.0) * v for k, v in f.items()))))
        if probability >= threshold and position not in left_out and doc.norms[position] not in FUNCTION_WORDS:
            expected[position] = round(probability, 4)
    assert {hit["first_token"]: hit["score"] for hit in model_hits(doc)} == expected
    if text.startswith("The RADICAL traitor"):
        assert len(expected) >= 4  # the example does exercise flagged words


def test_reporting_verbs_and_markers_are_left_out_but_not_words_derived_from_them():
    from analysis.detectors.loaded import not_loaded_positions

    doc = parse_text("Critics slammed the ridiculous plan and likely claimed a total victory for Democratic voters.")
    left_out = {doc.texts[i] for i in not_loaded_positions(doc)}
    assert {"slammed", "claimed", "likely", "Democratic", "voters"} <= left_out  # naming words: by stem
    assert not left_out & {"Critics", "ridiculous", "total"}  # of "criticize", "ridicule", "totally"


@pytest.mark.parametrize("sentence, word, expected", [
    ("Milley was absolutely not renegade.", "renegade", True),
    ("Milley's call was no secret.", "secret", True),
    ("It was far from a coup.", "coup", True),
    ("He did not call it a coup.", "coup", True),
    ("She denied that it was a coup.", "coup", True),  # a denial verb reaches into its "that" clause
    ("He said that it was no coup but a fascist attack.", "fascist", False),
    ("She denied any coup.", "coup", True),
    ("The committee rejected the treason charge.", "treason", True),
    ("They dismissed the report as a hoax.", "hoax", False),  # the dismisser's own word
    ("He denied the claims pushed by his corrupt rivals.", "corrupt", False),
    ("She denied being a racist.", "racist", True),
    ("It was a coup, not a protest.", "coup", False),  # the negation follows the word
    ("He is not only a liar but a traitor.", "liar", False),  # "not only" affirms
    ("He is not only a liar but a traitor.", "traitor", False),
    ("There is no doubt it was a coup.", "coup", False),
    ("There is no doubt.", "doubt", False),
    ("It was not the first time the fascist mob gathered.", "fascist", False),  # too far from "not"
    ("Nothing but lies came out.", "lies", False),
    ("It was not, as critics say, treason.", "treason", False),  # a comma ends the scope
    ("It wasn't treason.", "treason", True),
    ("No one knows the secret.", "secret", False),
    ("Nobody on the board is a traitor.", "traitor", False),
    ("They are not “traitors,” he said.", "traitors", True),  # quotation marks do not end the scope
    ("The White House hardly launched this madness.", "madness", False),  # a negated verb, not its object
    ("They don't hesitate to use deceit.", "deceit", False),
    ("The decision, not based on science, stood.", "science", False),
    ("The attacks were not connected with terrorism.", "terrorism", True),  # a copula: a passive keeps the scope
    ("Controversy wasn't something he shunned.", "shunned", True),  # "something" is no verb
    ("I didn't mean to be insensitive.", "insensitive", True),
    ("Milley was absolutely not going rogue.", "rogue", True),  # "go rogue" links
    ("He has no real shame.", "shame", True),  # "no" negates the noun phrase, whatever comes before
    ("Rubio didn't kill Obamacare.", "kill", True),  # the negated verb itself
    ("They would not call him a traitor.", "traitor", True),  # a verb of naming keeps the scope
    ("I don't think it's treason.", "treason", True),
    ("He was never really a traitor.", "traitor", True),
    ("Not to mention the vicious attacks.", "vicious", False),
])
def test_denial_scope_on_hand_written_sentences(sentence, word, expected):
    from analysis.detectors.loaded import denied
    from analysis.text.document import parse_text

    doc = parse_text(sentence)
    assert denied(doc, doc.norms.index(word)) is expected


def test_denied_words_are_reported_but_not_counted():
    from analysis.annotation import annotate

    text = "Milley was absolutely not renegade. The secret calls were no secret. The coup failed."
    hits = loaded_terms(text, use_model=False)
    assert hits[["term", "denied"]].values.tolist() == [["renegade", True], ["secret", False], ["secret", True],
                                                       ["coup", False]]
    note = annotate(text)
    assert note.denied["term"].tolist() == ["renegade", "secret"]
    assert "renegade" not in set(note.loaded["term"]) and note.loaded["term"].tolist().count("secret") == 1


# --- where the curated terms come from --------------------------------------------------------

SEED_SOURCE = "chosen from the seed story"


def test_every_curated_term_occurs_outside_the_seed_story_or_says_it_was_picked_from_it():
    lexicon = load_lexicon("loaded_terms", ["term", "source", "found_in"])
    unsupported = lexicon[(lexicon["found_in"] == "") & ~lexicon["source"].str.startswith(SEED_SOURCE)]
    assert unsupported["term"].tolist() == []
    assert set(lexicon["source"]) <= {"project list", f"{SEED_SOURCE} (milley-china-calls)"}


def test_a_term_that_occurs_in_the_seed_story_says_so():
    """The list was written while reading the seed story: any term that matches in it is
    marked as chosen from it (and no other term is)."""
    seed = set()
    for path in sorted((CORPUS_DIR / "milley-china-calls").glob("*.txt")):
        seed.update(hit["row"].Index for hit in parse_text(path.read_text(encoding="utf-8")).phrases("loaded_terms"))
    lexicon = load_lexicon("loaded_terms")
    marked = set(lexicon.index[lexicon["source"].str.startswith(SEED_SOURCE)])
    assert marked == seed and len(seed) > 30


@pytest.mark.skipif(not DATA, reason="set MEDIA_FRAMING_DATA to the folder of public datasets")
def test_found_in_is_where_the_terms_occur_in_the_public_datasets():
    found = lexicon_found_in(DATA)
    lexicon = load_lexicon("loaded_terms")
    assert {row: value for row, value in enumerate(lexicon["found_in"]) if value} == found


# --- naming stays naming ------------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("Black Lives Matter protesters marched through the city on Sunday.", "Black"),
    ("Black voters in Georgia turned out in record numbers.", "Black"),
    ("The climate bill would cut emissions by half.", "climate"),
    ("Racial disparities in sentencing were the subject of the hearing.", "Racial"),
    ("The conservative senator voted against the measure.", "conservative"),
    ("Left-wing parties won three seats.", "Left-wing"),
    ("The Chinese foreign ministry answered questions on Friday.", "Chinese"),
    ("The president promised a peaceful transfer of power.", "peaceful"),
    ("The bottom line is that the budget must balance.", "bottom"),
    ("The death toll rose to twelve on Tuesday.", "toll"),
    ("Racism in hiring was the subject of the study.", "Racism"),
    ("The wealth tax would apply to fortunes above 50 million dollars.", "wealth"),
    ("Officials kept an eye on the talks.", "eye"),
    ("Troop levels in the region stayed the same.", "levels"),
])
def test_words_that_name_a_topic_or_a_group_are_not_flagged_by_the_model(text, word):
    hits = loaded_terms(text)
    assert word not in hits["term"].tolist()
    assert word in [doc_word for doc_word in parse_text(text).texts]  # the case does exercise the word


def test_a_loaded_idiom_is_one_lexicon_hit_not_a_model_word():
    hits = loaded_terms("Critics called the strike a wag the dog ploy.")
    assert ["wag the dog", "delegitimising"] in hits[["term", "category"]].values.tolist()
    assert "dog" not in hits["term"].tolist()


def test_a_loaded_word_beside_a_naming_word_is_still_flagged():
    hits = loaded_terms("Racist thugs attacked the Black Lives Matter march.")
    assert {"thugs"} <= set(hits["term"]) and "Black" not in set(hits["term"])


def test_sentence_context_is_the_mean_over_the_other_content_words_of_the_sentence():
    doc = parse_text("Corrupt greedy senators lied shamelessly again today. Fine.")
    positions = [i for i, kind in enumerate(doc.kinds) if kind == "word"]
    assert [doc.texts[i] for i in positions][5:] == ["again", "today", "Fine"]
    assert "again" in loaded.FUNCTION_WORDS and not {"corrupt", "today", "fine"} & loaded.FUNCTION_WORDS
    rows = [[1.0, 10.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0], [6.0, 0.0], [7.0, 0.0], [8.0, 0.0]]
    context = loaded.sentence_context(doc, positions, rows)
    # content words of the first sentence carry 1, 2, 3, 4, 5 and 7 (sum 22); "again" is a function word
    assert context[0].tolist() == pytest.approx([(22 - 1) / 5, 0.0])  # five others
    assert context[1].tolist() == pytest.approx([(22 - 2) / 5, 10 / 5])
    assert context[5].tolist() == pytest.approx([22 / 6, 10 / 6])  # "again", a function word: all six content words
    assert context[7].tolist() == [0.0, 0.0]  # "Fine." has no other word: at least five are counted
    assert loaded.sentence_context(doc, [], []).shape[0] == 0


def _model_hits_with(monkeypatch, weights, text):
    """``model_hits`` of ``text`` under a word model of ``weights``, bias -10 and threshold 0.5."""
    monkeypatch.setattr(loaded, "loaded_model", lambda: (weights, -10.0, 0.5, {}))
    for cached in (loaded._word_logit, loaded._context_weight):
        cached.cache_clear()
    try:
        return loaded.model_hits(parse_text(text))
    finally:
        for cached in (loaded._word_logit, loaded._context_weight):
            cached.cache_clear()


def test_the_detector_reads_the_sentence_context_through_the_c_weights(monkeypatch):
    # "corrupt" weighs 60 in the words around it: 60 / 5 = 12 for each other word of its sentence only
    hits = _model_hits_with(monkeypatch, {f"c={stem('corrupt')}": 60.0}, "Corrupt senators lied. Voters waited.")
    assert [hit["lemma"] for hit in hits] == [stem("senators"), stem("lied")]
    assert [hit["score"] for hit in hits] == [round(1 / (1 + math.exp(-2.0)), 4)] * 2


def test_the_word_model_judges_content_words_only(monkeypatch):
    # a model that would flag both words: only the content word is flagged
    weights = {f"s={stem('against')}": 50.0, f"s={stem('tyranny')}": 50.0}
    hits = _model_hits_with(monkeypatch, weights, "They rose against tyranny.")
    assert [hit["lemma"] for hit in hits] == [stem("tyranny")]
    assert "against" in loaded.FUNCTION_WORDS and not {"fire", "serious", "cry"} & loaded.FUNCTION_WORDS
