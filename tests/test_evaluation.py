"""Tests for analysis.train and analysis.evaluate, on tiny hand-made copies of the datasets.

The real datasets are not needed (nor present on a fresh clone); these check the code
paths, the file formats read and written, and that the numbers are what they should be.
"""

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.detectors.loaded import FUNCTION_WORDS, sentence_context, word_token_features
from analysis.training import datasets
from analysis.errors import DatasetError
from analysis.training.evaluate import (FOURTH_TRAIN_TYPED_SOURCES, SECOND_READING, SECOND_TRAIN_TYPED_SOURCES,
                                        THIRD_TRAIN_TYPED_SOURCES, TRAIN_TYPED_SOURCES,
                                        TYPED_SOURCES, evaluate_attribution, evaluate_loaded_language,
                                        evaluate_source_types, evaluate_target_sentiment, evaluate_vader, main)
from analysis.training import evaluate, loaded_scores, loaded_words
from analysis.training.fitting import MAX_ITER
from analysis.training.span_matching import overlap_f1
from analysis.training.train import (loaded_language_data, train_attribution_cues, train_loaded_language,
                                     train_target_sentiment)
from paths import FIXTURES

DATA = FIXTURES / "data"


def test_readers():
    assert len(datasets.read_vader_tweets(DATA)) == 6
    rows = datasets.read_newsmtsc(DATA)
    assert len(rows) == 180 and {r["label"] for r in rows} == {"negative", "neutral", "positive"}
    articles = datasets.read_ptc(DATA)
    assert len(articles) == 6 and articles["1"][1][0] == ("Loaded_Language", 4, 11)


def test_polnear_reader_keeps_every_annotation_or_the_first():
    every = datasets.read_polnear(DATA, "dev")
    first = datasets.read_polnear(DATA, "dev", first_annotator_only=True)
    assert [name for name, _, _ in every] == ["test_dev_0_a1b2", "test_dev_0_c3d4", "test_dev_1_a1b2"]
    assert [name for name, _, _ in first] == ["test_dev_0_a1b2", "test_dev_1_a1b2"]
    name, text, spans = every[0]
    assert [text[s:e] for s, e in spans["Cue"]] == ["claimed", "said"]
    assert [text[s:e] for s, e in spans["Source"]] == ["Patel", "Kim"]


def test_overlap_f1_by_hand():
    assert overlap_f1([[(0, 5)], []], [[(3, 8), (20, 30)], [(1, 2)]]) == (1.0, 1 / 3, 0.5)
    assert overlap_f1({}, [[(0, 1)]]) == (0.0, 0.0, 0.0)


def test_attribution_cue_model_trains_and_attributions_are_scored(tmp_path):
    metadata = train_attribution_cues(DATA, out_dir=tmp_path)
    weights = pd.read_csv(tmp_path / "attribution_cues.csv")
    assert weights["feature"].iloc[0] == "bias" and 0.2 <= metadata["threshold"] <= 0.7
    rows = {row["feature"]: row for row in evaluate_attribution(DATA)}
    assert list(rows) == ["attribution cue", "attribution source", "attribution content",
                          "attribution content (any overlap)", "attribution cue: annotator vs annotator",
                          "attribution source: annotator vs annotator", "attribution content: annotator vs annotator"]
    assert "one-to-one" in rows["attribution content"]["measure"] and rows["attribution content"]["target"] == ">= 0.78"
    # the shipped model finds "said" and "claimed" in these plain sentences
    assert rows["attribution cue"]["value"] > 0.6
    # dev article 0 has two annotations; the second leaves out "Kim said": scored each against
    # the other, 2 of 3 cues and sources agree (P = R = 2/3); both mark the same two contents
    assert rows["attribution cue: annotator vs annotator"]["value"] == pytest.approx(2 / 3)
    assert rows["attribution source: annotator vs annotator"]["value"] == pytest.approx(2 / 3)
    assert rows["attribution content: annotator vs annotator"]["value"] == pytest.approx(1.0)
    assert "95% interval" in rows["attribution cue"]["measure"]


def test_missing_dataset_is_a_clear_error(tmp_path):
    with pytest.raises(datasets.DatasetError, match="not found; pass the folder"):
        datasets.read_ptc(tmp_path)


def test_vader_correlation_on_the_tiny_set():
    row, same = evaluate_vader(DATA)
    assert row["value"] > 0.9
    assert same["value"] <= 1e-9 and "(6 texts)" in same["dataset"]


def test_loaded_word_tables_read_each_dataset_gold():
    ptc, babe, basil = (loaded_words.word_table(name, DATA) for name in loaded_words.DATASETS)
    gold = lambda words: set(words.table.loc[words.table["gold"], "norm"])  # noqa: E731
    assert {"corrupt", "radical"} <= gold(ptc) and not {"thugs", "budget"} & gold(ptc)  # spans of articles 1, 2
    assert gold(babe) == {"radical", "mob", "disastrous", "robs", "shameless", "botched", "outrageous", "insults",
                          "pathetic"}
    assert gold(basil) == {"vicious", "slammed", "reckless", "shameful", "embattled", "blasted", "bloated"}
    assert babe.sentence_labels.count(None) == 1  # "No agreement" is left out of the AUC
    assert len(set(basil.groups)) == 5 and len(set(babe.groups)) == 5


def test_loaded_scores_by_hand():
    words = loaded_words.word_table("basil", DATA)
    flags = words.table["norm"].isin(["vicious", "plan", "slammed"]).to_numpy()
    scores = loaded_scores.dataset_scores(words, flags)
    # "plan" twice: 2 of 4 flagged words are marked; 2 of 7 lexical spans are found
    assert scores["precision"] == 0.5 and scores["span_recall"] == pytest.approx(2 / 7)
    babe = loaded_words.word_table("babe", DATA)
    flags = babe.table["norm"].isin(["radical", "team"]).to_numpy()
    scores = loaded_scores.babe_scores(flags, babe)
    assert (scores["precision"], scores["recall"]) == (pytest.approx(1 / 3), pytest.approx(1 / 9))  # "team" twice


def test_score_intervals_resample_documents():
    words = loaded_words.word_table("basil", DATA)
    gold = words.table["gold"].to_numpy()
    assert loaded_scores.score_interval(words, gold, "precision") == (1.0, 1.0)  # every resample is perfect
    assert loaded_scores.score_interval(words, gold, "span_recall") == (1.0, 1.0)
    flags = words.table["norm"].isin(["vicious", "plan", "slammed"]).to_numpy()
    point = loaded_scores.dataset_scores(words, flags)
    for key in ("precision", "span_recall", "f1"):
        low, high = loaded_scores.score_interval(words, flags, key)
        assert low <= point[key] <= high and low < high  # five articles: the resamples differ
    babe = loaded_words.word_table("babe", DATA)
    biased = np.array([bool(babe.sentence_labels[doc]) for doc in babe.table["doc"]])
    assert loaded_scores.score_interval(babe, biased, "auc") == (1.0, 1.0)  # flags only in biased sentences
    low, high = loaded_scores.score_interval(babe, babe.table["norm"].isin(["radical", "team"]).to_numpy(), "auc")
    assert 0 <= low < high <= 1


def test_balanced_weights_give_datasets_and_classes_equal_totals():
    labels = [np.array([True, False, False, False]), np.array([True, False])]
    weights = loaded_words.balanced_weights(labels)
    assert weights.sum() == pytest.approx(6)
    first, second = weights[:4], weights[4:]
    everything = np.concatenate(labels)
    assert weights[everything].sum() == pytest.approx(weights[~everything].sum())
    assert first.sum() / second.sum() == pytest.approx(1.0, rel=0.35)  # the class balance moves it a little
    assert first[1] == first[2] == first[3]


def test_folded_weights_score_every_word_as_the_fitted_model_does():
    """The shipped CSV folds the lexicon weights, word vectors and stem statistics into each stem's s= weight,
    and the vectors read over the sentence into its c= weight: the detector's logit from them must equal
    the fitted model's on the training features."""
    tables, names, matrices, labels, membership, columns = loaded_language_data(DATA)
    vectors, statistics, sentences = columns
    assert any(name.startswith("vec:") for name in names) and len(vectors.stems) > 10
    assert sentences.scope == "sentence" and sentences.names == ["ctx:" + name for name in vectors.names]
    assert set(statistics.names) <= set(names) and len(statistics.stems) > 5
    model = loaded_words.fit_word_model(matrices, labels)
    for table in columns:
        assert np.abs(model.coef_[0][[names.index(name) for name in table.names]]).max() > 0
    folded = loaded_words.folded_weights(model, names, membership, columns)
    weights = dict(zip(folded["feature"], folded["weight"]))
    bias = weights.pop("bias")
    for words, matrix in zip(tables, matrices):
        expected = model.decision_function(matrix)
        got = []
        for doc in words.docs:
            positions, features = word_token_features(doc)
            context = sentence_context(doc, positions, [weights.get(f"c={doc.stems[i]}", 0.0) for i in positions])
            got += [bias + c + sum(weights.get(k, 0.0) * v for k, v in row.items())
                    for row, c in zip(features, context[:, 0])]
        assert np.allclose(got, expected)
    assert not any(key.startswith(("lex:", "vec:", "stat:", "ctx:", "stop")) for key in weights)
    assert any(key.startswith("c=") for key in weights)
    assert model.n_iter_[0] < MAX_ITER


def test_training_writes_readable_weights(tmp_path):
    metadata = train_target_sentiment(DATA, out_dir=tmp_path)
    weights = pd.read_csv(tmp_path / "target_sentiment.csv")
    assert list(weights.columns) == ["label", "feature", "weight"]
    assert set(weights["label"]) == {"negative", "neutral", "positive"}
    assert yaml.safe_load((tmp_path / "target_sentiment.yml").read_text())["name"] == metadata["name"]
    metadata = train_loaded_language(DATA, out_dir=tmp_path)
    weights = pd.read_csv(tmp_path / "loaded_language.csv")
    assert weights["feature"].iloc[0] == "bias" and 0.5 <= metadata["threshold"] <= 0.95


def test_cross_validated_target_sentiment_learns_the_tiny_set():
    row, framed = evaluate_target_sentiment(DATA)
    assert row["value"] > 0.9 and 0 <= framed["value"] <= 1 and "the one speaking" in framed["dataset"]


def test_the_speaker_rule_on_newsmtsc_changes_only_judged_speakers():
    judged, unjudged = "Trump falsely claimed that the vote was rigged.", "Trump said the plan was great."
    rows = [{"sentence": judged, "start": 0, "end": 5}, {"sentence": unjudged, "start": 0, "end": 5},
            {"sentence": unjudged, "start": 29, "end": 34}]  # "great": not a mention of a speaker
    framed = evaluate._with_speaker_framing(rows, ["positive", "positive", "positive"])
    assert framed["labels"] == ["negative", "positive", "positive"]
    assert framed["neutral"] == ["negative", "neutral", "positive"]
    assert (framed["speakers"], framed["judged"]) == (2, 1)


def test_loaded_language_evaluation_reports_every_dataset_and_protocol():
    rows = evaluate_loaded_language(DATA)
    # PTC: 3 measures x (lexicon, cross-validated detector, BABE-trained model); BABE: 2 x 3; BASIL: 2 x 2
    assert len(rows) == 9 + 6 + 4
    assert all(0 <= row["value"] <= 1 for row in rows)
    transfer = [row for row in rows if "trained on PTC alone" in row["feature"]]
    assert [row["target"] for row in transfer] == [">= 0.35", "-"] and "BABE" in transfer[0]["dataset"]
    assert any("strict word precision" in row["measure"] for row in rows)


def test_source_types_are_scored_on_the_sources_the_program_finds(tmp_path):
    typed = tmp_path / "typed.csv"
    typed.write_text("file,source_id,start,end,label,note\n"
                     "test_dev_0_a1b2.ann,T1,0,5,named person,\n"
                     "test_dev_0_a1b2.ann,T5,56,59,media,a reporter in this made-up reading\n"
                     "test_dev_1_a1b2.ann,T1,0,3,named person,\n"
                     "test_dev_1_a1b2.ann,T9,64,71,unknown,no source of the program here\n", encoding="utf-8")
    [row] = evaluate_source_types(DATA, typed)
    # Patel and Kim (second article) are named persons for both; Kim in the first is "media" by hand.
    assert row["value"] == pytest.approx(2 / 3)
    assert "3 of 4 typed sources" in row["measure"] and "2 articles" in row["dataset"]
    assert row["baseline"] == "every source 'named person': 0.667"
    typed.write_text("file,source_id,start,end,label,note\nno_such_file.ann,T1,0,5,named person,\n",
                     encoding="utf-8")
    with pytest.raises(DatasetError, match="no_such_file.ann"):
        evaluate_source_types(DATA, typed)


def test_the_train_typings_are_reported_beside_dev_as_development_figures(tmp_path, monkeypatch):
    dev, train = tmp_path / "dev.csv", tmp_path / "train.csv"
    dev.write_text("file,source_id,start,end,label,note\ntest_dev_1_a1b2.ann,T1,0,3,named person,\n", encoding="utf-8")
    train.write_text("file,source_id,start,end,label,note\ntest_train_0_a1b2.ann,T1,0,5,named person,\n"
                     "test_train_0_a1b2.ann,T5,53,58,media,a reporter in this made-up reading\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("file,source_id,start,end,label,note\ntest_dev_1_a1b2.ann,T1,0,3,media,\n", encoding="utf-8")
    monkeypatch.setattr(evaluate, "TYPED_SOURCES", dev)
    monkeypatch.setattr(evaluate, "SECOND_READING", second)
    for name in ("TRAIN_TYPED_SOURCES", "SECOND_TRAIN_TYPED_SOURCES", "THIRD_TRAIN_TYPED_SOURCES",
                 "FOURTH_TRAIN_TYPED_SOURCES"):
        monkeypatch.setattr(evaluate, name, train)
    rows = evaluate.evaluate_every_source_typing(DATA)
    assert [row["target"] for row in rows] == [">= 0.85", ">= 0.85", "(human agreement, for scale)", "-", "-", "-", "-"]
    assert rows[0]["value"] == 1.0 and "PolNeAR dev" in rows[0]["dataset"]
    assert rows[1]["value"] == 0.0 and "(the second reading)" in rows[1]["dataset"]
    assert rows[2]["value"] == 0.0  # the two readings of the one source differ
    assert rows[3]["value"] == 0.5 and "train.csv; the rules were revised on it" in rows[3]["dataset"]


def test_two_readings_agree_by_share_and_by_kappa(tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    header = "file,source_id,start,end,label,note\n"
    rows = [("T1", "named person", "named person"), ("T2", "named person", "named person"), ("T3", "media", "media"),
            ("T4", "media", "named person")]
    first.write_text(header + "".join(f"a.ann,{i},{n},{n + 1},{one},\n" for n, (i, one, _) in enumerate(rows)),
                     encoding="utf-8")
    second.write_text(header + "".join(f"a.ann,{i},{n},{n + 1},{two},\n" for n, (i, _, two) in enumerate(rows)),
                      encoding="utf-8")
    row = evaluate.typing_agreement(first, second)
    # observed 3/4; by chance: first 1/2 named person and 1/2 media, second 3/4 and 1/4 -> 1/2 * 3/4 + 1/2 * 1/4 = 1/2
    # kappa = (3/4 - 1/2) / (1 - 1/2) = 0.5
    assert row["value"] == 0.75 and "3 of 4" in row["measure"] and "kappa 0.500" in row["measure"]
    second.write_text(header + "a.ann,T1,0,1,named person,\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="second.csv"):
        evaluate.typing_agreement(first, second)


@pytest.mark.parametrize("path", [TYPED_SOURCES, SECOND_READING, TRAIN_TYPED_SOURCES, SECOND_TRAIN_TYPED_SOURCES,
                                  THIRD_TRAIN_TYPED_SOURCES, FOURTH_TRAIN_TYPED_SOURCES])
def test_the_hand_typed_set_holds_offsets_and_labels_only(path):
    typed = pd.read_csv(path, keep_default_na=False)
    assert list(typed.columns) == ["file", "source_id", "start", "end", "label", "note"]
    assert set(typed["label"]) <= {"named person", "military", "expert", "media", "document", "organisation",
                                   "anonymous", "social media post", "unknown"}
    assert len(typed) >= 150 and (typed["start"] < typed["end"]).all()
    assert typed["file"].str.endswith(".ann").all() and not typed.duplicated(["file", "source_id"]).any()


def test_command_line(capsys):
    assert main(["--data", str(DATA), "--only", "vader"]) == 0
    assert "Pearson r" in capsys.readouterr().out
    assert main(["--data", "/no/such/folder", "--only", "vader"]) == 1
    assert "not found" in capsys.readouterr().err


def test_word_identity_is_learned_only_for_stems_seen_across_datasets():
    tables = [loaded_words.word_table(name, DATA) for name in loaded_words.DATASETS]
    identity = loaded_words.identity_stems(tables)
    assert "the" in identity  # in every dataset's sentences
    assert not {"vicious", "pathet", "corrupt"} & identity  # one document each
    features = loaded_words.training_features(tables[2], {}, identity)
    assert any("s=the" in row for row in features) and not any("s=viciou" in row for row in features)


def test_the_word_model_is_fitted_on_the_words_it_may_flag():
    tables, _, matrices, labels, _, _ = loaded_language_data(DATA)
    words = tables[0]
    function_word = words.table["norm"].isin(FUNCTION_WORDS).to_numpy()
    assert function_word.any() and not (words.model_may_flag & function_word).any()
    kept_matrices, kept_labels = loaded_words.trained_rows(tables, matrices, labels)
    assert [m.shape[0] for m in kept_matrices] == [int(t.model_may_flag.sum()) for t in tables]
    assert [len(y) for y in kept_labels] == [m.shape[0] for m in kept_matrices]
