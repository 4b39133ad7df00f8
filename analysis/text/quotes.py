"""Find the stretches of a text that stand between quotation marks.

Used to tell the outlet's own voice from the voices it quotes, and to find scare
quotes. Curly quotes pair an opening “ with the next closing ”; straight quotes
(and two apostrophes, '', as archive copy writes them) alternate open/close. A quotation left open at the end of a paragraph is closed
there (the newspaper convention for quotes running over several paragraphs
reopens it in the next one). Single quotes are left alone: they are too often
apostrophes.

>>> quotations('He called it “fake news” and said "never."')[["start", "end", "text"]].values.tolist()
[[13, 24, '“fake news”'], [34, 42, '"never."']]
"""

import bisect
import re

import pandas as pd

QUOTE_COLUMNS = ["start", "end", "inner_start", "inner_end", "text", "words"]
_OPEN, _CLOSE, _STRAIGHT = "“«", "”»", '"'
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Two apostrophes stand for a straight double quote in some wire and archive copy (''Yes,'' he said).
_MARKS = re.compile(f"''|[{re.escape(_OPEN + _CLOSE + _STRAIGHT)}]")


def quotations(text):
    """Quoted stretches of a text, one row each.

    Returns:
        DataFrame with ``start``/``end`` (including the marks), ``inner_start``/
        ``inner_end`` (without them), ``text`` and ``words`` (number of words inside).

    Caveat: a stray or missing quotation mark can shift what counts as quoted
    until the end of its paragraph.
    """
    return pd.DataFrame(list(quotation_rows(text)), columns=QUOTE_COLUMNS)


def quotation_rows(text):
    """The rows of ``quotations`` as a tuple of dicts."""
    rows = []
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    opened, paragraph = None, 0
    for mark in _MARKS.finditer(text):  # only quotation marks can open or close a quotation
        index, char = mark.start(), mark.group()
        char = _STRAIGHT if char == "''" else char
        while index >= paragraph_ends[paragraph]:
            if opened is not None:
                rows.append(_row(text, opened, paragraph_ends[paragraph], closed=False))
                opened = None
            paragraph += 1
        if opened is None and (char in _OPEN or char == _STRAIGHT):
            opened = index
        elif opened is not None and (char in _CLOSE or (char == _STRAIGHT and text[opened] in (_STRAIGHT, "'"))):
            rows.append(_row(text, opened, mark.end(), closed=True))
            opened = None
    if opened is not None:  # unclosed: the quotation runs to the end of its paragraph
        rows.append(_row(text, opened, paragraph_ends[paragraph], closed=False))
    return tuple(rows)


_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def _row(text, start, end, closed):
    while end > start and text[end - 1].isspace():
        end -= 1
    inner_start = start + (2 if text.startswith("''", start) else 1)
    inner_end = end - (2 if text[end - 2:end] == "''" else 1) if closed else end
    inner = text[inner_start:inner_end]
    return {"start": start, "end": end, "inner_start": inner_start, "inner_end": max(inner_start, inner_end),
            "text": text[start:end], "words": len(_WORD.findall(inner))}


def merge_spans(spans):
    """Sorted, non-overlapping spans covering the same characters.

    >>> merge_spans([(5, 9), (0, 3), (2, 4)])
    [(0, 4), (5, 9)]
    """
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside(spans, positions):
    """For each position, whether it falls inside one of the non-overlapping (start, end) spans.

    >>> inside([(0, 5), (10, 12)], [0, 5, 11])
    [True, False, True]
    """
    spans = sorted(spans)
    return within([start for start, _ in spans], [end for _, end in spans], positions)


def within(starts, ends, positions):
    """``inside`` for spans given as their sorted ``starts`` and ``ends`` (made once, asked often)."""
    right = bisect.bisect_right
    return [(i := right(starts, position) - 1) >= 0 and position < ends[i] for position in positions]
