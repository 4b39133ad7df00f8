"""Separate an article's body from page furniture, and record every decision.

Web text arrives with more than the article: the site's header, the headline and
dateline, photo captions, promotional lines, "RELATED:" links, comment notices,
contact footers, and embedded tweets. ``segment`` reads the raw text line by line
and gives each line a kind:

* kept in the body: ``body``, ``embedded_post`` (the text of an embedded tweet,
  a quoted voice, with its author) and ``quotation`` (a quoted statement, set by
  an override);
* set aside as metadata: ``headline``, ``byline``, ``dateline``, ``post_attribution``
  (the "— Name (@handle) date" line under a tweet);
* removed as furniture: ``page_header`` (anything above the headline), and the
  kinds named in ``lexicons/furniture_rules.csv``.

It also joins paragraphs broken mid-sentence by a blank line. The rules are data
(``furniture_rules.csv``); per-article ``overrides`` in the story's metadata file
can reclassify any line. Nothing is deleted silently: every line is a row of the
``blocks`` table and every join a row of ``repairs``.

>>> raw = "Big news\\n\\nThe general called.\\n\\nSupport independent media!\\n"
>>> result = segment(raw, title="Big news")
>>> result.body
'The general called.'
>>> [(b["kind"], b["action"]) for b in result.blocks]
[('headline', 'set aside'), ('body', 'kept'), ('promotion', 'removed')]
"""

import re
from dataclasses import dataclass, field

from analysis.lexicons import load_lexicon
from analysis.text.parse import normalise

KEPT_KINDS = ("body", "embedded_post", "quotation")
METADATA_KINDS = ("headline", "byline", "dateline", "post_attribution")
RULE_COLUMNS = ("rule_id", "kind", "applies_to", "extends", "pattern", "why")
BLOCK_COLUMNS = [
    "line_id", "paragraph_id", "kind", "action", "rule_id", "why", "raw_start", "raw_end",
    "body_start", "body_end", "text", "post_id", "author", "handle", "posted",
]
REPAIR_COLUMNS = ["action", "kind", "rule_id", "why", "raw_start", "raw_end", "text"]

_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = tuple('.!?:;"”’)]…*')
_QUOTES_OPEN = "“\"«"
_QUOTES_CLOSE = "”\"»"
_HANDLE = re.compile(r"(?<!\w)[@#]\w+")


@dataclass
class Segmentation:
    """What ``segment`` found: the body text and the record of every decision."""

    body: str
    blocks: list = field(default_factory=list)
    repairs: list = field(default_factory=list)


def action_of(kind):
    """'kept', 'set aside' or 'removed' for a line kind."""
    if kind in KEPT_KINDS:
        return "kept"
    return "set aside" if kind in METADATA_KINDS else "removed"


def segment(raw, title="unknown", byline="unknown", overrides=(), rules="furniture_rules"):
    """Split raw article text into body and furniture.

    Args:
        raw: the article exactly as received.
        title, byline: from the metadata; a line equal to either is set aside
            ("unknown" disables the check). Lines above the headline are page header.
        overrides: dicts with ``match`` (the start of a line), ``kind``, ``why`` and
            optionally ``lines`` (how many lines), ``author``, ``handle``, ``posted``.
        rules: a lexicon name, CSV path or DataFrame with the furniture rules.

    Returns:
        A ``Segmentation``: ``body`` (kept lines; a blank line between paragraphs,
        one space where a broken paragraph was joined), ``blocks`` (one dict per
        non-empty raw line, keys ``BLOCK_COLUMNS``, offsets into ``raw`` and into
        ``body``) and ``repairs`` (one dict per joined paragraph break).

    Raises:
        ValueError: an override's ``match`` text is not the start of any line.

    Caveat: the rules recognise common English page furniture; a site with unusual
    furniture needs a new rule or an override, and an embedded tweet's first lines
    are found by a heuristic (see ``_find_posts``).
    """
    table = load_lexicon(rules, RULE_COLUMNS)
    lines = _split_lines(raw)
    _apply_overrides(lines, overrides)
    _apply_metadata_lines(lines, title, byline)
    _apply_rules(lines, table[table["applies_to"] == "line"])
    _find_posts(lines)
    joins = _find_broken_paragraphs(lines, table[table["applies_to"] != "line"])
    return _assemble(raw, lines, joins)


def _split_lines(raw):
    has_blank_lines = re.search(r"\n[^\S\n]*\n", raw) is not None
    lines, paragraph_id, last_end = [], -1, None
    for match in _LINE.finditer(raw):
        start, end = match.span()
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if last_end is None or not has_blank_lines or raw[last_end:start].count("\n") > 1:
            paragraph_id += 1
        last_end = end
        lines.append(
            {"line_id": len(lines), "paragraph_id": paragraph_id, "kind": None, "rule_id": "", "why": "",
             "raw_start": start, "raw_end": end, "text": raw[start:end], "post_id": -1,
             "author": "", "handle": "", "posted": "", "locked": False}
        )
    return lines


def _comparable(text):
    return " ".join(normalise(text).strip("#* \t").split())


def _apply_overrides(lines, overrides):
    for number, override in enumerate(overrides, 1):
        wanted = _comparable(override["match"])
        hits = [i for i, line in enumerate(lines) if _comparable(line["text"]).startswith(wanted)]
        if not hits:
            raise ValueError(
                f"override {number} (match: {override['match']!r}) matches no line of the article; "
                "copy the start of the line exactly as it appears in the text"
            )
        count = int(override.get("lines", 1))
        for line in lines[hits[0]: hits[0] + count]:
            line.update(kind=override["kind"], rule_id=f"override {number}", why=override["why"], locked=True)
            for key in ("author", "handle", "posted"):
                line[key] = override.get(key, "")
        if override["kind"] == "embedded_post":
            for line in lines[hits[0]: hits[0] + count]:
                line["post_id"] = hits[0]


def _apply_metadata_lines(lines, title, byline):
    title_key = _comparable(title) if title != "unknown" else None
    byline_keys = {_comparable(byline), _comparable("by " + byline)} if byline != "unknown" else set()
    headline_at = None
    for index, line in enumerate(lines[:15]):
        if line["locked"]:
            continue
        key = _comparable(line["text"])
        if headline_at is None and key == title_key:
            line.update(kind="headline", rule_id="title", why="The headline, as given in the metadata")
            headline_at = index
        elif key in byline_keys:
            line.update(kind="byline", rule_id="byline", why="The byline, as given in the metadata")
    if headline_at is not None:
        for line in lines[:headline_at]:
            if line["kind"] is None:
                line.update(kind="page_header", rule_id="before_headline",
                            why="Site header above the headline, not part of the article")


def _apply_rules(lines, rules):
    compiled = [(row, re.compile(row.pattern)) for row in rules.itertuples(index=False)]
    for line in lines:
        if line["kind"] is not None:
            continue
        for row, pattern in compiled:
            match = pattern.search(line["text"])
            if not match:
                continue
            targets = [line]
            if row.extends == "paragraph":
                targets += [other for other in lines
                            if other["paragraph_id"] == line["paragraph_id"] and other["kind"] is None]
            for target in targets:
                target.update(kind=row.kind, rule_id=row.rule_id, why=row.why)
            groups = match.groupdict()
            for key in ("author", "handle", "posted"):
                line[key] = (groups.get(key) or "").strip()
            break
    for line in lines:
        if line["kind"] is None:
            line["kind"] = "body"


def _find_posts(lines):
    """Mark the text of each embedded tweet, found upwards from its author line.

    The line right above a "— Name (@handle) date" line is the post, unless it is
    a short lead-in ending in a colon ("Aaaand:"), which means the post had no text
    (an image or video). Further lines above belong to the same post while they are
    entirely quoted (a thread of quotes), contain an @handle or #hashtag, or are the
    post's own colon lead-in to such a quote. Anything else ends the post.
    """
    for index, line in enumerate(lines):
        if line["kind"] != "post_attribution":
            continue
        collected = []
        for above in range(index - 1, -1, -1):
            candidate = lines[above]
            if candidate["kind"] != "body" or candidate["locked"]:
                break
            text = candidate["text"]
            if not collected:
                if text.endswith(":") and len(text.split()) <= 12:
                    break
                collected.append(above)
            elif _is_entirely_quoted(text) or _HANDLE.search(text):
                collected.append(above)
            elif text.endswith(":") and lines[collected[-1]]["text"][:1] in _QUOTES_OPEN:
                collected.append(above)
                break
            else:
                break
        for above in collected:
            lines[above].update(
                kind="embedded_post", rule_id=line["rule_id"], post_id=line["line_id"],
                why=f"Text of a post by {line['author'] or 'its author'}, found above its author line",
                author=line["author"], handle=line["handle"], posted=line["posted"],
            )
        line["post_id"] = line["line_id"]


def _is_entirely_quoted(text):
    text = text.lstrip("…. ")
    if not text or text[0] not in _QUOTES_OPEN:
        return False
    inside, letters_outside = False, 0
    for char in text:
        if not inside and char in _QUOTES_OPEN:
            inside = True
        elif inside and char in _QUOTES_CLOSE:
            inside = False
        elif not inside and char.isalpha():
            letters_outside += 1
    return letters_outside < 3


def _find_broken_paragraphs(lines, join_rules):
    """Line ids after which a paragraph break is really a break inside a sentence."""
    end_rules = [(row, re.compile(row.pattern)) for row in join_rules.itertuples(index=False)
                 if row.applies_to == "paragraph_end"]
    start_rules = [(row, re.compile(row.pattern)) for row in join_rules.itertuples(index=False)
                   if row.applies_to == "paragraph_start"]
    joins = {}
    body = [line for line in lines if line["kind"] == "body"]
    for before, after in zip(body, body[1:]):
        if before["paragraph_id"] == after["paragraph_id"] or before["text"].endswith(_SENTENCE_END):
            continue
        for row, pattern in end_rules:
            if pattern.search(before["text"]):
                joins[before["line_id"]] = row
                break
        else:
            for row, pattern in start_rules:
                if pattern.search(after["text"]):
                    joins[before["line_id"]] = row
                    break
    return joins


def _assemble(raw, lines, joins):
    parts, blocks, repairs, position, previous = [], [], [], 0, None
    for line in lines:
        kind = line["kind"]
        block = {key: line[key] for key in BLOCK_COLUMNS if key in line}
        block.update(action=action_of(kind), body_start=-1, body_end=-1)
        if kind in KEPT_KINDS:
            if previous is not None:
                if previous["paragraph_id"] == line["paragraph_id"]:
                    separator = "\n"
                elif previous["line_id"] in joins:
                    separator = " "
                    rule = joins[previous["line_id"]]
                    repairs.append({
                        "action": "joined", "kind": rule.kind, "rule_id": rule.rule_id, "why": rule.why,
                        "raw_start": previous["raw_end"], "raw_end": line["raw_start"],
                        "text": raw[previous["raw_end"]:line["raw_start"]],
                    })
                else:
                    separator = "\n\n"
                parts.append(separator)
                position += len(separator)
            block.update(body_start=position, body_end=position + len(line["text"]))
            parts.append(line["text"])
            position += len(line["text"])
            previous = line
        blocks.append({key: block[key] for key in BLOCK_COLUMNS})
    return Segmentation(body="".join(parts), blocks=blocks, repairs=repairs)
