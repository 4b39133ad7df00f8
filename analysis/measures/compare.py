"""Compare the articles of a story: distinctive words, similarity, naming choices, coverage.

* ``distinctive_words``: which words and two-word phrases each article uses more than
  the others, by the log-odds ratio with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008, "Fightin' Words"), one article against all the others.
* ``similarity``: TF-IDF cosine similarity between whole articles, and an order that
  puts similar articles next to each other (average-linkage clustering).
* ``naming_choices``: how each article names the same thing, from the story's
  ``naming.yml`` (a referent, its variants, and the phrases of each variant).
* ``fact_coverage``: which facts each article carries and where, from the story's
  ``facts.yml`` when there is one, else by aligning similar sentences across articles.
* ``headline_and_lead``: the headline and the first paragraph against the rest of the
  article (loaded words, hedges and boosters, sentiment).

With one article per outlet these describe articles, not outlets.
"""

from collections import Counter

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.stories.corpus import is_word_list, load_story_file
from analysis.text.matching import compile_phrases, find_phrases, stem
from analysis.text.parse import sentences, tokens

DISTINCTIVE_COLUMNS = ["article_id", "term", "words", "count", "count_others", "per_1000", "log_odds", "z"]
NAMING_COLUMNS = ["referent", "variant", "article_id", "count", "examples", "first_start"]
LEAD_COLUMNS = ["article_id", "part", "text", "words", "loaded_per_1000", "hedges_boosters_per_1000",
                "mean_sentiment", "most_negative_sentiment"]
COVERAGE_COLUMNS = ["fact_id", "fact", "article_id", "carried", "sentence_id", "position", "sentence"]


# --- distinctive words ----------------------------------------------------------------------

def term_counts(corpus, ngrams=(1, 2), drop_stopwords=True):
    """How often each term (word or two-word phrase) occurs in each article's body.

    Words are the normalised word tokens (lower case, straight apostrophes); a
    two-word phrase is two word tokens next to each other in one sentence. With
    ``drop_stopwords``, stop words (scikit-learn's English list) and phrases that
    begin or end with one ("the calls", "calls were") are left out.

    Returns:
        DataFrame with one row per term and one column per article (counts).

    >>> import pandas as pd
    >>> table = term_counts(pd.DataFrame({"article_id": ["a"], "body": ["The calls were secret calls."]}))
    >>> table["a"].to_dict()
    {'calls': 2, 'secret': 1, 'secret calls': 1}
    """
    columns = {}
    for article_id, body in zip(corpus["article_id"], corpus["body"]):
        table = tokens(body)
        counts = Counter()
        norms, kinds, sentence_ids = table["norm"].tolist(), table["kind"].tolist(), table["sentence_id"].tolist()
        for i, norm in enumerate(norms):
            if kinds[i] != "word":
                continue
            if 1 in ngrams and not (drop_stopwords and norm in ENGLISH_STOP_WORDS):
                counts[norm] += 1
            if 2 in ngrams and i + 1 < len(norms) and kinds[i + 1] == "word" \
                    and sentence_ids[i + 1] == sentence_ids[i]:
                pair = (norm, norms[i + 1])
                if not (drop_stopwords and any(word in ENGLISH_STOP_WORDS for word in pair)):
                    counts[" ".join(pair)] += 1
        columns[article_id] = counts
    table = pd.DataFrame(columns).fillna(0).astype(int)
    return table.sort_index()


def distinctive_words(corpus, ngrams=(1, 2), prior=None, min_count=2, top=10, drop_stopwords=True):
    """The terms each article uses more than the other articles, with z-scores.

    For article *i* against the rest *r*, term *w* with counts *y* and article
    lengths *n*, and prior counts *a_w* summing to *a0*:
    ``log_odds = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_rw + a_w) / (n_r + a0 - y_rw - a_w))``,
    ``z = log_odds / sqrt(1 / (y_iw + a_w) + 1 / (y_rw + a_w))`` (Monroe et al. 2008, eq. 22).

    Args:
        corpus: ``load_corpus`` rows (``article_id``, ``body``).
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
    counts = term_counts(corpus, ngrams, drop_stopwords)
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
    """Leave out a word that occurs only inside a listed phrase ("global" when "global
    times" has the same counts), so one expression does not fill two places."""
    phrases = table[table["term"].str.contains(" ")]
    counts = {}
    for term, count, others in zip(phrases["term"], phrases["count"], phrases["count_others"]):
        for word in term.split():
            counts.setdefault(word, set()).add((count, others))
    keep = [not (" " not in term and (count, others) in counts.get(term, ()))
            for term, count, others in zip(table["term"], table["count"], table["count_others"])]
    return table[keep]


# --- similarity -----------------------------------------------------------------------------

def _content_stems(text):
    table = tokens(text)
    return [stem(norm) for norm, kind in zip(table["norm"], table["kind"])
            if kind in ("word", "number") and norm not in ENGLISH_STOP_WORDS]


def similarity(corpus):
    """TF-IDF cosine similarity between the articles (stemmed words, stop words left out).

    Returns:
        ``(matrix, order)``: a square DataFrame indexed both ways by ``article_id``
        (1.0 on the diagonal), and the article ids in average-linkage clustering order
        (articles that resemble each other next to each other).
    """
    from scipy.cluster.hierarchy import leaves_list

    ids = list(corpus["article_id"])
    matrix = pd.DataFrame(_tfidf_cosine(corpus["body"]).round(4), index=ids, columns=ids)
    if len(ids) < 3:
        return matrix, ids
    return matrix, [ids[i] for i in leaves_list(clustering(matrix))]


def clustering(matrix):
    """Average-linkage clustering of a similarity matrix (distance = 1 - cosine), as
    scipy's linkage table; ``scipy.cluster.hierarchy.dendrogram`` draws it."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    return linkage(squareform((1.0 - matrix.to_numpy()).clip(0), checks=False), method="average")


# --- naming choices -------------------------------------------------------------------------

def load_naming(story, corpus_dir=None):
    """A story's referents and the variants of their names, from ``naming.yml``.

    The file maps each referent to its variants and each variant to the phrases
    that express it (matched like lexicon terms, whatever the inflection)::

        referents:
          January 6:
            coup: [coup, coup plotters]
            storming of the Capitol: [storming of the US Capitol, storm Capitol Hill]

    Returns:
        DataFrame with ``referent``, ``variant`` and ``term`` (one row per phrase);
        empty when the story has no naming file.
    """
    data = load_story_file(story, "naming.yml", "referents", corpus_dir, check=_check_naming)
    rows = []
    for referent, variants in data.items():
        for variant, terms in variants.items():
            rows += [{"referent": referent, "variant": variant, "term": term, "category": variant} for term in terms]
    return pd.DataFrame(rows, columns=["referent", "variant", "term", "category"])


def naming_choices(corpus, naming):
    """Where each article uses each variant of each referent.

    Args:
        corpus: ``load_corpus`` rows.
        naming: ``load_naming(story)``.

    Returns:
        DataFrame with ``NAMING_COLUMNS``: per referent, variant and article, how
        often the variant occurs, the words as written (up to three, ``; ``-joined)
        and where it first occurs (character offset in the body).
    """
    if naming.empty:
        return pd.DataFrame(columns=NAMING_COLUMNS)
    rows = []
    token_tables = [tokens(body) for body in corpus["body"]]
    for referent, lexicon in naming.groupby("referent", sort=False):
        entries = compile_phrases(lexicon.reset_index(drop=True))
        for article_id, body, token_table in zip(corpus["article_id"], corpus["body"], token_tables):
            found = {}
            for hit in find_phrases(token_table, entries):
                variant = hit["row"].variant
                found.setdefault(variant, []).append((hit["start"], body[hit["start"]:hit["end"]]))
            for variant, hits in found.items():
                examples = list(dict.fromkeys(text for _, text in hits))[:3]
                rows.append({"referent": referent, "variant": variant, "article_id": article_id,
                             "count": len(hits), "examples": "; ".join(examples), "first_start": hits[0][0]})
    return pd.DataFrame(rows, columns=NAMING_COLUMNS)


def naming_table(choices, article_ids):
    """Side by side: one row per referent, one column per article, the variants it uses.

    Each cell lists the article's variants of that referent, most frequent first, with
    their counts ("coup (4), January 6 (3)"); empty when the article never names it.
    """
    cells = {}
    for (referent, article_id), group in choices.groupby(["referent", "article_id"], sort=False):
        group = group.sort_values(["count", "first_start"], ascending=[False, True])
        cells[(referent, article_id)] = ", ".join(f"{v} ({c})" for v, c in zip(group["variant"], group["count"]))
    referents = list(dict.fromkeys(choices["referent"]))
    return pd.DataFrame([[cells.get((r, a), "") for a in article_ids] for r in referents],
                        index=pd.Index(referents, name="referent"), columns=list(article_ids))


# --- facts: selection and omission ----------------------------------------------------------

def load_facts(story, corpus_dir=None):
    """A story's curated facts, from ``facts.yml`` (empty when there is none).

    Each fact has an ``id``, a one-line ``fact`` and ``patterns``: a sentence
    carries the fact when it holds every term of at least one pattern (terms matched
    by stem, so "call" finds "calls" and "called")::

        facts:
          - id: two-calls
            fact: Milley called Gen. Li Zuocheng twice
            patterns: [[Li, call], [Milley, Chinese counterpart]]
    """
    data = load_story_file(story, "facts.yml", "facts", corpus_dir, kind=list, check=_check_facts)
    return [dict(fact) for fact in data]


def _check_naming(referents):
    for referent, variants in referents.items():
        if not isinstance(variants, dict) or not variants or not all(is_word_list(t) for t in variants.values()):
            return (f"referent '{referent}' needs its variants, one per line, each with a list of phrases: "
                    "'variant: [phrase, phrase]'")
    return None


def _check_facts(facts):
    ids = set()
    for number, fact in enumerate(facts, 1):
        if not isinstance(fact, dict) or set(fact) != {"id", "fact", "patterns"}:
            return f"fact number {number} needs exactly three fields: id, fact, patterns"
        if not isinstance(fact["patterns"], list) or not fact["patterns"] or not all(
                is_word_list(pattern) for pattern in fact["patterns"]):
            return f"fact '{fact['id']}': patterns must be a list of lists of words, e.g. [[Milley, call]]"
        if fact["id"] in ids:
            return f"fact id '{fact['id']}' is used twice"
        ids.add(fact["id"])
    return None


def _sentence_table(corpus):
    frames = []
    for article_id, body in zip(corpus["article_id"], corpus["body"]):
        table = sentences(body)
        table["article_id"] = article_id
        table["position"] = (table["start"] / max(len(body), 1)).round(3)
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def _pattern_stems(pattern):
    return [tuple(stem(norm) for norm in tokens(term)["norm"]) for term in pattern]


def _holds(sentence_stems, term_stems):
    size = len(term_stems)
    return any(tuple(sentence_stems[i:i + size]) == term_stems for i in range(len(sentence_stems) - size + 1))


def _carries(table, facts):
    """A boolean matrix: does sentence i (row of ``_sentence_table``) carry fact j?"""
    stems = [[stem(norm) for norm in tokens(text)["norm"]] for text in table["text"]]
    carries = np.zeros((len(table), len(facts)), dtype=bool)
    for j, fact in enumerate(facts):
        patterns = [_pattern_stems(pattern) for pattern in fact["patterns"]]
        for i, sentence_stems in enumerate(stems):
            carries[i, j] = any(all(_holds(sentence_stems, term) for term in pattern) for pattern in patterns)
    return carries


def curated_coverage(corpus, facts):
    """Fact-by-article coverage from curated facts: the first sentence of each article
    that carries each fact (see ``load_facts``). Returns ``COVERAGE_COLUMNS``."""
    table = _sentence_table(corpus)
    carries = _carries(table, facts)
    articles = table["article_id"].to_numpy()
    rows = []
    for j, fact in enumerate(facts):
        for article_id in corpus["article_id"]:
            hits = np.flatnonzero(carries[:, j] & (articles == article_id))
            rows.append(_coverage_row(fact["id"], fact["fact"], article_id, table.iloc[hits[0]] if len(hits) else None))
    return _coverage_frame(rows)


def _tfidf_cosine(texts):
    """Cosine similarity of every pair of texts (TF-IDF of stemmed content words)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer=_content_stems, sublinear_tf=True).fit_transform(texts)
    return (vectors @ vectors.T).toarray()


def alignment_check(corpus, facts, thresholds=(0.2, 0.25, 0.3, 0.35, 0.4, 0.5)):
    """How far automatic sentence links agree with curated facts, per threshold.

    A pair of sentences from different articles "shares a fact" when both carry one
    of the curated facts. For each threshold: the number of links, their precision
    (share of links between sentences sharing a fact) and recall (share of
    fact-sharing pairs linked), and the share of all cross-article pairs linked.
    """
    table = _sentence_table(corpus)
    carries = _carries(table, facts).astype(int)
    shares = (carries @ carries.T) > 0
    similar = _tfidf_cosine(table["text"])
    articles = table["article_id"].to_numpy()
    pairs = np.triu(np.ones_like(shares), 1) & (articles[:, None] != articles[None, :])
    rows = []
    for threshold in thresholds:
        links = (similar >= threshold) & pairs
        rows.append({"threshold": threshold, "links": int(links.sum()),
                     "precision": round((links & shares).sum() / max(links.sum(), 1), 3),
                     "recall": round((links & shares).sum() / max((shares & pairs).sum(), 1), 3),
                     "share_of_pairs_linked": round(links.sum() / max(pairs.sum(), 1), 5)})
    return pd.DataFrame(rows)


def aligned_coverage(corpus, threshold=0.35, min_articles=2):
    """Fact-by-article coverage by aligning sentences across articles.

    Sentences are TF-IDF vectors of stemmed content words; two sentences of
    different articles are linked when their cosine similarity is at least
    ``threshold``; a group of linked sentences is one shared fact, named by its
    earliest sentence. Only groups spanning ``min_articles`` articles are kept.

    What the threshold means: on the seed story, 0.35 links the top 0.2% of
    cross-article sentence pairs (the median pair scores 0, the 99th percentile 0.20).
    Such links are mostly shared wording (the same quotation or tweet, copied wire
    text); paraphrases of one fact in different words are mostly missed (see
    ``alignment_check``), which is why a story can list its facts in ``facts.yml``.

    Returns ``COVERAGE_COLUMNS``; ``fact_id`` is ``auto-1``, ``auto-2``... in order of
    how many articles carry the fact.
    """
    from scipy.sparse.csgraph import connected_components

    table = _sentence_table(corpus)
    similar = _tfidf_cosine(table["text"])
    articles = table["article_id"].to_numpy()
    links = (similar >= threshold) & (articles[:, None] != articles[None, :])
    _, group = connected_components(links, directed=False)
    groups = []
    for label in np.unique(group):
        members = table[group == label]
        if members["article_id"].nunique() >= min_articles:
            groups.append(members)
    groups.sort(key=lambda m: (-m["article_id"].nunique(), m.index.min()))
    rows = []
    for number, members in enumerate(groups, 1):
        name = members.iloc[0]["text"]
        name = name if len(name) <= 90 else name[:87] + "..."
        for article_id in corpus["article_id"]:
            mine = members[members["article_id"] == article_id]
            rows.append(_coverage_row(f"auto-{number}", name, article_id, mine.iloc[0] if len(mine) else None))
    return _coverage_frame(rows)


def fact_coverage(corpus, story=None, corpus_dir=None, threshold=0.35):
    """Curated coverage when the story has ``facts.yml``, else aligned coverage.

    Returns:
        ``(coverage, method)`` with ``method`` "curated" or "aligned".
    """
    facts = load_facts(story, corpus_dir) if story else []
    if facts:
        return curated_coverage(corpus, facts), "curated"
    return aligned_coverage(corpus, threshold), "aligned"


def _coverage_frame(rows):
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS).astype(
        {"carried": bool, "sentence_id": int, "position": float, "sentence": str})


def _coverage_row(fact_id, fact, article_id, hit):
    if hit is None:
        return {"fact_id": fact_id, "fact": fact, "article_id": article_id, "carried": False,
                "sentence_id": -1, "position": np.nan, "sentence": ""}
    return {"fact_id": fact_id, "fact": fact, "article_id": article_id, "carried": True,
            "sentence_id": int(hit["sentence_id"]), "position": float(hit["position"]), "sentence": hit["text"]}


# --- headline and lead ----------------------------------------------------------------------

def headline_and_lead(corpus):
    """The headline and the lead (first paragraph) of each article against the rest of it.

    Returns:
        DataFrame with ``LEAD_COLUMNS``, three rows per article (``part`` = headline, lead,
        rest): words; loaded words (lexicon and word model, own voice and quoted) and
        hedges plus boosters, per 1,000 words; mean and lowest VADER compound score of the
        part's sentences. A headline the text does not give ("unknown") has no row.

    Caveat: a headline and a lead are a few dozen words, so one loaded word moves the rate
    a lot; compare them as words to read, not as rates.
    """
    from analysis.detectors.loaded import loaded_terms
    from analysis.text.parse import count_words, paragraphs
    from analysis.detectors.sentiment import sentiment
    from analysis.detectors.stance import stance_markers

    rows = []
    for article in corpus.itertuples(index=False):
        parts = paragraphs(article.body)
        pieces = [("headline", article.title if article.title != "unknown" else ""),
                  ("lead", parts["text"].iloc[0] if len(parts) else ""),
                  ("rest", "\n\n".join(parts["text"].iloc[1:]))]
        for part, text in pieces:
            words = count_words(text)
            if not words:
                continue
            scores = sentiment(text)["compound"]
            rows.append({"article_id": article.article_id, "part": part, "text": text, "words": words,
                         "loaded_per_1000": round(1000 * len(loaded_terms(text)) / words, 1),
                         "hedges_boosters_per_1000": round(1000 * len(stance_markers(text)[
                             lambda t: t["category"].isin(["hedge", "booster"])]) / words, 1),
                         "mean_sentiment": round(float(scores.mean()), 3),
                         "most_negative_sentiment": round(float(scores.min()), 3)})
    return pd.DataFrame(rows, columns=LEAD_COLUMNS)


# --- outlets over many articles -------------------------------------------------------------

OUTLET_COLUMNS = ["outlet", "feature", "articles", "mean", "low", "high"]


def compare_outlets(features, columns=None, by="outlet", rounds=2000, confidence=0.95, seed=0):
    """Per-outlet mean of each feature with a bootstrap confidence interval.

    For each outlet, its articles are resampled with replacement ``rounds`` times and the
    mean taken each time; the interval is the central ``confidence`` share of those
    means (percentile bootstrap, Efron & Tibshirani 1993). Articles where a feature is
    missing (``toward_<actor>`` when the actor is never named) are left out of that
    feature's mean.

    Args:
        features: ``article_features`` rows (or the output of ``python -m analysis features``).
        columns: the features to compare (default: every numeric column except text offsets).
        by: the column that names the outlet (or any other group).
        rounds, confidence, seed: the bootstrap's settings (fixed seed: same answer every run).

    Returns:
        DataFrame with ``outlet``, ``feature``, ``articles`` (with a value), ``mean``,
        ``low`` and ``high`` (empty when fewer than two articles have a value).

    >>> table = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "hedges_per_1000": [1.0, 2.0, 3.0, 5.0]})
    >>> compare_outlets(table)[["outlet", "articles", "mean"]].values.tolist()
    [['A', 3, 2.0], ['B', 1, 5.0]]

    Caveat: the interval describes the articles you have; it says how sure the mean is
    if they were a random sample of the outlet's articles, which a collection seldom is.
    """
    if by not in features.columns:
        raise ValueError(f"no column {by!r} to group by; the columns are: {', '.join(features.columns)}")
    if columns is None:
        numeric = features.select_dtypes("number").columns
        columns = [c for c in numeric if not c.endswith(("_start", "_end"))]
    missing = [c for c in columns if c not in features.columns]
    if missing:
        raise ValueError(f"no column(s) {missing} in the features")
    rng = np.random.default_rng(seed)
    tail = (1 - confidence) / 2
    rows = []
    for outlet, group in features.groupby(by, sort=True):
        values = group[list(columns)].to_numpy(dtype=float)
        means = _bootstrap_means(values, rounds, rng)
        for k, column in enumerate(columns):
            present = int(np.isfinite(values[:, k]).sum())
            mean = float(np.nanmean(values[:, k])) if present else float("nan")
            low, high = ((float(np.nanquantile(means[:, k], tail)), float(np.nanquantile(means[:, k], 1 - tail)))
                         if present > 1 else (float("nan"), float("nan")))
            rows.append({"outlet": outlet, "feature": column, "articles": present, "mean": round(mean, 6),
                         "low": round(low, 6), "high": round(high, 6)})
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


def _bootstrap_means(values, rounds, rng, budget=2_000_000):
    """Means of ``rounds`` resamples of the rows of ``values`` (rounds x columns), drawn in
    batches of at most ``budget`` indices so memory stays flat for large outlets."""
    import warnings

    n = len(values)
    means = np.full((rounds, values.shape[1]), np.nan)
    if n < 2:
        return means
    batch = max(1, budget // n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample with no value: nan, left out
        for first in range(0, rounds, batch):
            picks = rng.integers(0, n, size=(min(batch, rounds - first), n))
            for k in range(values.shape[1]):
                means[first:first + len(picks), k] = np.nanmean(values[picks, k], axis=1)
    return means
