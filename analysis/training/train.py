"""Train the shipped models from public data, and cross-validate them.

    python -m analysis.training.train --data DIR            # rewrite analysis/models/*.csv and *.yml

The models are logistic regressions (scikit-learn) whose weights are written as
readable CSV (feature, weight), never as pickles, so anyone can see what a word
weighs:

* ``loaded_language``: is this word loaded? One model over PTC, BABE and BASIL
  (``loaded_words``). Features: ``loaded.word_token_features``; in training also bias lexicons,
  word vectors and stem statistics (``word_vectors``, ``stem_statistics``), folded into each stem's weight,
  and the word vectors of the rest of the sentence, folded into each stem's ``c=`` weight.
* ``target_sentiment``: is this NewsMTSC sentence negative, neutral or positive
  toward this mention? Features: ``sentiment.context_features``.
* ``attribution_cues`` (two stages): is this PolNeAR token part of an attribution cue?
* ``article_tone``: three numbers (pseudo-mentions, neutral band) of the tone toward an
  actor over an article, chosen on BASIL (``article_tone``).

Every model is fitted to convergence (``fitting``), so a retrain on the same data
reproduces the shipped weights.

Cross-validation splits by article (scikit-learn's GroupKFold, five folds; for the word
model by PTC article, BABE topic and BASIL event), so no article, topic or event is both
trained on and tested on.
"""

import argparse
import datetime
from collections import Counter

import numpy as np
import pandas as pd
import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.model_selection import GroupKFold

from analysis.training import datasets, loaded_scores, loaded_words, stem_statistics, word_vectors
from analysis.training.article_tone import train_article_tone
from analysis.training.fitting import TOLERANCE, fit_converged, logistic_regression
from analysis.training.span_matching import flagged_spans, overlap_f1
from analysis.detectors.attribution.cue_features import cue_features
from analysis.detectors.attribution.cues import fill_gaps, fillable, nested_features
from analysis.files import atomic_path, write_atomically
from analysis.paths import MODEL_DIR
from analysis.text.document import parse_text
from analysis.detectors.sentiment import LABELS, context_features

FOLDS = 5
MIN_WEIGHT = 0.01
CUE_MIN_WEIGHT = 0.05
# At most three words inside one cue ("has not yet said", "would later tell"): auxiliaries and
# adverbs; more would join separate cues of one sentence into one.
MAX_GAP_CANDIDATES = 3
# How the cue model's first stage forms the cues whose content and source the second stage
# looks at: stage-1 probability at least 0.5 (chosen among 0.25, 0.35 and 0.5 by cross-validated
# span F1 on PolNeAR train: 0.763, 0.763, 0.764), up to three words inside a cue.
CONTENT_THRESHOLD = 0.5
CONTENT_MAX_GAP = 3


# --- loaded language ------------------------------------------------------------------------

def loaded_language_data(data_dir):
    """What training and evaluating the word model need, read once: ``(tables, names,
    matrices, labels, membership, columns)`` for PTC, BABE and BASIL (see ``loaded_words``;
    ``columns`` are the ``word_vectors`` and ``stem_statistics`` of the unlabelled news, and the
    word vectors again read over each word's sentence)."""
    tables = [loaded_words.word_table(name, data_dir) for name in loaded_words.DATASETS]
    lexicons = datasets.read_bias_lexicons(data_dir)
    vectors = word_vectors.word_vectors(word_vectors.news_texts(data_dir))
    columns = [vectors, stem_statistics.stem_statistics(stem_statistics.news_records(data_dir)),
               vectors.in_sentences()]
    names, matrices = loaded_words.vectorise(tables, lexicons, columns)
    labels = [words.table["gold"].to_numpy(dtype=bool) for words in tables]
    return tables, names, matrices, labels, loaded_words.lexicon_membership(lexicons), columns


def detector_scores(tables, probabilities, threshold, lexicon_flags=None):
    """The detector's scores on each dataset (``loaded_scores.dataset_scores``) when the word
    model's probabilities are ``probabilities`` (one array per table); ``lexicon_flags``, the
    curated lexicon's flags per table, are computed unless given."""
    if lexicon_flags is None:
        lexicon_flags = [loaded_words.detector_flags(words, use_model=False) for words in tables]
    return {words.name: loaded_scores.dataset_scores(words, loaded_words.model_flags(words, p, threshold) | lexicon)
            for words, p, lexicon in zip(tables, probabilities, lexicon_flags)}


def choose_threshold(tables, probabilities):
    """The threshold (0.50 to 0.95, step 0.01) at which the detector (lexicon plus model) has
    the highest mean word F1 over the datasets, given cross-validated probabilities."""
    best, best_mean = 0.5, -1.0
    lexicon_flags = [loaded_words.detector_flags(words, use_model=False) for words in tables]
    for threshold in np.round(np.arange(0.50, 0.951, 0.01), 2):
        scores = detector_scores(tables, probabilities, threshold, lexicon_flags)
        mean = float(np.mean([row["f1"] for row in scores.values()]))
        if mean > best_mean:
            best, best_mean = float(threshold), mean
    return best


def train_loaded_language(data_dir, out_dir=MODEL_DIR):
    """Fit the word model on PTC, BABE and BASIL together; write its CSV and YAML; return the metadata.

    The threshold is chosen on out-of-fold probabilities (``loaded_words.cross_validated_probabilities``:
    five folds, whole PTC articles, BABE topics and BASIL events to a fold)."""
    tables, names, matrices, labels, membership, columns = loaded_language_data(data_dir)
    probabilities = loaded_words.cross_validated_probabilities(tables, matrices, labels)
    threshold = choose_threshold(tables, probabilities)
    scores = detector_scores(tables, probabilities, threshold)
    model = loaded_words.fit_word_model(*loaded_words.trained_rows(tables, matrices, labels))
    weights = loaded_words.folded_weights(model, names, membership, columns)
    weights = weights[(weights["feature"] == "bias") | (weights["weight"].abs() >= MIN_WEIGHT)]
    _write_weights(weights, "loaded_language", out_dir)
    metadata = {
        "name": "loaded_language",
        "description": "Logistic regression: is a word loaded (biased, propagandistic) in news text?",
        "trained_on": ("Propaganda Techniques Corpus v2 training articles (Loaded_Language and Name_Calling,Labeling "
                       "spans), BABE SG2 (the experts' biased words, 13 topics) and BASIL 2010-2013 (lexical-bias "
                       "spans); each dataset weighs the same, and so do loaded and other words; fitted on the "
                       "words the model may flag (content words, not denied, not left to another table)"),
        "features": ("analysis.detectors.loaded.word_token_features (stem, suffixes, hyphen, VADER valence, capitals, "
                     "quotation marks, sentence start, the word before, repetition, valence of the sentence); in "
                     "training only, by stem: the Recasens et al. 2013 bias lexicon and lists, the MPQA subjectivity "
                     f"clues, a word vector ({word_vectors.DIMENSIONS} dimensions, positive PMI within "
                     f"{word_vectors.WINDOW} words, SVD; AllSides and PolNeAR articles) and AllSides statistics (topic "
                     "concentration, centre-outlet share, article count, sentence valence), all added into s=<stem>; "
                     "and the mean word vector of the other content words of the sentence, added into c=<stem>"),
        "C": loaded_words.C,
        "tolerance": TOLERANCE,
        "iterations": int(model.n_iter_[0]),
        "threshold": threshold,
        "threshold_rule": ("the threshold with the highest mean word F1 of the detector (lexicon plus model) over PTC, "
                           f"BABE and BASIL, on out-of-fold probabilities ({loaded_words.FOLDS} folds: PTC articles, "
                           "BABE topics, BASIL events)"),
        "cross_validated_at_threshold": {name: {k: round(v, 4) for k, v in row.items()}
                                         for name, row in scores.items()},
        "weights_kept": f"|weight| >= {MIN_WEIGHT}",
        "trained": datetime.date.today().isoformat(),
        "licence": ("weights derived from PTC (research use), BABE (AGPL-3.0), BASIL (research data), the MPQA "
                    "clues (GPL; only weights derived from them are shipped) and word vectors and statistics counted "
                    "from AllSides (Apache-2.0) and PolNeAR (research data); see README"),
    }
    _write_metadata(metadata, "loaded_language", out_dir)
    return metadata


# --- sentiment toward a target --------------------------------------------------------------

def newsmtsc_table(data_dir):
    """Features and labels for every NewsMTSC training target: ``(features, labels, groups)``."""
    rows = datasets.read_newsmtsc(data_dir)
    features = [context_features(r["sentence"], r["start"], r["end"]) for r in rows]
    return features, np.array([r["label"] for r in rows]), np.array([r["group"] for r in rows])


def cross_validated_target_labels(features, labels, groups, C=0.3):
    """Out-of-fold predicted labels for NewsMTSC (5 folds by article)."""
    matrix = DictVectorizer().fit_transform(features)
    predicted = np.empty(len(labels), dtype=object)
    for train, test in GroupKFold(FOLDS).split(matrix, labels, groups):
        model = logistic_regression(C, class_weight="balanced", fit_intercept=False)
        predicted[test] = fit_converged(model, matrix[train], labels[train], name="target model").predict(matrix[test])
    return predicted


def train_target_sentiment(data_dir, C=0.3, out_dir=MODEL_DIR):
    """Fit the target-sentiment model on all NewsMTSC training data; write its CSV and YAML."""
    features, labels, groups = newsmtsc_table(data_dir)
    counts = Counter(key for f in features for key in f)
    features = [{k: v for k, v in f.items() if counts[k] >= 2} for f in features]
    vectorizer = DictVectorizer()
    model = logistic_regression(C, class_weight="balanced", fit_intercept=False)
    fit_converged(model, vectorizer.fit_transform(features), labels, name="target model")
    names = vectorizer.get_feature_names_out()
    frames = []
    for row, label in enumerate(model.classes_):
        frame = pd.DataFrame({"label": label, "feature": names, "weight": model.coef_[row]})
        frames.append(frame[frame["weight"].abs() >= MIN_WEIGHT])
    weights = pd.concat(frames)
    weights["label"] = pd.Categorical(weights["label"], categories=LABELS, ordered=True)
    _write_weights(weights.sort_values(["label", "feature"]), "target_sentiment", out_dir)
    metadata = {
        "name": "target_sentiment",
        "description": "Multinomial logistic regression: is a sentence negative, neutral or positive toward a mention?",
        "trained_on": "NewsMTSC training set (Hamborg & Donnay, EACL 2021), all of it",
        "features": "analysis.detectors.sentiment.context_features (features seen at least twice)",
        "C": C,
        "tolerance": TOLERANCE,
        "iterations": int(model.n_iter_[0]),
        "weights_kept": f"|weight| >= {MIN_WEIGHT}",
        "trained": datetime.date.today().isoformat(),
        "licence": "MIT (NewsMTSC)",
    }
    _write_metadata(metadata, "target_sentiment", out_dir)
    return metadata


# --- attribution cues -----------------------------------------------------------------------

def polnear_cue_table(data_dir, split, first_annotator_only):
    """PolNeAR tokens for the cue model.

    Returns:
        ``(features, labels, table, gold, documents)``: one feature dict and one label
        (inside a gold Cue span) per token; ``table`` with each token's ``document``,
        ``start``, ``end``, ``sentence_id`` and ``article`` (several annotations of one
        article share it, so cross-validation keeps them together); ``gold`` a list, per
        document, of its Cue spans; ``documents`` the parsed texts (``Document``).
    """
    features, labels, frames, gold, documents = [], [], [], [], []
    for number, (name, text, spans) in enumerate(datasets.read_polnear(data_dir, split, first_annotator_only)):
        doc = parse_text(text)
        table = doc.token_table()
        cues = spans.get("Cue", [])
        features += cue_features(doc)
        labels += [any(s < ce and e > cs for cs, ce in cues) for s, e in zip(table["start"], table["end"])]
        frames.append(table[["start", "end", "sentence_id", "kind", "norm"]].assign(
            document=number, article=name.rsplit("_", 1)[0]))
        gold.append(cues)
        documents.append(doc)
    return features, np.array(labels), pd.concat(frames, ignore_index=True), gold, documents


def _frequent(features, minimum=3):
    counts = Counter(key for f in features for key in f)
    return [{k: v for k, v in f.items() if counts[k] >= minimum} for f in features]


def _cross_validated(features, labels, groups, C):
    """Out-of-fold probabilities of a logistic regression, 3 folds by article."""
    matrix = DictVectorizer().fit_transform(features)
    probabilities = np.zeros(len(labels))
    for train, test in GroupKFold(3).split(matrix, labels, groups):
        model = fit_converged(logistic_regression(C), matrix[train], labels[train], name="cue model")
        probabilities[test] = model.predict_proba(matrix[test])[:, 1]
    return probabilities


def train_attribution_cues(data_dir, C=0.5, out_dir=MODEL_DIR):
    """Fit the two-stage cue model on PolNeAR train (every annotation file).

    Stage 1 reads ``cue_features``; stage 2 adds ``nested_features`` computed from
    stage-1 probabilities that are out-of-fold on the training articles (so stage 2
    learns from the first stage's real mistakes). Features seen fewer than three times
    are dropped. The stage-2 threshold and the number of words allowed inside a cue
    (0 to 3) are the pair with the best span F1 in 3-fold cross-validation on the
    training articles; the stage-1 threshold that forms the cues whose content is
    looked at (``CONTENT_THRESHOLD``) was chosen among 0.25, 0.35 and 0.5 the same way.
    Dev is unused.
    """
    features, labels, table, gold, documents = polnear_cue_table(data_dir, "train", False)
    features = _frequent(features)
    first_stage = _cross_validated(features, labels, table["article"], C)
    second_features, offset = [], 0
    for doc in documents:
        end = offset + len(doc.starts)
        second_features += nested_features(doc, features[offset:end], first_stage[offset:end],
                                           CONTENT_THRESHOLD, CONTENT_MAX_GAP)
        offset = end
    second_features = _frequent(second_features)
    probabilities = _cross_validated(second_features, labels, table["article"], C)
    threshold, max_gap, best = 0.5, 0, -1.0
    may_fill = fillable(table["kind"].tolist(), table["norm"].tolist())
    sentences_ = (table["document"] * 100000 + table["sentence_id"]).tolist()
    for candidate in np.arange(0.2, 0.71, 0.05):
        for gap in range(MAX_GAP_CANDIDATES + 1):
            flags = fill_gaps(probabilities >= candidate, may_fill, sentences_, gap)
            f1 = overlap_f1(flagged_spans(flags, table), gold)[2]
            if f1 > best:
                threshold, max_gap, best = round(float(candidate), 2), gap, f1
    iterations = {}
    for name, stage_features in (("attribution_cues", features), ("attribution_cues_nested", second_features)):
        weights, iterations[name] = _fit_binary(stage_features, labels, logistic_regression(C), CUE_MIN_WEIGHT)
        _write_weights(weights, name, out_dir)
    metadata = {
        "name": "attribution_cues",
        "description": ("Two logistic regressions: is a token part of an attribution cue? Stage 1 weights in "
                        "attribution_cues.csv; stage 2 (which also knows whether the token lies inside the content "
                        "or source of another stage-1 cue) in attribution_cues_nested.csv"),
        "trained_on": "PolNeAR train (Newell et al., LREC 2018), every annotation file",
        "features": ("analysis.detectors.attribution.cue_features.cue_features, plus "
                     "analysis.detectors.attribution.cues.nested_features for stage 2 "
                     "(features seen at least three times)"),
        "C": C,
        "tolerance": TOLERANCE,
        "iterations": iterations,
        "content_threshold": CONTENT_THRESHOLD,
        "content_max_gap": CONTENT_MAX_GAP,
        "threshold": threshold,
        "max_gap": max_gap,
        "threshold_rule": ("stage-2 threshold and max_gap (words allowed between two flagged tokens of one cue) with "
                           "the best cue span F1 (overlap) in 3-fold cross-validation on the training articles; "
                           "content_threshold chosen among 0.25, 0.35, 0.5 the same way; dev unused"),
        "cross_validated_span_f1": round(best, 4),
        "weights_kept": f"|weight| >= {CUE_MIN_WEIGHT}",
        "trained": datetime.date.today().isoformat(),
        "licence": "weights derived from PolNeAR (research data; cite the paper)",
    }
    _write_metadata(metadata, "attribution_cues", out_dir)
    return metadata


def _fit_binary(features, labels, model, min_weight):
    """Fit a binary logistic regression to convergence; its weights as a table (the intercept
    first, as "bias") and the iterations the solver took."""
    vectorizer = DictVectorizer()
    fit_converged(model, vectorizer.fit_transform(features), labels, name="cue model")
    weights = pd.DataFrame({"feature": vectorizer.get_feature_names_out(), "weight": model.coef_[0]})
    weights = weights[weights["weight"].abs() >= min_weight]
    bias = pd.DataFrame({"feature": ["bias"], "weight": [model.intercept_[0]]})
    return pd.concat([bias, weights]), int(model.n_iter_[0])


def _write_weights(weights, name, out_dir):
    weights = weights.copy()
    weights["weight"] = weights["weight"].map(lambda w: float(f"{w:.5g}"))
    with atomic_path(out_dir / f"{name}.csv") as tmp:
        weights.to_csv(tmp, index=False, lineterminator="\n")


def _write_metadata(metadata, name, out_dir):
    write_atomically(out_dir / f"{name}.yml", yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m analysis.training.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="folder holding the public datasets (ptc/, newsmtsc/)")
    parser.add_argument("--only", choices=["loaded_language", "target_sentiment", "attribution_cues", "article_tone"])
    args = parser.parse_args(argv)
    if args.only in (None, "loaded_language"):
        print(yaml.safe_dump(train_loaded_language(args.data), sort_keys=False))
    if args.only in (None, "target_sentiment"):
        print(yaml.safe_dump(train_target_sentiment(args.data), sort_keys=False))
    if args.only in (None, "attribution_cues"):
        print(yaml.safe_dump(train_attribution_cues(args.data), sort_keys=False))
    if args.only in (None, "article_tone"):  # after target_sentiment: it reads that model's mention scores
        print(yaml.safe_dump(train_article_tone(args.data), sort_keys=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
