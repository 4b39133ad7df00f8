"""Review a story's marks in a spreadsheet, and keep the verdicts as the story's reading.

``write_sheet(story, path)`` (``python -m analysis review STORY -o SHEET.csv``) writes
every automatic mark of every article, one row each, with the sentence it is in and an
empty ``verdict``. The reviewer writes in each row:

* ``keep``: the mark is right as it is;
* ``drop``: it is not a mark (say why in ``note``: the class reads it in the report);
* ``fix``: it is a mark, but its span, label or speaker is wrong: write the right ones in
  ``fixed_text`` (the right words: the occurrence nearest the mark is taken, or the one at
  ``fixed_start``), ``fixed_label`` and ``fixed_speaker`` (an empty one keeps the program's;
  a speaker fixed on one part of an attribution is the speaker of all its parts; a mark
  moved to words that do not overlap it also leaves the program's mark as dropped);

and adds a row with ``add`` for each mark the program missed (``article``, ``layer``,
``text``, ``label``, and for an attribution or a tone ``speaker`` and ``attribution``; the
``sentence`` column, or ``start``, says where when the text occurs more than once).

``apply_sheet(story, path)`` (``review STORY --apply SHEET.csv``) checks every row,
and if all are good writes the kept, fixed and added marks as the story's reading
(``reading.csv``) and the dropped ones, with their notes, as ``dropped.csv``; with any
bad row it writes nothing and raises one error naming each. The articles are never
touched.

A new sheet of a story that has a reading starts from it: a mark the reading holds is
``keep`` (or ``fix`` where the reading's label, speaker or span differ), a mark in
``dropped.csv`` is ``drop``, a mark of the reading the program lacks is an ``add`` row.
So re-running the review after the detectors change keeps every earlier verdict, and
only marks nobody has judged yet have an empty verdict.
"""

import pandas as pd

from analysis.annotation import annotate_story
from analysis.errors import CorpusError
from analysis.files import atomic_path, publish, spreadsheet_safe, temporary_beside
from analysis.measures.agreement import match_marks, program_marks
from analysis.stories.reading import (ATTRIBUTION_LAYERS, DROPPED_FILE, READING_COLUMNS, READING_FILE, check_marks,
                                      problem_list, read_rows)

SHEET_COLUMNS = ["article", "layer", "start", "end", "sentence", "text", "label", "speaker", "attribution", "verdict",
                 "fixed_text", "fixed_label", "fixed_speaker", "fixed_start", "note"]
VERDICTS = ("keep", "drop", "fix", "add")
_NO_VERDICT = dict.fromkeys(("verdict", "fixed_text", "fixed_label", "fixed_speaker", "fixed_start", "note"), "")


def review_sheet(story):
    """The review sheet of a ``Story`` as a table (``SHEET_COLUMNS``): every automatic mark,
    with the verdict the story's reading and dropped marks give it (empty if none), then an
    ``add`` row for each mark of the reading the program lacks."""
    program, reading, dropped = program_marks(story), story.reading, story.dropped
    sentences = _sentence_finder(story)
    rows, used = [], set()
    for (article, layer), marks in program.groupby(["article", "layer"], sort=False):
        read = reading[(reading["article"] == article) & (reading["layer"] == layer)]
        same_span = {(mark.start, mark.end): mark for mark in read.itertuples()}
        refused = {}  # each dropped mark gives its verdict once (two program marks may share a span)
        for mark in dropped[(dropped["article"] == article) & (dropped["layer"] == layer)].itertuples():
            refused.setdefault((mark.start, mark.end, mark.label, mark.speaker), []).append(mark.note)
        verdicts = {}
        for mark in marks.itertuples():
            match, key = same_span.get((mark.start, mark.end)), (mark.start, mark.end, mark.label, mark.speaker)
            if match is not None and match.Index not in used:
                verdicts[mark.Index] = _verdict(mark, match)
                used.add(match.Index)
            elif refused.get(key):
                verdicts[mark.Index] = {"verdict": "drop", "note": refused[key].pop(0)}
        rest = read[~read.index.isin(used)]
        for match, mark in match_marks(rest, marks[~marks.index.isin(verdicts)], same_label=layer == "fact"):
            verdicts[mark.Index] = _verdict(mark, match)
            used.add(match.Index)
        for mark in marks.itertuples():
            rows.append({**_mark_row(mark, sentences), **_NO_VERDICT, **verdicts.get(mark.Index, {})})
    for mark in reading[~reading.index.isin(used)].itertuples():
        rows.append({**_mark_row(mark, sentences), **_NO_VERDICT, "verdict": "add", "note": mark.note})
    return pd.DataFrame(rows, columns=SHEET_COLUMNS)


def write_sheet(story, path):
    """Write ``review_sheet(story)`` to ``path`` as a CSV file a spreadsheet opens (UTF-8 with a
    byte-order mark); returns the number of automatic marks and of ``add`` rows."""
    sheet = review_sheet(story)
    with atomic_path(path) as tmp:
        spreadsheet_safe(sheet).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    added = int((sheet["verdict"] == "add").sum())
    return len(sheet) - added, added


def apply_sheet(story, path):
    """Check a filled review sheet and store it as the story's reading.

    Returns:
        ``{"keep": n, "drop": n, "fix": n, "add": n}``.

    Raises:
        CorpusError: the sheet cannot be read, lacks a column, or has bad rows (each named by its
            line); nothing is written then.
    """
    rows = read_rows(path, SHEET_COLUMNS, "write a review sheet with: python -m analysis review STORY -o SHEET.csv; "
                                          "nothing was written")
    articles = story.articles
    bodies = dict(zip(articles["article_id"], articles["body"]))
    problems, reading, dropped = [], [], []
    counts = dict.fromkeys(VERDICTS, 0)
    for line, row in enumerate(rows, start=2):
        verdict = row["verdict"].strip().lower()
        if verdict not in VERDICTS:
            problems.append(f"line {line}: verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}"
                            if verdict else f"line {line}: no verdict (write keep, drop, fix or add)")
            continue
        mark, problem = _sheet_mark(row, verdict, bodies)
        if problem:
            problems.append(f"line {line}: {problem}")
            continue
        counts[verdict] += 1
        (dropped if verdict == "drop" else reading).append((line, mark))
        if verdict == "fix" and not (mark["start"] < int(row["end"]) and int(row["start"]) < mark["end"]):
            # moved to other words: the program's mark is not a mark where it stands
            note = f"replaced by the reader's {mark['text']!r}" + (f": {mark['note']}" if mark["note"] else "")
            dropped.append((line, {**mark, "start": int(row["start"]), "end": int(row["end"]), "text": row["text"],
                                   "label": row["label"].strip(), "speaker": row["speaker"].strip(), "note": note}))
    _share_speakers([mark for _, mark in reading], [row for row in rows if row["fixed_speaker"].strip()])
    tables = []
    for marks, is_dropped in ((reading, False), (dropped, True)):  # the reading's own checks
        table, found = check_marks([mark for _, mark in marks], articles, story.facts["fact_id"], is_dropped,
                                   lines=[line for line, _ in marks])
        tables.append(table)
        problems += found
    if problems:
        problems.sort(key=lambda problem: int(problem.split(":")[0].split()[1]))
        raise CorpusError(path, problem_list(problems) + "; nothing was written")
    _write_both(story.folder, tables)
    return counts


def _share_speakers(marks, fixed_rows):
    """A speaker fixed on one part of an attribution (cue, source or content) is the speaker of
    all its parts, unless a part has a fixed speaker of its own."""
    own = {(row["article"].strip(), row["layer"].strip(), row["attribution"].strip()) for row in fixed_rows}
    speakers = {(row["article"].strip(), row["attribution"].strip()): row["fixed_speaker"].strip()
                for row in fixed_rows if row["layer"].strip() in ATTRIBUTION_LAYERS and row["attribution"].strip()}
    for mark in marks:
        if mark["layer"] in ATTRIBUTION_LAYERS and (mark["article"], mark["layer"], mark["attribution"]) not in own:
            mark["speaker"] = speakers.get((mark["article"], mark["attribution"]), mark["speaker"])


def _verdict(mark, match):
    """The verdict a reading's mark gives the program's: keep when they agree, else fix."""
    same = (mark.start, mark.end, mark.label) == (match.start, match.end, match.label) and (
        mark.layer not in ATTRIBUTION_LAYERS + ("tone",) or mark.speaker == match.speaker)
    if same:
        return {"verdict": "keep", "note": match.note}
    moved = (mark.start, mark.end) != (match.start, match.end)
    return {"verdict": "fix", "fixed_text": match.text if moved else "", "fixed_start": match.start if moved else "",
            "fixed_label": match.label if match.label != mark.label else "",
            "fixed_speaker": match.speaker if match.speaker != mark.speaker else "", "note": match.note}


def _mark_row(mark, sentences):
    return {"article": mark.article, "layer": mark.layer, "start": mark.start, "end": mark.end,
            "sentence": sentences(mark.article, mark.start), "text": mark.text, "label": mark.label,
            "speaker": mark.speaker, "attribution": mark.attribution or ""}


def _sentence_finder(story):
    """``find(article, offset) -> text`` of the sentence holding an offset."""
    docs = {article_id: note.doc for article_id, note in annotate_story(story, automatic=True).items()}

    def find(article, offset):
        doc = docs[article]
        index = doc.sentence_at(offset)
        return doc.text[doc.sentence_starts[index]:doc.sentence_ends[index]] if index >= 0 else ""
    return find


def _sheet_mark(row, verdict, bodies):
    """``(mark, problem)``: the reading row a sheet row stands for (a dict), or what is wrong."""
    article = row["article"].strip()
    if article not in bodies:
        return None, f"unknown article {article!r} (the story has {', '.join(sorted(bodies))})"
    body = bodies[article]
    mark = {column: row.get(column, "").strip() for column in READING_COLUMNS if column != "text"}
    mark["article"], mark["text"] = article, row["text"]
    if verdict == "add":
        span = _place(body, row, row["text"])
        if isinstance(span, str):
            return None, span
        mark["start"], mark["end"] = span
        return mark, None
    try:
        start, end = int(row["start"]), int(row["end"])
    except ValueError:
        return None, "start and end must be the program's offsets (whole numbers); a new mark is an add row"
    if not 0 <= start < end <= len(body):
        return None, f"start {start} and end {end} are not a span of the article's body"
    if body[start:end] != row["text"]:
        return None, (f"text {row['text']!r} is not the program's mark at {start}-{end} ({body[start:end]!r}); "
                      "to change a mark's words use fix and fixed_text")
    if verdict == "fix":
        if not any(row[column].strip() for column in ("fixed_text", "fixed_label", "fixed_speaker")):
            return None, "fix needs a fixed_text, fixed_label or fixed_speaker"
        if row["fixed_text"].strip():
            span = _place(body, {"start": row["fixed_start"], "near": start}, row["fixed_text"].strip())
            if isinstance(span, str):
                return None, "fixed_" + span
            start, end = span
        mark["label"] = row["fixed_label"].strip() or mark["label"]
        mark["speaker"] = row["fixed_speaker"].strip() or mark["speaker"]
    mark["start"], mark["end"], mark["text"] = start, end, body[start:end]
    return mark, None


def _place(body, row, text):
    """``(start, end)`` of a reviewer's text in the body, or what is wrong: at ``start`` if given,
    else its occurrence nearest ``near`` (a fixed mark), else its only occurrence in the given
    ``sentence`` or, without one, in the body."""
    if not text:
        return "text is empty"
    if str(row.get("start", "")).strip():
        try:
            start = int(row["start"])
        except ValueError:
            return "start must be a whole number (or empty)"
        return (start, start + len(text)) if body[start:start + len(text)] == text else (
            f"text {text!r} is not at {start} in the body ({body[start:start + len(text)]!r})")
    sentence = row.get("sentence", "").strip()
    where = [(0, len(body))]
    if sentence:
        at = [i for i in _occurrences(body, sentence)]
        if not at:
            return "the sentence is not in the article (copy it from the article or leave it empty)"
        where = [(i, i + len(sentence)) for i in at]
    found = [i for lo, hi in where for i in _occurrences(body[lo:hi], text, lo)]
    if not found:
        return f"text {text!r} is not in {'that sentence' if sentence else 'the article'}"
    if "near" in row:
        return min(((i, i + len(text)) for i in found), key=lambda span: abs(span[0] - row["near"]))
    if len(found) > 1:
        return f"text {text!r} occurs {len(found)} times; give the sentence or the start"
    return found[0], found[0] + len(text)


def _occurrences(text, piece, offset=0):
    position = text.find(piece)
    while position >= 0:
        yield position + offset
        position = text.find(piece, position + 1)


def _write_both(folder, tables):
    """Write the reading and the dropped marks, both or neither."""
    paths = [folder / READING_FILE, folder / DROPPED_FILE]
    temporaries = [temporary_beside(path) for path in paths]
    try:
        for table, tmp in zip(tables, temporaries):
            table.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    except BaseException:
        for tmp in temporaries:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in zip(temporaries, paths):
        publish(tmp, path)
