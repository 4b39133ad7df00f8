"""What each article selected: how it names things, which facts it carries, what it leads with.

* ``naming_choices``: how each article names the same thing, from the story's
  ``naming`` table (a referent, its variants, and the phrases of each variant).
* ``fact_coverage``: which facts each article carries and where, from the story's
  ``facts`` when it has them, else by aligning similar sentences across articles.
* ``headline_and_lead``: the headline and the first paragraph against the rest of the
  article (loaded words, hedges and boosters, sentiment), counted from its annotation.

With one article per outlet these describe articles, not outlets.
"""

import re

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.annotation import annotate, annotate_story
from analysis.detectors.loaded import denied
from analysis.measures.words import documents, tfidf_cosine
from analysis.text.matching import compile_phrases, find_phrases, stem
from analysis.text.parse import count_words, token_columns
from analysis.vocabulary import MARK_ORIGINS

NAMING_COLUMNS = ["referent", "variant", "article_id", "count", "examples", "first_start"]
LEAD_COLUMNS = ["article_id", "part", "text", "words", "loaded_per_1000", "loaded_words",
                "hedges_boosters_per_1000", "mean_sentiment", "most_negative_sentiment", "marks"]
COVERAGE_COLUMNS = ["fact_id", "fact", "article_id", "carried", "sentence_id", "position", "sentence", "partial",
                    "method"]
# Where a coverage table's facts and their places come from, in words (by its ``method``).
FACT_SOURCES = {"reading": "listed in facts.yml; where each article first carries them marked by a reader",
                "curated": "listed in facts.yml; the sentences that carry them found by the program",
                "aligned": "sentences of different articles aligned automatically"}


# --- naming choices -------------------------------------------------------------------------

def naming_choices(story):
    """Where each article uses each variant of each referent of the story's ``naming`` table.

    Args:
        story: a ``Story``.

    Returns:
        DataFrame with ``NAMING_COLUMNS``: per referent, variant and article, how
        often the variant occurs (a use under a negation, "not renegade", does not count),
        the words as written (up to three, ``; ``-joined) and where it first occurs
        (character offset in the body).
    """
    naming = story.naming
    if naming.empty:
        return pd.DataFrame(columns=NAMING_COLUMNS)
    rows = []
    docs = documents(story)
    for referent, lexicon in naming.groupby("referent", sort=False):
        entries = compile_phrases(lexicon.assign(category=lexicon["variant"]).reset_index(drop=True))
        for article_id, doc in docs.items():
            body = doc.text
            found = {}
            for hit in find_phrases(doc, entries):
                if denied(doc, hit["first_token"]):  # "not renegade" rejects the name; it does not use it
                    continue
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

def _sentence_table(docs):
    """Every sentence of every article: the sentence table, ``article_id``, ``position``
    (where it starts, as a share of the body's length) and ``stems`` (of its tokens)."""
    frames = []
    for article_id, doc in docs.items():
        table = doc.sentence_table()
        table["article_id"] = article_id
        table["position"] = (table["start"] / max(len(doc.text), 1)).round(3)
        stems, content = [[] for _ in range(len(table))], [[] for _ in range(len(table))]
        for word_stem, norm, kind, sentence_id in zip(doc.stems, doc.norms, doc.kinds, doc.sentence_ids):
            stems[sentence_id].append(word_stem)
            if kind in ("word", "number") and norm not in ENGLISH_STOP_WORDS:
                content[sentence_id].append(word_stem)
        table["stems"], table["content"] = stems, content
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def _pattern_stems(pattern):
    return [tuple(stem(norm) for norm in token_columns(term, [(0, 0, len(term))])[5]) for term in pattern]


def _holds(sentence_stems, term_stems):
    size = len(term_stems)
    return any(tuple(sentence_stems[i:i + size]) == term_stems for i in range(len(sentence_stems) - size + 1))


def _carries(table, facts):
    """A boolean matrix: does sentence i (row of ``_sentence_table``) carry fact j (row of a facts table)?"""
    stems = table["stems"].tolist()
    carries = np.zeros((len(table), len(facts)), dtype=bool)
    for j, fact_patterns in enumerate(facts["patterns"]):
        patterns = [_pattern_stems(pattern) for pattern in fact_patterns]
        for i, sentence_stems in enumerate(stems):
            carries[i, j] = any(all(_holds(sentence_stems, term) for term in pattern) for pattern in patterns)
    return carries


def curated_coverage(story, facts=None):
    """Fact-by-article coverage from curated facts (default the story's ``facts`` table): the
    first sentence of each article that carries each fact. Returns ``COVERAGE_COLUMNS``."""
    facts = story.facts if facts is None else facts
    docs = documents(story)
    table = _sentence_table(docs)
    carries = _carries(table, facts)
    articles = table["article_id"].to_numpy()
    rows = []
    for j, (fact_id, fact) in enumerate(zip(facts["fact_id"], facts["fact"])):
        for article_id in docs:
            hits = np.flatnonzero(carries[:, j] & (articles == article_id))
            rows.append(_coverage_row(fact_id, fact, article_id, table.iloc[hits[0]] if len(hits) else None))
    return _coverage_frame(rows, "curated")


def alignment_check(story, facts=None, thresholds=(0.2, 0.25, 0.3, 0.35, 0.4, 0.5)):
    """How far automatic sentence links agree with curated facts, per threshold.

    A pair of sentences from different articles "shares a fact" when both carry one
    of the curated facts. For each threshold: the number of links, their precision
    (share of links between sentences sharing a fact) and recall (share of
    fact-sharing pairs linked), and the share of all cross-article pairs linked.
    """
    facts = story.facts if facts is None else facts
    table = _sentence_table(documents(story))
    carries = _carries(table, facts).astype(int)
    shares = (carries @ carries.T) > 0
    similar = _sentence_similarity(table)
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


def aligned_coverage(story, threshold=0.35, min_articles=2):
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
    docs = documents(story)
    table = _sentence_table(docs)
    similar = _sentence_similarity(table)
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
        for article_id in docs:
            mine = members[members["article_id"] == article_id]
            rows.append(_coverage_row(f"auto-{number}", name, article_id, mine.iloc[0] if len(mine) else None))
    return _coverage_frame(rows, "aligned")


def _sentence_similarity(table):
    """TF-IDF cosine similarity of every pair of sentences of ``_sentence_table`` (stemmed content words)."""
    return tfidf_cosine(table["content"].tolist())


def fact_coverage(story, threshold=0.35):
    """Which facts each article carries, and where: the reader's fact marks when the story's
    marks are reviewed (``story.reviewed``), else curated coverage when the story has facts
    (``facts.yml``), else aligned coverage.

    Returns:
        DataFrame with ``COVERAGE_COLUMNS``; ``method`` says "reading", "curated" or "aligned".
    """
    if len(story.facts) and story.reviewed:
        return read_coverage(story)
    if len(story.facts):
        return curated_coverage(story)
    return aligned_coverage(story, threshold)


def read_coverage(story):
    """Fact-by-article coverage from the story's reading: where the reader marked each article's
    first words carrying each fact (``position``: the mark's start as a share of the text;
    ``sentence``: the sentence holding it; ``partial``: the reader's note says "partial:").
    Returns ``COVERAGE_COLUMNS``."""
    docs, reading = documents(story), story.reading
    marks = reading[reading["layer"] == "fact"].sort_values("start").drop_duplicates(["label", "article"])
    first = {(mark.label, mark.article): mark for mark in marks.itertuples()}
    rows = []
    for fact_id, fact in zip(story.facts["fact_id"], story.facts["fact"]):
        for article_id, doc in docs.items():
            mark = first.get((fact_id, article_id))
            hit = None
            if mark is not None:
                sentence_id = max(doc.sentence_at(mark.start), 0)
                hit = {"sentence_id": sentence_id, "position": round(mark.start / max(len(doc.text), 1), 3),
                       "text": doc.text[doc.sentence_starts[sentence_id]:doc.sentence_ends[sentence_id]]}
            rows.append(_coverage_row(fact_id, fact, article_id, hit,
                                      partial=mark is not None and bool(_PARTIAL.search(str(mark.note)))))
    return _coverage_frame(rows, "reading")


# A reader's note that starts "partial:" (first reading or a later pass) marks a fact carried in part.
_PARTIAL = re.compile(r"(^|pass: )partial:", re.IGNORECASE)


def _coverage_frame(rows, method):
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS[:-1]).astype(
        {"carried": bool, "sentence_id": int, "position": float, "sentence": str, "partial": bool}).assign(
        method=method)


def _coverage_row(fact_id, fact, article_id, hit, partial=False):
    if hit is None:
        return {"fact_id": fact_id, "fact": fact, "article_id": article_id, "carried": False,
                "sentence_id": -1, "position": np.nan, "sentence": "", "partial": False}
    return {"fact_id": fact_id, "fact": fact, "article_id": article_id, "carried": True,
            "sentence_id": int(hit["sentence_id"]), "position": float(hit["position"]), "sentence": hit["text"],
            "partial": partial}


# --- headline and lead ----------------------------------------------------------------------

def headline_and_lead(story):
    """The headline and the lead (first paragraph) of each article against the rest of it.

    Returns:
        DataFrame with ``LEAD_COLUMNS``, three rows per article (``part`` = headline, lead,
        rest): words; loaded words (lexicon and word model, own voice and quoted) per 1,000
        words and as written (``loaded_words``, "; "-joined); hedges plus boosters per 1,000
        words; mean and lowest VADER compound score of the part's sentences; ``marks``, where
        the loaded words and hedges come from (``MARK_ORIGINS``): a reading covers article
        bodies only, so a headline's marks are always the program's. A headline the text does not give ("unknown") has no row.

    Caveat: a headline and a lead are a few dozen words, so one loaded word moves the rate
    a lot; compare them as words to read, not as rates.
    """
    rows = []
    for article_id, note in annotate_story(story).items():
        title = note.metadata["title"]
        headline = annotate(title if title and title != "unknown" else "")
        spans = note.doc.paragraph_spans
        lead_end = spans[0][1] if spans else 0
        rest_start = spans[1][0] if len(spans) > 1 else len(note.text)
        pieces = [("headline", headline, 0, len(headline.text)), ("lead", note, 0, lead_end),
                  ("rest", note, rest_start, len(note.text))]
        for part, source, start, end in pieces:
            text = source.text[start:end] if part != "rest" else "\n\n".join(
                source.text[s:e] for s, e in source.doc.paragraph_spans[1:])
            words = count_words(text)
            if not words:
                continue
            within = (source.sentiment["start"] >= start) & (source.sentiment["start"] < end)
            scores = source.sentiment.loc[within, "compound"]
            loaded = source.loaded[(source.loaded["start"] >= start) & (source.loaded["start"] < end)]
            stance = source.stance[(source.stance["start"] >= start) & (source.stance["start"] < end)]
            rows.append({"article_id": article_id, "part": part, "text": text, "words": words,
                         "loaded_per_1000": round(1000 * len(loaded) / words, 1),
                         "loaded_words": "; ".join(loaded["term"]),
                         "hedges_boosters_per_1000": round(1000 * int(stance["category"].isin(
                             ["hedge", "booster"]).sum()) / words, 1),
                         "mean_sentiment": round(float(scores.mean()), 3),
                         "most_negative_sentiment": round(float(scores.min()), 3),
                         "marks": MARK_ORIGINS[story.reviewed and part != "headline"]})
    return pd.DataFrame(rows, columns=LEAD_COLUMNS)
