"""Four numbers per stem, counted from the AllSides article-bias corpus, for the word model's training.

A topic word and a loaded word can look alike to the word model (both are content words,
both may carry a VADER valence: "racism", "abortion", "slammed"), but they are used differently
across ten thousand articles nobody labelled for loaded words:

* ``stat:topic``: how much the stem keeps to a few of the corpus's topics, the Kullback-Leibler
  divergence of P(topic | stem) from P(topic). Topic words score high ("abortion", "climate"),
  evaluative words low ("slammed", "outrage", "great").
* ``stat:centre``: the log of the share of the stem's articles that come from outlets AllSides
  rates centre, over the share of all articles that do: words centre outlets avoid score below 0.
* ``stat:common``: log(1 + the number of articles the stem occurs in).
* ``stat:valence``: the mean |VADER valence| of the other words of the sentences the stem occurs in
  (as the detector's ``sent_val``), less the same mean over every word: words of evaluative
  sentences score above 0.

A stem's topic and centre counts are smoothed toward the whole corpus with ``TOPIC_SMOOTHING``
and ``CENTRE_SMOOTHING`` pseudo-articles, its valence with ``VALENCE_SMOOTHING`` pseudo-occurrences,
so a rare stem reads near 0, the value of a stem the corpus never saw (the detector has no row
for it; ``stat:common`` is 0 for it by definition). The amounts of smoothing were set beforehand,
not tuned. Only stems in at least ``MIN_DOCUMENTS`` articles get a row.

Like the word vectors, the statistics are used in training only: their fitted weights are folded
into each stem's own weight (``StemColumns.stem_scores``).
"""

import re

import numpy as np
import scipy.sparse as sparse

from analysis.detectors.loaded import SENTENCE_VALENCE_WORDS
from analysis.detectors.sentiment import vader_lexicon
from analysis.text.matching import stem
from analysis.text.parse import normalise
from analysis.training import datasets
from analysis.training.word_vectors import WORD, StemColumns

NAMES = ["stat:topic", "stat:centre", "stat:common", "stat:valence"]
CENTRE = 1  # AllSides' rating of a centre outlet
MIN_DOCUMENTS = 3
TOPIC_SMOOTHING = 20
CENTRE_SMOOTHING = 10
VALENCE_SMOOTHING = 5
# Sentences and words by two regular expressions, as word_vectors counts them: the project's parser
# (parse_text) reads about 350 AllSides articles a second, so it would more than double this count.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def news_records(data_dir):
    """The articles the statistics are counted from: the AllSides shards (``text``, ``topic``, ``bias``)."""
    return datasets.read_allsides_records(data_dir)


def stem_statistics(records, min_documents=MIN_DOCUMENTS):
    """``StemColumns`` named ``NAMES`` counted from ``records`` (dicts with ``text``, ``topic`` and
    ``bias``): the same records give the same numbers."""
    valences = vader_lexicon()
    words_of, topic_index, stem_index = {}, {}, {}
    article_topic, article_centre, article_stems, valence_sums, occurrences = [], [], [], [], []
    for record in records:
        article_topic.append(topic_index.setdefault(record["topic"], len(topic_index)))
        article_centre.append(record["bias"] == CENTRE)
        seen = set()
        for sentence in _SENTENCE_END.split(record["text"]):
            words = []
            for word in WORD.findall(sentence):
                if word not in words_of:
                    norm = normalise(word)
                    row = stem_index.setdefault(stem(norm), len(stem_index))
                    if row == len(valence_sums):
                        valence_sums.append(0.0)
                        occurrences.append(0)
                    words_of[word] = (row, abs(valences.get(norm, 0.0)))
                words.append(words_of[word])
            total = sum(strength for _, strength in words)
            for row, strength in words:  # the mean over the other words, as the detector's sent_val
                valence_sums[row] += (total - strength) / max(len(words) - 1, SENTENCE_VALENCE_WORDS)
                occurrences[row] += 1
                seen.add(row)
        article_stems.append(np.array(sorted(seen), dtype=int))
    size = len(stem_index)
    rows = np.concatenate(article_stems) if article_stems else np.zeros(0, dtype=int)
    articles = np.repeat(np.arange(len(article_stems)), [len(found) for found in article_stems])
    documents = np.bincount(rows, minlength=size)
    stems = sorted(word_stem for word_stem, row in stem_index.items() if documents[row] >= min_documents)
    keep = np.array([stem_index[word_stem] for word_stem in stems], dtype=int)
    if not len(keep):
        return StemColumns([], np.zeros((0, len(NAMES))), list(NAMES))
    topics, centre = np.array(article_topic), np.array(article_centre, dtype=float)
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, topics[articles])), shape=(size, len(topic_index)))
    matrix = np.column_stack([
        _topic_concentration(counts[keep].toarray(), np.bincount(topics) / len(topics)),
        _centre_share(np.bincount(rows, centre[articles], size)[keep], documents[keep], centre.mean()),
        np.log1p(documents[keep]),
        _sentence_valence(np.array(valence_sums), np.array(occurrences, dtype=float))[keep]])
    return StemColumns(stems, np.round(matrix, 6), list(NAMES))


def _topic_concentration(counts, prior, smoothing=TOPIC_SMOOTHING):
    """Per row of article counts by topic: KL(smoothed P(topic | stem) || P(topic)) (``prior``)."""
    shares = (counts + smoothing * prior) / (counts.sum(axis=1, keepdims=True) + smoothing)
    return (shares * np.log(shares / prior)).sum(axis=1)  # every topic has articles, so no share is 0


def _centre_share(centre, documents, prior, smoothing=CENTRE_SMOOTHING):
    """log(smoothed share of a stem's articles from centre outlets / the share of all articles)."""
    if not 0 < prior < 1:
        return np.zeros(len(documents))
    return np.log((centre + smoothing * prior) / (documents + smoothing) / prior)


def _sentence_valence(sums, occurrences, smoothing=VALENCE_SMOOTHING):
    """Per stem: the mean sentence valence over its occurrences, smoothed toward the mean over all
    occurrences, less that mean."""
    overall = sums.sum() / occurrences.sum()
    return (sums + smoothing * overall) / (occurrences + smoothing) - overall
