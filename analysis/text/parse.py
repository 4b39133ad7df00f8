"""Paragraphs, sentences and tokens with character offsets, offline.

Every table has ``start`` and ``end`` columns such that ``text[start:end]`` is
exactly the paragraph, sentence or token, so any count built on these tables can
be traced back to highlighted words.

Sentences come from nltk's Punkt algorithm (Kiss & Strunk 2006). Punkt normally
learns abbreviations from downloaded data; here it is given the shipped lists
``abbreviations.csv`` and ``sentence_starters.csv`` instead, so nothing is
downloaded. Tokens come from one regular expression run inside each sentence:
URLs, e-mail addresses, @handles, #hashtags, numbers
("670,000", "9/11"), abbreviations ("U.S.", "Gen."), censored words ("dumb***"),
hyphenated words, clitics split as in the Penn Treebank ("Trump" + "'s",
"do" + "n't"), ellipses and single punctuation marks.

>>> sentences("Gen. Li Zuocheng spoke to U.S. officials on Jan. 8. Nothing changed.")["text"].tolist()
['Gen. Li Zuocheng spoke to U.S. officials on Jan. 8.', 'Nothing changed.']
>>> tokens("Trump's “dumb***” post")["text"].tolist()
['Trump', "'s", '“', 'dumb***', '”', 'post']
"""

import functools
import gc
import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.errors import InputError, NotTextError
from analysis.lexicons import load_lexicon

PARAGRAPH_COLUMNS = ["paragraph_id", "start", "end", "text"]
SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS = ["token_id", "sentence_id", "paragraph_id", "start", "end", "text", "norm", "kind"]

WORD_KINDS = ("word", "number", "abbreviation", "censored", "url", "email", "handle", "hashtag")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")
_CLITIC = r"(?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)"
_APOSTROPHE = "['’]"
# A shortcut tried first: an ASCII word with nothing around it that another alternative could
# take (no apostrophe, dot, hyphen, "*", "@", ":" or "+" after it, none of those or "#" before
# it), which is where the full pattern's "word" alternative would match the same span after
# trying eight others. Most tokens of news text are such words; the shortcut makes tokenizing
# about a fifth faster. tests/test_parse.py checks that it never changes a token.
_PLAIN_WORD = r"(?P<plain>(?<![\w'’@#.+*-])[A-Za-z]+(?![\w'’‐.*+@:-]))"
_TOKEN_PATTERN = "|".join(
    [
        r"(?P<url>(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]'’])",
        # bounded as the standard bounds an address's parts (64 and 63 characters), so a long run of
        # "a+a+..." is not rescanned to its end from every "+" (quadratic time)
        r"(?P<email>[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)",
        r"(?P<handle>(?<!\w)@\w+)",
        r"(?P<hashtag>(?<!\w)#\w+)",
        r"(?P<number>(?<!\w)[+-]?\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?!\w))",
        r"(?P<abbreviation>\b(?:[A-Za-z]\.){2,}|\b(?:{abbreviations})\.)",
        r"(?P<censored>\w+\*+\w*)",
        rf"(?P<clitic>(?<=\w){_APOSTROPHE}{_CLITIC}\b|\bn{_APOSTROPHE}t\b)",
        rf"(?P<word>\w+?(?=n{_APOSTROPHE}t\b)|\w+(?:[-‐]\w+|{_APOSTROPHE}(?!{_CLITIC}\b)\w+)*)",
        r"(?P<ellipsis>\.{3,}|…)",
        r"(?P<dash>--+|[–—―])",
        r"(?P<punct>[^\w\s])",
        r"(?P<other>\S)",
    ]
)
_TRANSLATE_NORM = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "―": "-"})


@contextmanager
def collector_paused():
    """Python's cycle collector paused while a text's tables are built (and restored after).

    Parsing makes millions of small objects and no reference cycles; with the collector on, each
    of its full passes walks every object alive, the models' included, and a text of a million
    characters took twice as long as ten texts of a hundred thousand (``benchmarks/adversarial.py``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def without_cycle_collection(function):
    """``function`` run with the cycle collector paused (``collector_paused``): for the public text
    functions, which build a whole text's tables and then read them."""
    @functools.wraps(function)
    def paused(*args, **kwargs):
        with collector_paused():
            return function(*args, **kwargs)
    return paused


def check_text(text):
    """``text`` if it is a string every output can hold; else one error of the package's own type:
    ``NotTextError`` for a number, None or bytes, ``InputError`` for a lone surrogate (half of a
    UTF-16 pair, left by a broken decoder), which no UTF-8 file or table can store.

    >>> check_text(42)
    Traceback (most recent call last):
    analysis.errors.NotTextError: a text must be a string, not int
    """
    if not isinstance(text, str):
        raise NotTextError(f"a text must be a string, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"the text holds a lone surrogate (\\u{ord(text[error.start]):04x}) at character "
                         f"{error.start}, half of a character that cannot be stored; decode the source as UTF-8 "
                         "or drop it") from None
    return text


@without_cycle_collection
def paragraphs(text):
    """Split a text into paragraphs.

    Paragraphs are separated by a blank line. A text with no blank line at all
    but several lines (a common shape of pasted web text) is taken to have one
    paragraph per line. Leading and trailing white space is left out of each span.

    Returns:
        DataFrame with ``paragraph_id`` (0, 1, ...), ``start``, ``end``, ``text``.

    Caveat: a hard-wrapped text without blank lines is read as one paragraph per line.
    """
    check_text(text)
    return _frame([(number, start, end, text[start:end]) for number, (start, end) in enumerate(paragraph_spans(text))],
                  PARAGRAPH_COLUMNS)


def paragraph_spans(text):
    """``(start, end)`` of each paragraph of ``paragraphs``."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    spans, position = [], 0
    for match in list(separator.finditer(text)) + [None]:
        stop = match.start() if match else len(text)
        start, end = _strip_span(text, position, stop)
        if end > start:
            spans.append((start, end))
        position = match.end() if match else stop
    return spans


@without_cycle_collection
def sentences(text):
    """Split a text into sentences that never cross a paragraph break.

    Punkt decides where a sentence ends inside each paragraph, using the shipped
    abbreviation list so "Gen. Li", "U.S. officials", "D.C." and "Jan. 8" do
    not end a sentence; a piece it starts with a small letter, a closing bracket or a
    comma continues the sentence before it ('"Why not?" he asked.').

    Returns:
        DataFrame with ``sentence_id``, ``paragraph_id``, ``start``, ``end``, ``text``.

    Caveat: an abbreviation at the very end of a sentence ("... in Washington, D.C.")
    followed by a word that is not a frequent sentence starter is not split.
    """
    check_text(text)
    return _frame([(number, paragraph_id, start, end, text[start:end])
                   for number, (paragraph_id, start, end) in enumerate(sentence_spans(text))], SENTENCE_COLUMNS)


def sentence_spans(text, paragraphs=None):
    """``(paragraph_id, start, end)`` of each sentence of ``sentences``, given the
    paragraphs' ``paragraph_spans`` if already made."""
    splitter = sentence_splitter()
    rows = []
    for paragraph_id, (para_start, para_end) in enumerate(paragraph_spans(text) if paragraphs is None else paragraphs):
        if _one_sentence(text, para_start, para_end):
            start, end = _strip_span(text, para_start, para_end)
            if end > start:
                rows.append((paragraph_id, start, end))
            continue
        for piece_start, piece_end in _pieces(text, para_start, para_end, MAX_PARAGRAPH_CHARS):
            for span_start, span_end in splitter.span_tokenize(text[piece_start:piece_end]):
                start, end = _strip_span(text, piece_start + span_start, piece_start + span_end)
                if end > start and rows and rows[-1][0] == paragraph_id and _continues(text, start):
                    rows[-1] = (paragraph_id, rows[-1][1], end)
                elif end > start:
                    rows.append((paragraph_id, start, end))
    pieces = ((paragraph_id, *_strip_span(text, *piece)) for paragraph_id, start, end in rows
              for piece in _pieces(text, start, end, MAX_SENTENCE_CHARS))
    return [(paragraph_id, start, end) for paragraph_id, start, end in pieces if end > start]


# Limits that keep every rule linear in the text's length on any input; no sentence or paragraph
# of ordinary prose reaches them (the longest sentence of the 10,314 PolNeAR and AllSides texts has
# 3,261 characters, the longest paragraph 44,158). A longer sentence is cut at the last space before the limit (a text
# without full stops is then read in pieces), and Punkt reads a longer paragraph in such pieces
# (Punkt's own guard against slow patterns stops with a TimeoutError on a paragraph of a
# hundred thousand one-word questions).
MAX_SENTENCE_CHARS = 5_000
MAX_PARAGRAPH_CHARS = 50_000


def _pieces(text, start, end, size):
    """``(start, end)`` pieces of ``text[start:end]`` of at most ``size`` characters, each cut
    after the last whitespace before the limit (or at the limit, in a run without any)."""
    while end - start > size:
        cut = max(text.rfind(" ", start + 1, start + size), text.rfind("\n", start + 1, start + size))
        cut = cut + 1 if cut > start else start + size
        yield start, cut
        start = cut
    yield start, end


def _continues(text, start):
    """Whether a sentence Punkt began at ``start`` continues the one before it: it opens with a
    small letter ('"Why not?" he asked.', '"What a night!" and said ...', "Rep. Hank Johnson
    (D-Ga.) said ...") or with a closing bracket or a comma ("Sen. Jack Reed (D-R.I.), said"):
    Punkt takes every question or exclamation mark, and a full stop after an abbreviation it
    does not know, for a sentence end. Nor does a sentence start inside a run of characters
    without a space ("U.S.@xU.S.", an address Punkt cut after "xU."; "Really??"), unless a
    quotation mark or bracket stands at the cut ('followed Esper's."To be clear')."""
    marks = "\"'“”‘’()[]{}"
    return text[start].islower() or text[start] in ",;)]}" or not (
        text[start - 1].isspace() or text[start - 1] in marks or text[start] in marks)


_SENTENCE_END = re.compile(r"[.?!]")
_NOT_CLOSING = re.compile(r"[^\"')\]}”’]")  # anything but a closing quotation mark or bracket


def _one_sentence(text, start, end):
    """Whether the paragraph ``text[start:end]`` is one sentence for Punkt without asking it: no
    full stop, question or exclamation mark, or a single one followed only by closing quotation
    marks and brackets ('... were routine."'). 44% of the paragraphs of news text (AllSides,
    PolNeAR); tests/test_parse.py checks that Punkt keeps each of them whole."""
    first = _SENTENCE_END.search(text, start, end)
    return first is None or not _NOT_CLOSING.search(text, first.end(), end)


@without_cycle_collection
def tokens(text):
    """Split a text into tokens, each tied to its sentence and paragraph.

    Returns:
        DataFrame with ``token_id``, ``sentence_id``, ``paragraph_id``, ``start``,
        ``end``, ``text``, ``norm`` (NFKC, lower case, straight quotes and
        apostrophes, "-" for dashes) and ``kind`` (word, number, abbreviation,
        clitic, censored, url, email, handle, hashtag, ellipsis, dash, punct, other).

    Caveat: the tokenizer is built for English news copy; it does not segment
    languages written without spaces.
    """
    check_text(text)
    columns = token_columns(text, sentence_spans(text))
    return frame_of_columns(TOKEN_COLUMNS, [list(range(len(columns[0]))), *columns])


def token_columns(text, sentence_rows):
    """The tokens of the sentences ``sentence_rows`` (``(paragraph_id, start, end)`` each, as
    ``sentence_spans`` gives them) as seven lists: sentence ids, paragraph ids, starts, ends,
    texts, norms and kinds."""
    finditer = _token_scanner().finditer
    matches, sentence_ids, paragraph_ids = [], [], []
    for sentence_id, (paragraph_id, start, end) in enumerate(sentence_rows):
        found = list(finditer(text, start, end))
        while found and found[-1].lastindex is None:  # white space at the end of the span
            found.pop()
        matches += found
        sentence_ids += [sentence_id] * len(found)
        paragraph_ids += [paragraph_id] * len(found)
    texts = [match.group(match.lastindex) for match in matches]
    kinds = ["word" if match.lastgroup == "plain" else match.lastgroup for match in matches]
    return (sentence_ids, paragraph_ids, [match.start(match.lastindex) for match in matches],
            [match.end() for match in matches], texts,
            [token.lower() if token.isascii() else normalise(token) for token in texts], kinds)


def _frame(rows, columns):
    """A table of ``rows`` (tuples in the order of ``columns``); see ``frame_of_columns``."""
    return frame_of_columns(columns, list(zip(*rows)) if rows else [()] * len(columns))


def frame_of_columns(names, columns):
    """A table whose text columns hold plain Python strings: the features read them back as
    lists many times, and that is ten times faster than from Arrow-backed strings. (Built from
    numpy arrays without copying: half the time of building it from lists.)"""
    return pd.DataFrame({name: pd.Series(np.array(column, dtype=object), dtype=object, copy=False)
                         if name in ("text", "norm", "kind") else np.array(column, dtype=np.int64)
                         for name, column in zip(names, columns)}, copy=False)


def count_words(text):
    """Number of words in a text: tokens of a ``WORD_KINDS`` kind (no punctuation, no clitics).

    >>> count_words("Trump's 670,000 “dumb***” posts!")
    4
    """
    check_text(text)
    return sum(1 for match in _token_scanner().finditer(text) if match.lastgroup in WORD_KINDS
               or match.lastgroup == "plain")


def normalise(token):
    """The comparison form of a token: NFKC, lower case, straight quotes, '-' for dashes.

    >>> normalise("Trump’s")
    "trump's"
    """
    if token.isascii():  # NFKC and the translation table change no ASCII character
        return token.lower()
    return unicodedata.normalize("NFKC", token).translate(_TRANSLATE_NORM).lower()


def _strip_span(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def punkt_parameters():
    """Punkt's parameters: the shipped abbreviations and frequent sentence starters, nothing learned."""
    params = PunktParameters()
    params.abbrev_types = set(load_lexicon("abbreviations", ["abbreviation"])["abbreviation"].str.lower())
    params.sent_starters = set(load_lexicon("sentence_starters", ["word"])["word"].str.lower())
    return params


@lru_cache(maxsize=1)
def sentence_splitter():
    """The sentence splitter: Punkt with ``punkt_parameters``, and a shortcut for its commonest case."""
    return _Punkt(punkt_parameters())


# A word of two or more letters, a full stop, and then white space and a next token or one of
# the marks Punkt splits off ('"', "”", ")" ...): Punkt's first pass marks the full stop a
# sentence break unless the word is a known abbreviation, and with no collocations learned its
# second pass leaves such a word alone (it is no initial, number or abbreviation), so a token
# follows the break: a break. 84% of the candidate contexts in news text (AllSides, PolNeAR and
# PTC), decided without running the passes; tests/test_parse.py checks that the decision is
# always Punkt's.
_PLAIN_SENTENCE_END = re.compile(r"([A-Za-z]{2,})\.(?:\s+\S+|[)\";}\]*:@'({\[‘’“”«»!?])")


class _Punkt(PunktSentenceTokenizer):
    def __init__(self, params):
        super().__init__(params)
        self.abbreviations = frozenset(params.abbrev_types)

    def text_contains_sentbreak(self, text):
        match = _PLAIN_SENTENCE_END.fullmatch(text)
        if match and match.group(1).lower() not in self.abbreviations:
            return True
        return super().text_contains_sentbreak(text)


@lru_cache(maxsize=2)
def _token_pattern(shortcut=True):
    """The token pattern, with the plain-word shortcut first unless ``shortcut`` is false."""
    single = {a.lower() for a in load_lexicon("abbreviations", ["abbreviation"])["abbreviation"] if "." not in a}
    # Abbreviations match case-insensitively ("Gen." and "gen."), nothing else does.
    pattern = _TOKEN_PATTERN.replace("(?:{abbreviations})", f"(?i:{prefix_tree_pattern(single)})")
    return re.compile(f"{_PLAIN_WORD}|{pattern}" if shortcut else pattern)


@lru_cache(maxsize=1)
def _token_scanner():
    """The token pattern with the white space before a token taken into the match (each token
    is the match's one named group): the regex engine then steps over white space in one go
    instead of trying every alternative at each blank, which halves the time of tokenizing. A
    span that ends in white space gives one last match with no group (``\\Z``), so no blank is
    ever tried twice. tests/test_parse.py checks it gives the tokens of ``_token_pattern``."""
    return re.compile(rf"\s*+(?:{_token_pattern().pattern}|\Z)")


def prefix_tree_pattern(words):
    """A regular expression matching any of ``words``, written as a prefix tree, so the
    regex engine rules out most words by their first letter instead of trying each in turn.

    >>> prefix_tree_pattern(["gen", "gov", "govt"])
    '(?:g(?:en|ov(?:t)?))'
    """
    tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{pattern(tree)})"
