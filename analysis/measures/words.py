"""Which words each article uses, and how alike the articles' vocabularies are.

* ``distinctive_words``: which words and two-word phrases each article uses more than
  the others, by the log-odds ratio with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008, "Fightin' Words"), one article against all the others.
* ``similarity``: TF-IDF cosine similarity between whole articles, and an order that
  puts similar articles next to each other (average-linkage clustering).

Both read the articles' parsed texts (the tokens of their annotations). With one
article per outlet these describe articles, not outlets.
"""

from collections import Counter

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.annotation import annotate_story
from analysis.text.document import parse_text

# Stop words: scikit-learn's English list and the "n't" the tokenizer splits off ("was n't aware"),
# which would otherwise count as a word and pair with the next one ("n't aware").
STOP_WORDS = ENGLISH_STOP_WORDS | {"n't"}
DISTINCTIVE_COLUMNS = ["article_id", "term", "words", "count", "count_others", "per_1000", "log_odds", "z"]


def documents(story):
    """``{article_id: Document}`` of a ``Story`` (from its annotations), or of a table with
    ``article_id`` and ``body`` columns (parsed here)."""
    if hasattr(story, "articles"):
        return {article_id: note.doc for article_id, note in annotate_story(story).items()}
    return {article_id: parse_text(body) for article_id, body in zip(story["article_id"], story["body"])}


def term_counts(story, ngrams=(1, 2), drop_stopwords=True):
    """How often each term (word or two-word phrase) occurs in each article's body.

    Words are the normalised word tokens (lower case, straight apostrophes); a
    two-word phrase is two word tokens next to each other in one sentence. With
    ``drop_stopwords``, stop words (``STOP_WORDS``) and phrases that
    begin or end with one ("the calls", "calls were") are left out.

    Returns:
        DataFrame with one row per term and one column per article (counts).

    >>> import pandas as pd
    >>> table = term_counts(pd.DataFrame({"article_id": ["a"], "body": ["The calls were secret calls."]}))
    >>> table["a"].to_dict()
    {'calls': 2, 'secret': 1, 'secret calls': 1}
    """
    columns = {}
    for article_id, doc in documents(story).items():
        counts = Counter()
        norms, kinds, sentence_ids = doc.norms, doc.kinds, doc.sentence_ids
        for i, norm in enumerate(norms):
            if kinds[i] != "word":
                continue
            if 1 in ngrams and not (drop_stopwords and norm in STOP_WORDS):
                counts[norm] += 1
            if 2 in ngrams and i + 1 < len(norms) and kinds[i + 1] == "word" \
                    and sentence_ids[i + 1] == sentence_ids[i]:
                pair = (norm, norms[i + 1])
                if not (drop_stopwords and any(word in STOP_WORDS for word in pair)):
                    counts[" ".join(pair)] += 1
        columns[article_id] = counts
    table = pd.DataFrame(columns).fillna(0).astype(int)
    return table.sort_index()


def distinctive_words(story, ngrams=(1, 2), prior=None, min_count=2, top=10, drop_stopwords=True):
    """The terms each article uses more than the other articles, with z-scores.

    For article *i* against the rest *r*, term *w* with counts *y* and article
    lengths *n*, and prior counts *a_w* summing to *a0*:
    ``log_odds = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_rw + a_w) / (n_r + a0 - y_rw - a_w))``,
    ``z = log_odds / sqrt(1 / (y_iw + a_w) + 1 / (y_rw + a_w))`` (Monroe et al. 2008, eq. 22).

    Args:
        story: a ``Story`` (or a table with ``article_id`` and ``body``).
        ngrams: (1,), (2,) or (1, 2).
        prior: a Series of prior counts by term (e.g. counts from a large background
            corpus). Default: the story's own pooled counts, which shrinks rare terms
            toward "not distinctive".
        min_count: a term must occur at least this often in the article to be listed;
            only terms the article uses more than the others (z > 0) are listed.
        top: how many terms per article (highest z first); None for all.

    Returns:
        DataFrame with ``DISTINCTIVE_COLUMNS``; ``per_1000`` is the term's rate per
        1,000 counted terms of the article.

    Caveat: with one short article per outlet the counts are small; |z| below about
    2 is weak evidence, and every term describes one article, not an outlet.
    """
    counts = term_counts(story, ngrams, drop_stopwords)
    pooled = counts.sum(axis=1)
    alpha = (pooled if prior is None else prior.reindex(counts.index).fillna(0)).astype(float) + 0.01
    alpha0 = alpha.sum()
    rows = []
    for article_id in counts.columns:
        mine = counts[article_id].astype(float)
        others = pooled - mine
        n_mine, n_others = mine.sum(), others.sum()
        log_odds = (np.log((mine + alpha) / (n_mine + alpha0 - mine - alpha))
                    - np.log((others + alpha) / (n_others + alpha0 - others - alpha)))
        z = log_odds / np.sqrt(1.0 / (mine + alpha) + 1.0 / (others + alpha))
        table = pd.DataFrame({"article_id": article_id, "term": counts.index, "words": int(n_mine),
                              "count": mine.astype(int), "count_others": others.astype(int),
                              "per_1000": (1000 * mine / n_mine).round(2) if n_mine else 0.0,
                              "log_odds": log_odds.round(4), "z": z.round(3)})
        table = table[(table["count"] >= min_count) & (table["z"] > 0)].sort_values(
            ["z", "term"], ascending=[False, True])
        table = _without_parts_of_phrases(table)
        rows.append(table.head(top) if top else table)
    return pd.concat(rows, ignore_index=True)[DISTINCTIVE_COLUMNS] if rows else pd.DataFrame(
        columns=DISTINCTIVE_COLUMNS)


def _without_parts_of_phrases(table):
    """Leave out near-duplicates, so one expression does not fill two places: a word when a
    listed phrase holds at least half of its uses ("mark" when 7 of its 10 uses are in "mark
    esper"), then a phrase when another listed term sharing one of its words has a z at least
    as high ("mark esper" beside "esper"; "secretary mark" beside "mark esper")."""
    phrases = table[table["term"].str.contains(" ")]
    held = {}
    for term, count in zip(phrases["term"], phrases["count"]):
        for word in set(term.split()):
            held[word] = max(held.get(word, 0), count)
    table = table[[" " in term or held.get(term, 0) * 2 < count for term, count in zip(table["term"], table["count"])]]
    listed = list(zip(table["term"], table["z"]))
    return table[[" " not in term or not any(other != term and set(other.split()) & set(term.split()) and z_other >= z
                                             for other, z_other in listed)
                  for term, z in listed]]


# --- similarity -----------------------------------------------------------------------------

def content_stems(doc):
    """Stems of a ``Document``'s words and numbers, stop words left out."""
    return [word_stem for word_stem, norm, kind in zip(doc.stems, doc.norms, doc.kinds)
            if kind in ("word", "number") and norm not in ENGLISH_STOP_WORDS]


def tfidf_cosine(stem_lists):
    """Cosine similarity of every pair of texts given as lists of stems (TF-IDF, sublinear counts)."""
    vectors = TfidfVectorizer(analyzer=list, sublinear_tf=True).fit_transform(stem_lists)
    return (vectors @ vectors.T).toarray()


def similarity(story):
    """TF-IDF cosine similarity between the articles (stemmed words, stop words left out).

    Returns:
        ``(matrix, order)``: a square DataFrame indexed both ways by ``article_id``
        (1.0 on the diagonal), and the article ids in average-linkage clustering order
        (articles that resemble each other next to each other).
    """
    docs = documents(story)
    ids = list(docs)
    matrix = pd.DataFrame(tfidf_cosine([content_stems(doc) for doc in docs.values()]).round(4), index=ids, columns=ids)
    if len(ids) < 3:
        return matrix, ids
    return matrix, [ids[i] for i in leaves_list(clustering(matrix))]


def clustering(matrix):
    """Average-linkage clustering of a similarity matrix (distance = 1 - cosine), as
    scipy's linkage table; ``scipy.cluster.hierarchy.dendrogram`` draws it."""
    return linkage(squareform((1.0 - matrix.to_numpy()).clip(0), checks=False), method="average")
