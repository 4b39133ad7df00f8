"""One speaker per person across an article: passes over all of a text's attributions.

A definite description is the speaker described before it ("the expert"); an outlet's report
is the outlet ("The Post's report" -> Washington Post); a surname is the fuller name; a role
given at a first mention types the person ("talk-show host Larry King"); a capitalised
sentence opener is no name; a speaker described first and named later is that named person.
``same_speaker`` says whether two canonical speakers are the same, as a reader would, and
``distinct_speakers`` counts them one per person.
"""

import bisect
import itertools
import re
from collections import Counter
from functools import lru_cache

from analysis.detectors.attribution.sources import (CLAUSE, HEAD_WORD, NOT_TITLE, OF_PHRASE, POSSESSIVE,
                                                    is_outlet, outlets, person_name, person_role, short_description)


def same_description(rows, actors=None):
    """In place: a definite description ("the expert", "one of the sources") that is not a name
    is the speaker of the last earlier source with the same head noun ("a military expert who
    requested to remain anonymous"), as a reader takes it."""
    by_head = {}  # head noun -> the rows before this one with a source of that head, in order
    for row in rows:
        source = row["source"]
        head = _head(source) if source else ""
        description = (re.match(r"(?i)(?:one of )?the\s", source) and not person_name(source)
                       and row["source_resolved"] not in (actors or {})
                       and not re.search(r"\w['’]s\s", source))  # "The Post's report" has its owner
        if description:
            earlier = next((other for other in reversed(by_head.get(head, ()))
                            if other["source_start"] < row["source_start"]), None)
            if head and earlier:
                row["source_resolved"], row["source_type"] = earlier["source_resolved"], earlier["source_type"]
        if source:
            by_head.setdefault(head, []).append(row)


@lru_cache(maxsize=4096)
def _head(phrase):
    """The head noun of a description, singular: "A military expert who requested ..." -> "expert";
    "sources familiar with the situation" -> "source"."""
    words = HEAD_WORD.findall(OF_PHRASE.sub("", CLAUSE.sub("", phrase)))
    return words[-1].lower().removesuffix("s") if words else ""


def same_speaker(a, b):
    """Whether two canonical speakers name the same speaker: equal (ignoring case, asterisks and an
    opening article), the same last word ("Mark Esper", "Esper"), or two descriptions of unnamed
    people (not capitalised) with the same head noun ("anonymous military expert", "military expert
    who requested to remain anonymous")."""
    a, b = (short_description(str(x).replace("*", "").strip()) for x in (a, b))
    if not a or not b:
        return False
    if a.lower() == b.lower() or a.lower().split()[-1] == b.lower().split()[-1]:
        return True
    return a[:1].islower() and b[:1].islower() and bool(_head(a)) and _head(a) == _head(b)


def distinct_speakers(names):
    """The speakers among canonical speaker names, one per person as ``same_speaker`` tells them
    apart: each is the first of its names ("Mark Esper", "Esper" -> one; "sources", "one of the
    sources" -> one). Empty names are no speaker."""
    speakers = []
    for name in names:
        if name and not any(same_speaker(name, speaker) for speaker in speakers):
            speakers.append(name)
    return speakers


def role_elsewhere(text, rows, actors=None):
    """In place: a source typed "named person" (not an actor of the story) takes the role the
    text gives the same person elsewhere ("talk-show host Larry King ... Mr. King said" ->
    media): a title just before one of the first four mentions of the surname (back to a comma
    or a word such as "that" or "told"), or the description set off by a comma just after it;
    a person who "has written a book" there is the press (media), as the book would be."""
    by_surname = {}
    for name in {row["source_resolved"] for row in rows if row["source_type"] == "named person"} - set(actors or ()):
        if name[:1].isupper() and len(name.split()[-1]) >= 3:  # a name, not "majority leader"
            by_surname.setdefault(name.split()[-1], []).append(name)
    if not by_surname:
        return
    roles = {}
    for surname, names in by_surname.items():
        for start in itertools.islice(_whole_word(text, surname), 4):  # a role is given at a first mention
            title = []
            for word in reversed(_TITLE_TOKEN.findall(text[max(0, start - 60):start])):
                if not word[0].isalnum() and word[0] != "_" or word.lower() in NOT_TITLE or len(title) == 4:
                    break
                title.append(word.lower())
            after = _DESCRIPTION_AFTER.match(text, start + len(surname))
            around = " ".join(reversed(title)) + " " + (after.group(1).lower() if after else "")
            # the author of a book the article quotes is the press speaking (corpus/READING.md)
            kind = "media" if _AUTHOR.match(text, start + len(surname)) else person_role(around)
            if kind:
                roles.update(dict.fromkeys(names, kind))
                break
    for row in rows:
        if row["source_type"] == "named person" and row["source_resolved"] in roles:
            row["source_type"] = roles[row["source_resolved"]]


def _whole_word(text, word):
    """The start of every whole-word occurrence of ``word`` in ``text``."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(word, end)


_TITLE_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_DESCRIPTION_AFTER = re.compile(r",\s*(?:a|an|the)?\s*([^,.;]{0,60})")
# "Gary Byrne, a former agent, has written a book", "Woodward, whose new book": an author
_AUTHOR = re.compile(r"[^.;]{0,80}?\b(?:has written|wrote|writes|is the author of|authored|whose)\s+"
                     r"(?:a|an|the|his|her|their)?\s*(?:new\s+|forthcoming\s+)?(?:book|memoir)\b")


# What an outlet publishes: "The Post's report", "an Axios report", "the Times story".
_OUTLET_WORK = re.compile(r"(?is)^(?:the|an?)?\s*(.+?)(?:['’]s)?(?:\s+(?:report|reports|reporting|story|article|"
                          r"column|piece|coverage|investigation|analysis|editorial|account))?$")
_WORKS = re.compile(r"(?i)^(?:the|this|that)\s+(?:report|story|article|column|piece|investigation)$")


def outlet_speakers(text, rows, actors=None):
    """In place: an outlet's report is the outlet speaking, by its full name ("The Post's
    report", "an Axios report" -> Axios; "the *Times*" -> New York Times when the text names
    The New York Times; typed media); "the report" with no owner is the outlet that reported
    last before it (unless an earlier source is a report of its own: ``same_description``)."""
    for number, row in enumerate(rows):
        source = " ".join(row["source"].replace("*", "").replace("_", " ").split())
        if not source or row["source_start"] < 0 or row["source_resolved"] in (actors or {}):
            continue
        outlet = _outlet_named(_OUTLET_WORK.match(source).group(1), text)
        if outlet:
            row["source_resolved"], row["source_type"] = outlet, "media"
        elif _WORKS.match(source) and not any(_head(other["source"]) == _head(source) for other in rows[:number]):
            earlier = [other for other in rows[:number] if other["source_type"] == "media"
                       and is_outlet(other["source_resolved"])]
            if earlier:
                row["source_resolved"], row["source_type"] = earlier[-1]["source_resolved"], "media"


def _outlet_named(name, text):
    """The outlet a name stands for, without "The": itself if it is an outlet's name, else the
    one outlet named in the text whose last word it is ("Post" -> "Washington Post"), else ""."""
    bare = re.sub(r"^[Tt]he\s+", "", POSSESSIVE.sub("", name.strip()))
    if not bare or not bare[:1].isupper():
        return ""
    if is_outlet(bare):
        return bare
    if " " in bare:
        return ""
    fuller = [outlet for outlet in _outlets_by_last_word().get(bare, ()) if outlet in text]
    return fuller[0] if len(fuller) == 1 else ""


@lru_cache(maxsize=1)
def _outlets_by_last_word():
    """The outlets of more than one word by their last word: {"Post": ("Washington Post", ...)}."""
    by_word = {}
    for outlet in sorted(outlets()):
        if " " in outlet:
            by_word.setdefault(outlet.rsplit(" ", 1)[1], []).append(outlet)
    return {word: tuple(names) for word, names in by_word.items()}


def one_name_per_person(rows, names=(), actors=None):
    """In place: a speaker named by one word ("Esper"; "Song" for Song Zhongping, family name
    first) takes the fuller name that ends or begins with it, from another source or a name
    in the text (``names_before``): the last such name before the source, else the first
    after it, so one person is one speaker. Actors keep their names."""
    if not any(len(row["source_resolved"].split()) == 1 for row in rows):
        return
    full = sorted({(row["source_start"], row["source_resolved"]) for row in rows
                   if len(row["source_resolved"].split()) > 1 and person_name(row["source_resolved"])}
                  | {(position, person_name(name)) for position, name in names if len(person_name(name).split()) > 1})
    by_word = {}  # a first or last word -> the fuller names that begin or end with it, in order
    for position, name in full:
        for word in dict.fromkeys((name.split()[0], name.split()[-1])):
            by_word.setdefault(word, []).append((position, name))
    for row in rows:
        word = row["source_resolved"]
        if len(word.split()) != 1 or word in (actors or {}):
            continue
        fuller = by_word.get(word)
        if fuller:
            before = bisect.bisect_right(fuller, (row["source_start"], "\U0010ffff"))
            row["source_resolved"] = fuller[before - 1][1] if before else fuller[0][1]


def openers_are_not_names(doc, rows):
    """In place: a one-word source typed "named person" that is capitalised only because it opens
    a sentence ("Books released earlier this year have documented ...") is no name: the text
    never writes it with a capital inside a sentence, and writes it (or its singular) in small
    letters."""
    candidates = {row["source"] for row in rows if row["source_type"] == "named person" and row["source_start"] >= 0
                  and len(row["source"].split()) == 1 and row["source_resolved"] == row["source"]}
    if not candidates:
        return
    texts = doc.texts
    sentence_starts = {doc.bounds[sentence][0] for sentence in doc.bounds}
    small = {word.lower() for word in candidates} | {word.lower().removesuffix("s") for word in candidates}
    lower = {text for text in texts if text in small}
    inside = {texts[i] for i in range(1, len(texts)) if texts[i] in candidates and i not in sentence_starts
              and texts[i - 1] not in ("“", "‘", "(", ":")}
    for row in rows:
        word = row["source"]
        if word in candidates and row["source_type"] == "named person" and word not in inside \
                and {word.lower(), word.lower().removesuffix("s")} & lower:
            row["source_type"] = "unknown"


def it_is_the_thing_before(rows):
    """In place: "it" as a source is the document, outlet or organisation that spoke last in the
    300 characters before it ("The ad ... It says ..." -> the ad, a document), as a reader
    takes it; without one it stays unknown."""
    things = []  # (position, row) of earlier sources that are not people
    for row in sorted(rows, key=lambda row: row["source_start"]):
        start = row["source_start"]
        if start < 0:
            continue
        if row["source"].lower() == "it" and row["source_type"] == "unknown":
            recent = [thing for position, thing in things if start - 300 <= position < start]
            if recent:
                row["source_resolved"], row["source_type"] = recent[-1]["source_resolved"], recent[-1]["source_type"]
        elif row["source_type"] in ("document", "media", "organisation") and not person_name(row["source_resolved"]):
            things.append((start, row))


def the_writer(doc, rows):
    """In place: "I" or "we" outside quotation marks and posts is the article's writer, the press
    speaking (``media``; speaker "the writer"); inside a quotation it is whoever is quoted."""
    for row in rows:
        start = row["source_start"]
        if row["source"].lower() in FIRST_PERSON and start >= 0 and not (
                doc.in_quotation([start])[0] or doc.in_post([start])[0]):
            row["source_type"], row["source_resolved"] = "media", "the writer"


def identified_later(rows):
    """In place: an unnamed source takes the named person of a later attribution when the two
    descriptions share a word and the two contents share three words found in at most one other
    attribution of the text: news often describes a speaker first and names him later ("A
    Chinese government official said he wasn't aware of the specifics ..." ... "China's Foreign
    Ministry spokesperson Zhao Lijian said ... he wasn't aware of the 'specific situation'")."""
    def one_unnamed(row):  # "officials" is a group, not one person named later
        return row["source_type"] == "anonymous" and not row["source"][-1:].lower() == "s"

    if not any(one_unnamed(row) for row in rows) or not any(
            row["source_type"] != "anonymous" and person_name(row["source"]) for row in rows):
        return
    contents = [_stems(row["content"]) for row in rows]
    seen = Counter(stem for stems in contents for stem in stems)
    holding = {}  # a rare stem (in at most three contents) -> the rows whose content holds it
    for number, stems in enumerate(contents):
        for stem in stems:
            if seen[stem] <= 3:
                holding.setdefault(stem, []).append(number)
    same_phrase = {}
    for row in rows:
        same_phrase.setdefault((row["source_start"], row["source_end"]), []).append(row)
    for number, row in enumerate(rows):
        if not one_unnamed(row):
            continue
        described = _stems(row["source"], 4)
        # only a later row sharing a rare stem can share three: look at those, in order
        for other in sorted({n for stem in contents[number] for n in holding.get(stem, ()) if n > number}):
            later, rare = rows[other], {stem for stem in contents[number] & contents[other] if seen[stem] <= 3}
            if person_name(later["source"]) and len(rare) >= 3 and described & _stems(later["source"], 4):
                # every attribution of that phrase ("... said ..., but warned ...")
                for same in same_phrase[(row["source_start"], row["source_end"])]:
                    same["source_resolved"], same["source_type"] = later["source_resolved"], later["source_type"]
                break


def _stems(text, size=5):
    """The first letters of the words of four letters or more."""
    return {word.lower()[:size] for word in re.findall(r"[A-Za-z]{4,}", text)}
