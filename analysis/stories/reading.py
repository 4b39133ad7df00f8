"""A story's careful reading: the marks a person made by ``corpus/READING.md``.

A reading is ``corpus/<story>/reading.csv``, one row per mark: the article, the layer
(``loaded``, ``stance``, ``cue``, ``source``, ``content``, ``fact``, ``tone``), the mark's
character offsets in the article's body and its text, a label, the speaker (or, for
``tone``, the actor), the number of the attribution a cue, source or content belongs to,
and a note. ``read_reading`` checks every row against the story's articles and facts and
refuses a file with any bad row, naming each. Beside it, ``dropped.csv`` (same columns) keeps
the program's marks a reviewer refused, each with the reviewer's note (``python -m analysis
review``, ``analysis.pipelines.review``): the reading says what is right, the dropped marks
what the program got wrong.

>>> body = "He said no. She said yes."
>>> place_mark(body, "said", 2)
(16, 20)
"""

import csv

import pandas as pd

from analysis.errors import CorpusError
from analysis.files import plain_cell
from analysis.vocabulary import CONTENT_KINDS, LOADED_CATEGORIES, SOURCE_TYPES, STANCE_MARKERS, STANCES, TONES

READING_FILE, DROPPED_FILE = "reading.csv", "dropped.csv"
READING_COLUMNS = ["article", "layer", "start", "end", "text", "label", "speaker", "attribution", "note"]
# The labels of each layer; a fact's label is one of the story's fact ids.
READING_LABELS = {"loaded": LOADED_CATEGORIES, "stance": STANCE_MARKERS, "cue": STANCES, "source": SOURCE_TYPES,
                  "content": CONTENT_KINDS, "fact": (), "tone": TONES}
ATTRIBUTION_LAYERS = ("cue", "source", "content")
_SHOWN_PROBLEMS = 20


def read_reading(path, articles, fact_ids=(), dropped=False):
    """Read and check a reading file (see the module's description).

    Args:
        path: the ``reading.csv`` (or ``dropped.csv``) file.
        articles: the story's articles table (``article_id``, ``body``).
        fact_ids: the story's fact ids (the labels of the ``fact`` layer).
        dropped: the file holds the program's dropped marks, which need no speaker or
            attribution number.

    Returns:
        DataFrame with ``READING_COLUMNS`` (``start``, ``end`` and ``attribution`` as integers,
        ``attribution`` 0 for rows of no attribution), in the file's order.

    Raises:
        CorpusError: the file cannot be read, lacks a column, or has bad rows (each named by its line).
    """
    rows = read_rows(path, READING_COLUMNS, "see corpus/READING.md")
    checked, problems = check_marks(rows, articles, fact_ids, dropped)
    if problems:
        raise CorpusError(path, problem_list(problems))
    return checked


def read_rows(path, columns, hint):
    """The rows of a UTF-8 CSV file (a spreadsheet's byte-order mark allowed) as dicts of strings.

    Raises:
        CorpusError: the file cannot be read, or lacks one of ``columns`` (the message ends with ``hint``).
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows, header = list(reader), reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CorpusError(path, f"cannot be read as a UTF-8 CSV file ({error}); {hint}") from None
    missing = [column for column in columns if column not in header]
    if missing:
        raise CorpusError(path, f"lacks the column(s) {', '.join(missing)}; {hint}")
    # a cell written with an apostrophe so that a spreadsheet shows it as text (files.safe_cell) is read as written
    return [{key: plain_cell(value or "") for key, value in row.items() if key is not None} for row in rows]


def check_marks(rows, articles, fact_ids=(), dropped=False, lines=None):
    """Check rows of a reading (dicts with the ``READING_COLUMNS`` as strings or numbers).

    Returns:
        ``(table, problems)``: the good rows as a typed table (``READING_COLUMNS``), and
        ``["line N: what is wrong", ...]`` for the bad ones (``lines``: each row's line in its
        file, by default 2, 3, ... as in a CSV file with a header).
    """
    bodies = dict(zip(articles["article_id"], articles["body"]))
    labels = {**READING_LABELS, "fact": tuple(fact_ids)}
    problems, checked = [], []
    for line, row in zip(lines or range(2, len(rows) + 2), rows):
        row = {key: "" if value is None else str(value) for key, value in row.items()}
        problem = _row_problem(row, bodies, labels, dropped)
        if problem:
            problems.append(f"line {line}: {problem}")
        else:
            checked.append(_typed(row))
    return pd.DataFrame(checked, columns=READING_COLUMNS), problems


def problem_list(problems):
    """The first problems of a list in one message, and how many more there are."""
    more = f" (and {len(problems) - _SHOWN_PROBLEMS} more)" if len(problems) > _SHOWN_PROBLEMS else ""
    return "; ".join(problems[:_SHOWN_PROBLEMS]) + more


def _row_problem(row, bodies, labels, dropped=False):
    """What is wrong with one row of a reading, or None."""
    article, layer = (row.get("article") or "").strip(), (row.get("layer") or "").strip()
    if article not in bodies:
        return f"unknown article {article!r} (the story has {', '.join(sorted(bodies))})"
    if layer not in labels:
        return f"unknown layer {layer!r} (one of {', '.join(labels)})"
    label = (row.get("label") or "").strip()
    if label not in labels[layer]:
        return f"label {label!r} is not one of the {layer} labels ({', '.join(labels[layer])})"
    try:
        start, end = int(row["start"]), int(row["end"])
    except (TypeError, ValueError):
        return "start and end must be whole numbers (character offsets in the article's body)"
    body = bodies[article]
    if not 0 <= start < end <= len(body):
        return f"start {start} and end {end} are not a span of the article's body ({len(body)} characters)"
    if body[start:end] != row.get("text"):
        return f"text {row.get('text')!r} is not what the body holds there ({body[start:end]!r})"
    if dropped:
        return None
    if layer in ATTRIBUTION_LAYERS + ("tone",) and not (row.get("speaker") or "").strip():
        return f"a {layer} mark needs its speaker" if layer != "tone" else "a tone mark needs its actor (speaker)"
    if layer in ATTRIBUTION_LAYERS and not (row.get("attribution") or "").strip().isdigit():
        return f"a {layer} mark needs the number of its attribution"
    return None


def _typed(row):
    attribution = (row.get("attribution") or "").strip()
    return {"article": row["article"].strip(), "layer": row["layer"].strip(), "start": int(row["start"]),
            "end": int(row["end"]), "text": row["text"], "label": row["label"].strip(),
            "speaker": (row.get("speaker") or "").strip(), "attribution": int(attribution) if attribution else 0,
            "note": (row.get("note") or "").strip()}


def place_mark(body, text, occurrence=1):
    """``(start, end)`` of the ``occurrence``-th appearance of ``text`` in ``body`` (counted
    from the start, without overlaps), or None when it does not appear that often. How a
    reader's mark, given as its text, becomes offsets."""
    if not text or occurrence < 1:
        return None
    position = -len(text)
    for _ in range(occurrence):
        position = body.find(text, position + len(text))
        if position < 0:
            return None
    return position, position + len(text)
