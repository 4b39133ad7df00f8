"""Find lexicon phrases in a token table, whatever their inflection.

A lexicon row's term is tokenised and stemmed (Porter); it matches a run of text
tokens with the same stems, so "storm" finds "stormed" and "storming". "..." in a
term stands for a gap of up to four tokens ("behind ... back"). When a row has
``match_case`` set to "yes", the text must also have the term's letter case
(so the modal "may" does not match the month "May"). Longer terms win over
shorter ones that start at the same token; hits never overlap.

Porter stems also join words derived from one another ("likely" and "like", "evidently" and
"evidence", "ridiculous" and "ridicule"). Where only the term's own word may count (a hedge,
a reporting verb), ``find_phrases(..., inflections_only=True)`` matches a term only where its
words stand with a regular inflection at most (``same_word``).

>>> from analysis.text.document import parse_text
>>> import pandas as pd
>>> lexicon = pd.DataFrame({"term": ["storm", "behind ... back"], "category": ["a", "b"]})
>>> text = "They stormed in behind Trump's back."
>>> [(h["start"], h["end"], h["row"].category) for h in find_phrases(parse_text(text), compile_phrases(lexicon))]
[(5, 12, 'a'), (16, 35, 'b')]
"""

from functools import lru_cache
from itertools import compress, count

from nltk.stem.porter import PorterStemmer

from analysis.lexicons import load_lexicon
from analysis.text.parse import token_columns

GAP = "..."
MAX_GAP = 4


@lru_cache(maxsize=1)
def _stemmer():
    return PorterStemmer()


@lru_cache(maxsize=2**18)
def stem(norm):
    """Porter stem of a normalised token (cached; a large corpus meets far more than 65,536
    different words): 'storming' -> 'storm'."""
    return _stemmer().stem(norm, to_lowercase=True)


def compile_phrases(lexicon, required=("term", "category")):
    """Index a lexicon (name, CSV path or DataFrame) by the stem of each term's first token."""
    table = load_lexicon(lexicon, required)
    entries = {}
    for row in table.reset_index(drop=True).itertuples():
        texts, norms = token_columns(row.term, [(0, 0, len(row.term))])[4:6]
        stems = tuple(GAP if text == GAP else stem(norm) for text, norm in zip(texts, norms))
        case = tuple(texts) if getattr(row, "match_case", "") == "yes" else None
        if stems:
            entries.setdefault(stems[0], []).append((stems, case, row))
    for candidates in entries.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return entries


@lru_cache(maxsize=16)
def compiled_shipped(name, required=("term", "category")):
    """``compile_phrases`` for a shipped lexicon, cached."""
    return compile_phrases(name, required)


def compile_any(lexicon, required=("term", "category")):
    """Cached for shipped lexicon names, fresh for paths and DataFrames."""
    if isinstance(lexicon, str) and "/" not in lexicon and not lexicon.endswith(".csv"):
        return compiled_shipped(lexicon, tuple(required))
    return compile_phrases(lexicon, required)


def find_phrases(doc, entries, inflections_only=False):
    """Every lexicon hit in a parsed text, left to right, longest first, not overlapping.

    Args:
        doc: a ``Document`` (anything with its ``stems``, ``texts``, ``starts`` and ``ends`` lists).
        entries: ``compile_phrases`` of a lexicon.
        inflections_only: match a term only where its first and last words stand inflected at
            most (``same_word``: "slammed" for "slam", not "likely" for "like").

    Returns:
        A list of dicts with ``start``, ``end`` (character offsets), ``first_token``,
        ``last_token`` (token positions) and ``row`` (the lexicon row).
    """
    stems, texts, starts, ends = doc.stems, doc.texts, doc.starts, doc.ends
    hits, taken_until = [], -1
    for position in compress(count(), map(entries.__contains__, stems)):  # where a term may start
        if position <= taken_until:
            continue
        for term_stems, case, row in entries[stems[position]]:
            last = _match_at(stems, position, term_stems)
            if last is not None and (case is None or _same_case(texts, position, last, case)) and (
                    not inflections_only or _fits(doc.norms[position], doc.norms[last], row.term)):
                hits.append({"start": starts[position], "end": ends[last], "first_token": position,
                             "last_token": last, "row": row})
                taken_until = last
                break
    return hits


def _same_case(texts, first, last, case):
    wanted = [piece for piece in case if piece != GAP]
    return all(piece in texts[first:last + 1] for piece in wanted)


def _match_at(stems, position, term_stems):
    """Index of the last token if ``term_stems`` matches at ``position``, else None."""
    index = position
    for number, piece in enumerate(term_stems):
        if piece == GAP:
            continue
        if number and term_stems[number - 1] == GAP:
            window = stems[index:index + MAX_GAP + 1]
            if piece not in window:
                return None
            index += window.index(piece)
        elif index >= len(stems) or stems[index] != piece:
            return None
        index += 1
    return index - 1


def inflection_bases(norm):
    """The words ``norm`` may be a regular inflection of, itself included: "slammed" -> "slam",
    "denies" -> "deny", "ridiculing" -> "ridicule", "taxes" -> "tax" (and some non-words)."""
    bases = {norm}
    for suffix, ending in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                           ("d", ""), ("ing", ""), ("ing", "e")):
        base = norm[:-len(suffix)] + ending
        if norm.endswith(suffix) and len(base) >= 2:
            bases.add(base)
            if suffix in ("ed", "ing") and len(base) >= 3 and base[-1] == base[-2]:
                bases.add(base[:-1])  # a doubled consonant: "slammed", "quipping"
    return bases


def same_word(norm, other):
    """Whether two lowercase words are one word in different regular inflections.

    >>> [same_word(a, b) for a, b in [("slammed", "slam"), ("denies", "denied"), ("likely", "like"),
    ...                               ("evidence", "evidently"), ("ridiculous", "ridicule")]]
    [True, True, False, False, False]
    """
    return norm == other or not inflection_bases(norm).isdisjoint(inflection_bases(other))


@lru_cache(maxsize=2**16)
def _fits(first_norm, last_norm, term):
    """Whether a hit's first and last words are the term's first and last words, inflected at most."""
    words = _term_words(term)
    return not words or same_word(first_norm, words[0]) and same_word(last_norm, words[-1])


@lru_cache(maxsize=4096)
def _term_words(term):
    texts, norms = token_columns(term, [(0, 0, len(term))])[4:6]
    return tuple(norm for text, norm in zip(texts, norms) if text != GAP)
