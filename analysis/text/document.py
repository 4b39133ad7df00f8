"""One parsed text: what every detector reads, built once.

A ``Document`` holds a text's paragraphs, sentences and tokens as plain lists of
character offsets (``text[start:end]`` is the piece), its quotations, the embedded
posts and quoted statements it carries, and the **voice mask**: which stretches are
quoted voices (inside quotation marks or an embedded post) rather than the outlet's
own. Every detector takes a Document, so a text is split, tokenised, stemmed and
searched for quotations once, however many detectors read it, and all of them agree
on what is quoted. DataFrames are made only at the public edge (``sentence_table``,
``token_table``...).

>>> doc = parse_text('Milley said: “We will not attack.” Officials agreed.')
>>> doc.texts[:4], len(doc.sentence_starts), doc.quoted(doc.starts)[:6]
(['Milley', 'said', ':', '“'], 2, [False, False, False, True, True, True])
"""

import bisect
from functools import cached_property

import pandas as pd

from analysis.text.matching import compile_any, find_phrases, stem
from analysis.text.parse import (PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS, WORD_KINDS, check_text,
                                 collector_paused, frame_of_columns, paragraph_spans, sentence_spans,
                                 token_columns)
from analysis.text.quotes import QUOTE_COLUMNS, merge_spans, quotation_rows, within

POST_KINDS = ("embedded_post", "quotation")


class Document:
    """A text split into paragraphs, sentences and tokens, with its quotations and voice mask.

    Attributes (lists, one item per piece, in text order):
        text: the text.
        paragraph_spans: ``(start, end)`` of each paragraph.
        sentence_starts, sentence_ends, sentence_paragraphs: each sentence's offsets and paragraph.
        starts, ends, texts, norms, kinds, sentence_ids, paragraph_ids: each token's offsets,
            text, comparison form, kind (see ``analysis.text.parse.tokens``), sentence and paragraph.
        bounds: ``{sentence_id: [first token, last token]}``.
        quotations: one dict per quotation (``start``, ``end``, ``inner_start``, ``inner_end``,
            ``text``, ``words``); ``quote_spans`` their ``(start, end)``.
        posts: embedded posts and quoted statements, dicts with ``start``, ``end``, ``author``, ``kind``.
        quoted_spans: the voice mask: merged spans of the quotations and the posts.

    Build one with ``parse_text``. Caveat: a Document is read-only; change the text, parse again.
    """

    def __init__(self, text, posts=()):
        with collector_paused():
            self._parse(text, posts)

    def _parse(self, text, posts):
        self.text = check_text(text)
        self.paragraph_spans = paragraph_spans(text)
        sentence_rows = sentence_spans(text, self.paragraph_spans)
        self.sentence_paragraphs = [paragraph for paragraph, _, _ in sentence_rows]
        self.sentence_starts = [start for _, start, _ in sentence_rows]
        self.sentence_ends = [end for _, _, end in sentence_rows]
        (self.sentence_ids, self.paragraph_ids, self.starts, self.ends, self.texts, self.norms,
         self.kinds) = token_columns(text, sentence_rows)
        ids = self.sentence_ids  # in sentence order: each sentence's tokens are one run
        self.bounds = {sentence_id: [bisect.bisect_left(ids, sentence_id), bisect.bisect_right(ids, sentence_id) - 1]
                       for sentence_id in dict.fromkeys(ids)}
        self.quotations = quotation_rows(text)
        self.quote_spans = [(row["start"], row["end"]) for row in self.quotations]
        self.posts = tuple(_post(post) for post in posts)
        self.post_spans = merge_spans([(post["start"], post["end"]) for post in self.posts])
        self.quoted_spans = merge_spans(self.quote_spans + self.post_spans)
        # each list of spans is in order and without overlaps: their starts and ends, for bisecting
        self._bounds = {name: ([start for start, _ in spans], [end for _, end in spans]) for name, spans in (
            ("quote", self.quote_spans), ("post", self.post_spans), ("quoted", self.quoted_spans))}
        self._phrases = {}

    def __repr__(self):
        return (f"<Document: {len(self.sentence_starts)} sentences, {len(self.starts)} tokens, "
                f"{len(self.quotations)} quotations, {len(self.posts)} posts>")

    @cached_property
    def stems(self):
        """Porter stem of each token (see ``analysis.text.matching.stem``)."""
        return list(map(stem, self.norms))

    @cached_property
    def tokens_in_quotation(self):
        """For each token, whether it starts inside quotation marks."""
        return self.in_quotation(self.starts)

    @cached_property
    def words(self):
        """Number of words (tokens of a ``WORD_KINDS`` kind: no punctuation, no clitics)."""
        return sum(1 for kind in self.kinds if kind in WORD_KINDS)

    @cached_property
    def quoted_words(self):
        """Number of words lying wholly inside the voice mask (quotations and posts)."""
        starts, ends, kinds = self.starts, self.ends, self.kinds
        count = 0
        for start, end in self.quoted_spans:
            first = bisect.bisect_left(starts, start)
            count += sum(1 for i in range(first, bisect.bisect_left(starts, end))
                         if ends[i] <= end and kinds[i] in WORD_KINDS)
        return count

    def quoted(self, positions):
        """For each character position, whether it lies in a quoted voice (quotation or post)."""
        return within(*self._bounds["quoted"], positions)

    def in_quotation(self, positions):
        """For each character position, whether it lies inside quotation marks."""
        return within(*self._bounds["quote"], positions)

    def in_post(self, positions):
        """For each character position, whether it lies inside an embedded post or quoted statement."""
        return within(*self._bounds["post"], positions)

    def sentence_at(self, position):
        """Number of the sentence that contains ``position`` (or the last one before it); -1 before the first."""
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def phrases(self, lexicon, required=("term", "category"), inflections_only=False):
        """The hits of a lexicon (name, CSV path or DataFrame) in the tokens: see
        ``analysis.text.matching.find_phrases`` (``inflections_only``: "slammed" for "slam", not
        "likely" for "like"). A shipped lexicon is searched once per document."""
        if not isinstance(lexicon, str):
            return find_phrases(self, compile_any(lexicon, required), inflections_only)
        key = (lexicon, tuple(required), inflections_only)
        if key not in self._phrases:
            self._phrases[key] = find_phrases(self, compile_any(lexicon, required), inflections_only)
        return self._phrases[key]

    # --- tables, for the public edge ----------------------------------------------------------

    def paragraph_table(self):
        """Paragraphs as a DataFrame (``analysis.text.parse.PARAGRAPH_COLUMNS``)."""
        spans = self.paragraph_spans
        return frame_of_columns(PARAGRAPH_COLUMNS, [list(range(len(spans))), [s for s, _ in spans],
                                                    [e for _, e in spans], [self.text[s:e] for s, e in spans]])

    def sentence_table(self):
        """Sentences as a DataFrame (``analysis.text.parse.SENTENCE_COLUMNS``)."""
        starts, ends = self.sentence_starts, self.sentence_ends
        return frame_of_columns(SENTENCE_COLUMNS, [list(range(len(starts))), self.sentence_paragraphs, starts, ends,
                                                   [self.text[s:e] for s, e in zip(starts, ends)]])

    def token_table(self):
        """Tokens as a DataFrame (``analysis.text.parse.TOKEN_COLUMNS``)."""
        return frame_of_columns(TOKEN_COLUMNS, [list(range(len(self.starts))), self.sentence_ids, self.paragraph_ids,
                                                self.starts, self.ends, self.texts, self.norms, self.kinds])

    def quotation_table(self):
        """Quotations as a DataFrame (``analysis.text.quotes.QUOTE_COLUMNS``)."""
        return pd.DataFrame(list(self.quotations), columns=QUOTE_COLUMNS)


def parse_text(text, posts=()):
    """Parse a text once for every detector (see ``Document``).

    Args:
        text: any string.
        posts: embedded posts and quoted statements inside the text: dicts with ``start``
            and ``end`` (offsets into ``text``) and optionally ``author`` and ``kind``
            ("embedded_post" or "quotation"), or plain ``(start, end)`` pairs. They count
            as quoted voices, and ``attributions`` gives each to its author.
    """
    return Document(text, posts)


def _post(post):
    if isinstance(post, dict):
        kind = post.get("kind", "embedded_post")
        return {"start": int(post["start"]), "end": int(post["end"]), "author": post.get("author") or "unknown",
                "kind": kind if kind in POST_KINDS else "embedded_post"}
    start, end = post
    return {"start": int(start), "end": int(end), "author": "unknown", "kind": "quotation"}

