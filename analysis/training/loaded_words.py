"""Loaded words across datasets: one word table per public dataset, and the word model.

Three datasets mark loaded or biased words in news, each in its own way:

* **PTC** (Propaganda Techniques Corpus v2): spans of propaganda techniques in 371
  articles; a word is loaded when it lies in a ``Loaded_Language`` or
  ``Name_Calling,Labeling`` span. Groups: articles.
* **BABE** (Bias Annotations By Experts, SG2): single sentences from 13 topics, each
  with the words the experts marked as biased and a Biased / Non-biased label. A word
  is loaded when the experts listed it for its sentence. Groups: topics.
* **BASIL** (2010-2013): 120 whole articles, 40 events told by three outlets, with
  lexical-bias spans. A word is loaded when it lies in a lexical (``lex``) span.
  Groups: events.

``word_table`` reads one of them into a ``WordTable``: the parsed documents, one row per
word token (document, group, offsets, gold label) and what the dataset's own scores
(``loaded_scores``) need.

The word model (``fit_word_model``) is one logistic regression over the three datasets
together: each dataset weighs the same, and so do loaded and other words. It is fitted on
the words it may flag (``WordTable.model_may_flag``: content words, not denied, not left to
another table), since it is never asked about the others. Besides the features the detector
computes (``word_token_features``), training reads each word's membership, by stem, in the
bias lexicons (``datasets.read_bias_lexicons``) and its stem's vector and statistics counted
from unlabelled news (``word_vectors``, ``stem_statistics``), and the mean vector of the other
content words of its sentence (``loaded.sentence_context``); ``folded_weights`` adds those
weights into each stem's own weight (``s=<stem>``) and its weight in the words around another
(``c=<stem>``), so the shipped CSV holds at most two numbers per stem.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.model_selection import GroupKFold

from analysis.detectors.loaded import (FUNCTION_WORDS, denied, loaded_rows, not_loaded_positions, sentence_context,
                                       word_token_features)
from analysis.text.document import parse_text
from analysis.text.matching import stem
from analysis.training import datasets
from analysis.training.fitting import fit_converged, logistic_regression
from analysis.training.loaded_scores import overlaps

LOADED_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
MODEL_KINDS = ("word", "censored")
DATASETS = ("ptc", "babe", "basil")
# Inverse regularisation: mean CV word F1 0.266 / 0.267 / 0.264 / 0.262 / 0.261 at C 0.015 / 0.03 / 0.0625 / 0.125 / 0.5
C = 0.03
FOLDS = 5
# A word's own weight (s=<stem>) is learned only for stems seen in at least this many documents of at
# least this many datasets: a word that only one collection uses (a topic noun of one BABE topic, "dog"
# in three sentences) is then judged by what it looks like, its valence, vector and the bias lexicons.
# Once the model was fitted on content words only, the mean CV word F1 over the three datasets was
# 0.219 / 0.228 / 0.231 / 0.232 / 0.232 at 20 / 10 / 5 / 3 / 2 documents (two datasets each): 5 keeps
# more evidence behind each learned word for a difference CV cannot tell apart from 3.
IDENTITY_MIN_DOCUMENTS, IDENTITY_MIN_DATASETS = 5, 2


@dataclass
class WordTable:
    """One dataset's word tokens.

    Attributes:
        name: ``ptc``, ``babe`` or ``basil``.
        docs: the parsed documents (``Document``), in order.
        positions: per document, the token positions of its words (``MODEL_KINDS``).
        table: one row per word: ``doc``, ``group``, ``start``, ``end``, ``norm``, ``gold``
            (the dataset's loaded label) and, for PTC, ``strict`` (inside a Loaded_Language
            or Name_Calling span, the same as ``gold``) and ``any_span`` (inside a span of
            any technique).
        spans: per document, the gold spans that recall counts (``{kind: [(start, end)]}``).
        sentence_labels: BABE only: per document (one sentence), True / False / None.
    """
    name: str
    docs: list
    positions: list
    table: pd.DataFrame
    spans: list = field(default_factory=list)
    sentence_labels: list = field(default_factory=list)

    @property
    def groups(self):
        return self.table["group"].to_numpy()

    @cached_property
    def model_may_flag(self):
        """For each word, whether the detector's rules let the word model flag it: it is a
        content word (not in ``FUNCTION_WORDS``), not denied (``denied``), not a naming word or
        set phrase, not a reporting verb, hedge or booster (``not_loaded_positions``). The
        model is trained on these words only."""
        return _model_may_flag(self)


def word_table(name, data_dir):
    """The ``WordTable`` of one dataset (``ptc``, ``babe`` or ``basil``) in ``data_dir``."""
    reader = {"ptc": _ptc_documents, "babe": _babe_documents, "basil": _basil_documents}[name]
    docs, positions, rows, spans, labels = [], [], [], [], []
    for number, (group, text, gold_of, doc_spans, label) in enumerate(reader(data_dir)):
        doc = parse_text(text)
        words = [i for i, kind in enumerate(doc.kinds) if kind in MODEL_KINDS]
        for i in words:
            rows.append((number, group, doc.starts[i], doc.ends[i], doc.norms[i], *gold_of(doc, i)))
        docs.append(doc)
        positions.append(words)
        spans.append(doc_spans)
        labels.append(label)
    columns = ["doc", "group", "start", "end", "norm", "gold"] + (["any_span"] if name == "ptc" else [])
    return WordTable(name, docs, positions, pd.DataFrame(rows, columns=columns), spans,
                     labels if name == "babe" else [])


def _ptc_documents(data_dir):
    for article_id, (text, spans) in datasets.read_ptc(data_dir).items():
        loaded = [(s, e) for technique, s, e in spans if technique in LOADED_TECHNIQUES]
        every = [(s, e) for _, s, e in spans]
        by_technique = {t: [(s, e) for technique, s, e in spans if technique == t] for t in LOADED_TECHNIQUES}

        def gold_of(doc, i, loaded=loaded, every=every):
            return (overlaps(doc.starts[i], doc.ends[i], loaded), overlaps(doc.starts[i], doc.ends[i], every))
        yield article_id, text, gold_of, by_technique, None


def _babe_documents(data_dir):
    for row in datasets.read_babe(data_dir):
        marked = {word.lower() for word in row["biased_words"]}

        def gold_of(doc, i, marked=marked):
            return (doc.norms[i] in marked or doc.texts[i].lower() in marked,)
        yield row["topic"], row["text"], gold_of, {}, row["biased"]


def _basil_documents(data_dir):
    for article in datasets.read_basil(data_dir):
        lexical = [(s, e) for s, e, bias in article["spans"] if bias == "lex"]

        def gold_of(doc, i, lexical=lexical):
            return (overlaps(doc.starts[i], doc.ends[i], lexical),)
        yield article["event"], article["text"], gold_of, {"lex": lexical}, None


# --- the word model ---------------------------------------------------------------------------

def training_features(words, lexicons, identity):
    """The word model's features for every row of a ``WordTable``: ``word_token_features``
    (without ``s=<stem>`` unless the stem is in ``identity``, see ``identity_stems``) plus
    ``lex:<list>`` for each bias lexicon that holds the word's stem (by stem, so that
    ``folded_weights`` can move them into the ``s=<stem>`` weights)."""
    membership = lexicon_membership(lexicons)
    rows = []
    for doc in words.docs:
        for features in word_token_features(doc)[1]:
            key = next(key for key in features if key.startswith("s="))
            if key[2:] not in identity:
                features.pop(key)
            rows.append({**features, **{name: 1.0 for name in membership.get(key[2:], ())}})
    return rows


def identity_stems(tables):
    """The stems whose own weight the model learns: seen in at least ``IDENTITY_MIN_DOCUMENTS``
    documents of at least ``IDENTITY_MIN_DATASETS`` of the datasets."""
    documents, datasets_of = defaultdict(int), defaultdict(set)
    for words in tables:
        for doc, positions in zip(words.docs, words.positions):
            for word_stem in {doc.stems[i] for i in positions}:
                documents[word_stem] += 1
                datasets_of[word_stem].add(words.name)
    return {word_stem for word_stem, count in documents.items()
            if count >= IDENTITY_MIN_DOCUMENTS and len(datasets_of[word_stem]) >= IDENTITY_MIN_DATASETS}


def lexicon_membership(lexicons):
    """``{stem: [feature names]}``: the ``lex:<list>`` features each stem carries."""
    membership = defaultdict(list)
    for name, words in sorted(lexicons.items()):
        for word_stem in sorted({stem(word) for word in words}):
            membership[word_stem].append(f"lex:{name}")
    return membership


def balanced_weights(labels_by_dataset):
    """Sample weights giving each dataset the same total, and within all of them loaded and
    other words the same total (so the large PTC does not drown BABE's sentences)."""
    weights = np.concatenate([np.full(len(labels), 1.0 / len(labels)) for labels in labels_by_dataset])
    labels = np.concatenate(labels_by_dataset).astype(bool)
    weights *= np.where(labels, 0.5 / weights[labels].sum(), 0.5 / weights[~labels].sum())
    return weights * len(labels) / weights.sum()


def fit_word_model(matrices, labels):
    """A logistic regression fitted to convergence on several datasets at once (lists of sparse
    matrices and label arrays, one per dataset; see ``balanced_weights``)."""
    return fit_converged(logistic_regression(C), sparse.vstack(matrices).tocsr(), np.concatenate(labels),
                         balanced_weights(labels), "word model")


def group_folds(groups, folds=FOLDS):
    """Fold number of each row, whole groups to a fold (scikit-learn's GroupKFold)."""
    fold_of = np.zeros(len(groups), dtype=int)
    for fold, (_, test) in enumerate(GroupKFold(folds).split(groups, groups, groups)):
        fold_of[test] = fold
    return fold_of


def trained_rows(tables, matrices, labels):
    """The rows the word model is fitted on (``WordTable.model_may_flag``): ``(matrices, labels)``."""
    keep = [words.model_may_flag for words in tables]
    return [m[k] for m, k in zip(matrices, keep)], [y[k] for y, k in zip(labels, keep)]


def cross_validated_probabilities(tables, matrices, labels, folds=FOLDS):
    """Out-of-fold probabilities for every word of every dataset at once: fold k leaves out a
    k-th of each dataset's groups (PTC articles, BABE topics, BASIL events) and trains on the
    words the model may flag in the rest of all (``trained_rows``)."""
    fold_of = [group_folds(words.groups, folds) for words in tables]
    keep = [words.model_may_flag for words in tables]
    probabilities = [np.zeros(len(y)) for y in labels]
    for fold in range(folds):
        model = fit_word_model([m[(f != fold) & k] for m, f, k in zip(matrices, fold_of, keep)],
                               [y[(f != fold) & k] for y, f, k in zip(labels, fold_of, keep)])
        for number, (matrix, f) in enumerate(zip(matrices, fold_of)):
            if (f == fold).any():
                probabilities[number][f == fold] = model.predict_proba(matrix[f == fold])[:, 1]
    return probabilities


def folded_weights(model, names, membership, columns=()):
    """The fitted weights as the detector reads them: ``bias`` first, then one row per feature,
    with each stem's ``lex:`` weights and its score in each of ``columns`` (``StemColumns.stem_scores``)
    added into its ``s=<stem>`` weight (a stem without one gets a row of its own), or, for columns
    read over the sentence (``scope`` ``sentence``), into its ``c=<stem>`` weight."""
    weights = dict(zip(names, model.coef_[0].tolist()))
    column_names = {name for table in columns for name in table.names}
    folded = {key: value for key, value in weights.items() if not key.startswith("lex:") and key not in column_names}
    extra = Counter({word_stem: sum(weights.get(name, 0.0) for name in members)
                     for word_stem, members in membership.items()})
    context = Counter()
    for table in columns:  # Counter.update adds
        (context if table.scope == "sentence" else extra).update(
            table.stem_scores([weights[name] for name in table.names]))
    for prefix, scores in (("s=", extra), ("c=", context)):
        for word_stem, value in scores.items():
            if value:
                folded[prefix + word_stem] = folded.get(prefix + word_stem, 0.0) + value
    table = pd.DataFrame(sorted(folded.items()), columns=["feature", "weight"])
    return pd.concat([pd.DataFrame({"feature": ["bias"], "weight": [float(model.intercept_[0])]}), table],
                     ignore_index=True)


def vectorise(tables, lexicons, columns=()):
    """``(names, matrices)``: the feature names and one sparse matrix per ``WordTable`` over them
    (``training_features``, then the row of each word's stem in each of ``columns``, ``StemColumns``)."""
    identity = identity_stems(tables)
    features = [training_features(words, lexicons, identity) for words in tables]
    vectorizer = DictVectorizer().fit([row for rows in features for row in rows])
    names = vectorizer.get_feature_names_out().tolist()
    matrices = [vectorizer.transform(rows).tocsr() for rows in features]
    if not columns:
        return names, matrices
    stems = [[stem(norm) for norm in words.table["norm"]] for words in tables]
    return (names + [name for table in columns for name in table.names],
            [sparse.hstack([matrix] + [sparse.csr_matrix(_column_rows(table, words, row_stems)) for table in columns])
             .tocsr() for matrix, words, row_stems in zip(matrices, tables, stems)])


def _column_rows(table, words, stems):
    """The rows of one ``StemColumns`` for a ``WordTable``'s words (``stems``, in table order)."""
    rows = table.rows(stems)
    if table.scope != "sentence":
        return rows
    blocks, first = [], 0
    for doc, positions in zip(words.docs, words.positions):
        blocks.append(sentence_context(doc, positions, rows[first:first + len(positions)]))
        first += len(positions)
    return np.vstack(blocks) if blocks else rows


def detector_flags(words, use_model=True):
    """For each word of a ``WordTable``, whether the shipped detector (``loaded_rows``: the
    curated lexicon, and the word model unless ``use_model`` is false) flags it."""
    flags = []
    for doc, positions in zip(words.docs, words.positions):
        covered = set()
        for hit in loaded_rows(doc, use_model=use_model):
            if not hit.get("denied"):
                covered.update(range(hit["first_token"], hit["last_token"] + 1))
        flags += [i in covered for i in positions]
    return np.array(flags, dtype=bool)


def model_flags(words, probabilities, threshold):
    """For each word of a ``WordTable``, whether the word model flags it given its probability
    (out-of-fold in evaluation) and the detector's rules: not a denied word, not a naming word,
    not a reporting verb, hedge or booster."""
    return (np.asarray(probabilities) >= threshold) & words.model_may_flag


def _model_may_flag(words):
    allowed = []
    for doc, positions in zip(words.docs, words.positions):
        excluded = not_loaded_positions(doc)
        allowed += [position not in excluded and doc.norms[position] not in FUNCTION_WORDS
                    and not denied(doc, position) for position in positions]
    return np.array(allowed, dtype=bool)
