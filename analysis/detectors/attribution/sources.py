"""Who a source is: resolved to one speaker, and typed.

A name or description listed in the story's actors.yml ("the general") becomes that actor;
"he" or "she" the speaker of a recent attribution, else the last personal name before it; a
name the bare name ("Gen. Mark Milley's" -> the actor, "Foreign Ministry spokesperson Zhao
Lijian" -> Zhao Lijian), a surname the fuller name; a description its words without the
article, or the named person or earlier description it turns out to be. The type (anonymous,
document, media, expert, military, organisation, named person) comes from the actor's role,
the outlet list, what the text says of the person and keywords of the source.
"""

import itertools
import re
from collections import Counter
from functools import lru_cache

from analysis.lexicons import load_lexicon

PRONOUNS = {"he", "she", "they", "him", "her", "them"}
SOURCE_TYPES = [
    ("anonymous", r"\b(anonymous|anonymity|requested|unnamed|unidentified|source|sources|insider|insiders)\b"),
    ("document", r"\b(book|report|reports|statement|letter|memo|document|documents|authors?|study|survey|poll|"
                 r"polls|polling|results|statistics|data|figures|estimates|findings|research|census|bill|proposal|"
                 r"legislation|ruling|filing|transcript|readout|accounts?|article|column|records?|peril|interview)\b"),
    ("media", r"\b(reporter|journalist|correspondent|editor|columnist|axios|cnn|post|times|reuters|ap|fox|news|"
              r"newsweek|bloomberg|nbc|abc|cbs|msnbc|outlet|newspaper|network|magazine|tabloid|press)\b|@\w+"),
    ("expert", r"\b(professor|expert|experts|analyst|analysts|scholar|researcher|commentator|economist|"
               r"historian|observer|observers|specialist)\b"),
    ("military", r"\b(gen|general|col|colonel|adm|admiral|military|commander|officer|officers|army|navy|"
                 r"pentagon|chiefs|lt|sgt|major)\b"),
    ("organisation", r"\b(ministry|party|committee|white house|department|administration|government|campaign|"
                     r"agency|agencies|council|congress|senate|house|company|group|union|office|democrats|"
                     r"republicans|intelligence|police|court|fbi|cia|nato|embassy|board)\b"),
]
NOT_PEOPLE = re.compile(SOURCE_TYPES[2][1] + "|" + SOURCE_TYPES[5][1] + r"|\b(chiefs|staff|state|states|united|war|"
                        r"america|washington|capitol|hill|day|election|university|institute|army|liberation|nations|"
                        r"union|republic|kingdom|relations|affairs|january|february|march|april|may|june|july|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"august|september|october|november|december)\b")
# Heads of a description of unnamed people: "a senior official", "angry parents", "critics".
ANONYMOUS_HEADS = re.compile(r"(?i)(officials?|aides?|persons?|people|someone|insiders?|sources?|advisers?|"
                             r"staffers?|diplomats?|operatives?|parents|residents?|critics?|supporters?|opponents|"
                             r"voters?|protesters|activists|witnesses|lawmakers|legislators|members?|leaders|"
                             r"neighbou?rs|families|workers|employees?|students|teachers|observers?|experts?|"
                             r"analysts?|scholars?|researchers?|authorities|investigators|prosecutors|others|some|"
                             r"many|commentator|investors|economists|agents|officers|americans|citizens|groups|donors|"
                             r"delegates|strategists|pollsters|consultants|allies|ally|rivals|colleagues|friends?|"
                             r"advocates|spokeswoman|spokesman|spokesperson|representative|lawyer)$")
# What follows a description's head noun: "A spokeswoman for the Israeli Defense Ministry".
_OF_PHRASE = re.compile(r"(?i)\s+(?:for|of|at|with|from|in|on|to|who|which|that|close|familiar)\s.*$")
# "Some Democrats", "those Republicans", "many voters": an unnamed part of a group.
QUANTIFIED = re.compile(r"(?i)^(?:some|many|most|few|several|other|others|those|these|two|three|four|five|\d+)\s")
# A personal name; the look-ahead for a capital first makes the search a third faster.
NAME = re.compile(r"(?<!\w)(?=[A-Z])(?:(?:(?:President|Sen|Senator|Rep|Gov|Gen|General|Col|Colonel|Adm|Mr|Mrs|Ms|"
                  r"Dr|Secretary|Speaker)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)+"
                  r"|\b(?:President|Sen|Gen|Col|General|Secretary|Speaker)\.?\s+[A-Z][a-z]+)")
_HEAD_WORD = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# Words that say what a named person is, as a title before the name or a description after it.
_ROLES = {"military": r"gen|general|col|colonel|adm|admiral|lt|sgt|maj|major|commander|officer|joint chiefs",
          "media": r"reporter|journalist|correspondent|editor|columnist|anchor|host|broadcaster|presenter",
          "expert": r"professor|expert|analyst|scholar|researcher|commentator|economist|historian|fellow"}
_OUTLETS = r"cnn|axios|reuters|fox|newsweek|bloomberg|nbc|abc|cbs|msnbc|times"
_PERSON_ROLES = {kind: re.compile(rf"\b({words}{'|' + _OUTLETS if kind == 'media' else ''})\b\.?")
                 for kind, words in _ROLES.items()}
# Words that end the title run before a name ("told CNN that Trump" gives Trump no title).
_NOT_TITLE = {"that", "and", "but", "or", "to", "with", "by", "for", "in", "on", "at", "of", "from", "as", "told",
              "said", "says", "asked", "when", "while", "after", "before", "if", "than"}
_PARTY_TAG = re.compile(r"\s*\(?\b[DRI]-[A-Z][A-Za-z.]*\)?")
_NAME_WORD = re.compile(r"[\w.'’]+")
# Words of a title before a name: "Then-Defense Secretary", "White House press secretary".
_TITLE_WORDS = {"president", "vice", "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general",
                "col", "colonel", "adm", "admiral", "mr", "mrs", "ms", "dr", "secretary", "speaker", "house", "defense",
                "state", "national", "security", "advisor", "adviser", "former", "then", "chairman", "chief", "press",
                "deputy", "minister", "foreign", "lt", "sgt", "maj", "major", "attorney", "director", "ambassador",
                "senior", "us", "u.s", "white", "joint", "chiefs", "of", "staff", "spokesperson", "spokesman",
                "spokeswoman", "senate", "majority", "minority", "leader", "whip", "chair", "chairwoman",
                "chairperson", "rules", "committee", "democratic", "republican", "gop", "campaign", "manager",
                "executive", "ceo", "founder", "candidate", "nominee", "mayor", "judge", "justice", "sheriff",
                "commissioner", "congressman", "congresswoman", "assemblyman", "assemblywoman", "lieutenant"}
_PHRASE_WORD = re.compile(r"[\w'’.-]+")
_SOURCE_TYPES = [(kind, re.compile(pattern)) for kind, pattern in SOURCE_TYPES]


def names_before(text, actors):
    """``(position, name)`` of every personal name (two capitalised words, or a title and a
    name, not a place, month or institution) in the text, and of every mention of an actor
    whose names include such a personal name, for resolving pronouns."""
    found = []
    for match in NAME.finditer(text):
        words = {word.rstrip(".").lower() for word in match.group().split()}
        if not NOT_PEOPLE.search(match.group().lower()) and not words <= _TITLE_WORDS:  # "Vice Chairman"
            found.append((match.start(), actor_of(match.group(), actors) or match.group()))
    for actor in people(actors):
        for alias in actors[actor]:
            found += [(m.start(), actor) for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
    return sorted(set(found))


def actor_of(phrase, actors):
    """The actor whose name ends the phrase (its head): "the Chinese foreign ministry's
    spokesperson Zhao Lijian" is Zhao, not China."""
    for actor, aliases in (actors or {}).items():
        for alias in sorted(aliases, key=len, reverse=True):
            # a description such as "the general" also matches "The general"
            flags = re.IGNORECASE if alias[:1].islower() else 0
            if re.search(rf"(?<!\w){re.escape(alias)}\W*$", phrase, flags):
                return actor
    return None


def resolve(row, names, actors, speakers=()):
    """The canonical speaker of a source: the actor it names; for "he" or "she" the speaker of an
    attribution in the 300 characters before it, else the last personal name before it ("they"
    stays itself: a group is not one of those people); for a
    personal name the bare name (``person_name``: "China's Foreign Ministry spokesperson
    Zhao Lijian" -> "Zhao Lijian", "Trump's" -> "Trump"); otherwise the source itself."""
    source = row["source"]
    if not source:
        return ""
    actor = actor_of(source, actors) or actor_of(_POSSESSIVE.sub("", source), actors)
    if actor:
        return actor
    pronoun = source.split()[-1].lower()
    if pronoun in PRONOUNS and row["source_start"] >= 0:
        if pronoun in ("they", "them"):
            return source  # a group: not one of the people named before it
        recent = [name for position, name in speakers if row["source_start"] - 300 <= position < row["source_start"]]
        if recent:
            return recent[-1]
        earlier = [name for position, name in names if position < row["source_start"]]
        if earlier:
            return earlier[-1]
    return person_name(source) or short_description(_POSSESSIVE.sub("", source))


_ARTICLE = re.compile(r"(?i)^(?:(?:one|some|many|most|two|three|several) of (?:the|those|these)|a|an|the)\s+")
_CLAUSE = re.compile(r"(?i)(?:,|\s+(?:who|which|that|whom|whose)\b).*$")


def short_description(phrase):
    """A description without its article, as a speaker's name: "A military expert who requested
    to remain anonymous" -> "military expert who requested to remain anonymous" (a relative
    clause may tell two unnamed people apart); "one of the sources" -> "sources"."""
    return _ARTICLE.sub("", phrase.strip()) or phrase


def same_description(rows, actors=None):
    """In place: a definite description ("the expert", "one of the sources") that is not a name
    is the speaker of the last earlier source with the same head noun ("a military expert who
    requested to remain anonymous"), as a reader takes it."""
    for number, row in enumerate(rows):
        source = row["source"]
        if not re.match(r"(?i)(?:one of )?the\s", source) or person_name(source) or row["source_resolved"] in (
                actors or {}):
            continue
        head = _head(source)
        earlier = [other for other in rows[:number] if other["source"]
                   and other["source_start"] < row["source_start"] and _head(other["source"]) == head]
        if head and earlier:
            row["source_resolved"], row["source_type"] = earlier[-1]["source_resolved"], earlier[-1]["source_type"]


def _head(phrase):
    """The head noun of a description, singular: "A military expert who requested ..." -> "expert"."""
    words = _HEAD_WORD.findall(_CLAUSE.sub("", phrase))
    return words[-1].lower().removesuffix("s") if words else ""


@lru_cache(maxsize=8192)
def person_name(phrase):
    """The personal name a source phrase ends in (before any comma), without titles or
    possessive, or "" if it ends in no name: "Col. Dave Butler, spokesperson for the Joint
    Chiefs" -> "Dave Butler"; "House Speaker Nancy Pelosi" -> "Nancy Pelosi"; "Trump's" ->
    "Trump"; "The Washington Post" -> "" (an outlet)."""
    phrase = _PARTY_TAG.sub("", phrase)  # "Sen. Elizabeth Warren (D-Mass.)"
    words = _NAME_WORD.findall(_POSSESSIVE.sub("", phrase.split(",")[0].strip()))
    run = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    while run and run[0].rstrip(".").lower() in _TITLE_WORDS:
        run.pop(0)
    name = " ".join(run)
    before = words[len(words) - len(run) - 1].lower() if len(words) > len(run) else ""
    if before in ("the", "of") or (not run or NOT_PEOPLE.search(name.lower()) or run[0].lower() in _common_openers()
            or ANONYMOUS_HEADS.search(run[-1])):
        return ""
    return name


def role_elsewhere(text, rows, actors=None):
    """In place: a source typed "named person" (not an actor of the story) takes the role the
    text gives the same person elsewhere ("talk-show host Larry King ... Mr. King said" ->
    media): a title just before one of the first four mentions of the surname (back to a comma
    or a word such as "that" or "told"), or the description set off by a comma just after it."""
    by_surname = {}
    for name in {row["source_resolved"] for row in rows if row["source_type"] == "named person"} - set(actors or ()):
        if name.split() and len(name.split()[-1]) >= 3:
            by_surname.setdefault(name.split()[-1], []).append(name)
    if not by_surname:
        return
    roles = {}
    for surname, names in by_surname.items():
        for start in itertools.islice(_whole_word(text, surname), 4):  # a role is given at a first mention
            title = []
            for word in reversed(_TITLE_TOKEN.findall(text[max(0, start - 60):start])):
                if not word[0].isalnum() and word[0] != "_" or word.lower() in _NOT_TITLE or len(title) == 4:
                    break
                title.append(word.lower())
            after = _DESCRIPTION_AFTER.match(text, start + len(surname))
            around = " ".join(reversed(title)) + " " + (after.group(1).lower() if after else "")
            kind = next((kind for kind in ("military", "media", "expert") if _PERSON_ROLES[kind].search(around)), None)
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
_DESCRIPTION_AFTER = re.compile(r",\s*(?:a|an|the)?\s*([^,.;]{0,60})")


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
    for row in rows:
        word = row["source_resolved"]
        if len(word.split()) != 1 or word in (actors or {}):
            continue
        fuller = [(position, name) for position, name in full if word in (name.split()[0], name.split()[-1])]
        before = [name for position, name in fuller if position <= row["source_start"]]
        if fuller:
            row["source_resolved"] = before[-1] if before else fuller[0][1]


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
    for number, row in enumerate(rows):
        if not one_unnamed(row):
            continue
        described = _stems(row["source"], 4)
        for later, stems in zip(rows[number + 1:], contents[number + 1:]):
            rare = {stem for stem in contents[number] & stems if seen[stem] <= 3}
            if person_name(later["source"]) and len(rare) >= 3 and described & _stems(later["source"], 4):
                for same in rows:  # every attribution of that phrase ("... said ..., but warned ...")
                    if (same["source_start"], same["source_end"]) == (row["source_start"], row["source_end"]):
                        same["source_resolved"], same["source_type"] = later["source_resolved"], later["source_type"]
                break


def _stems(text, size=5):
    """The first letters of the words of four letters or more."""
    return {word.lower()[:size] for word in re.findall(r"[A-Za-z]{4,}", text)}


def is_person(source, resolved, actors):
    """Whether a source names a person: an actor with a personal name, or a proper name that
    is not a document, outlet, organisation, place or anonymous description."""
    if actors and resolved in actors:
        return resolved in people(actors)
    source = source.split(",")[0]  # "Li Haidong, professor at the Institute": judge the name
    if not source.split():
        return False
    lowered = source.lower()
    if source.split()[-1].lower() in PRONOUNS or NOT_PEOPLE.search(lowered) or ANONYMOUS_HEADS.search(lowered):
        return False
    if any(re.search(pattern, lowered) for kind, pattern in SOURCE_TYPES if kind in ("document", "media")):
        return False
    return _has_proper_name(source)


def people(actors):
    """The actors whose names include a personal name ("Gen. Mark Milley"), not a place or body."""
    return {actor for actor, aliases in (actors or {}).items()
            if any(NAME.fullmatch(alias) and not NOT_PEOPLE.search(alias.lower()) for alias in aliases)}


def source_type(row, actors):
    described = f"{row['source']} {row['source_resolved']}"
    if actors and row["source_resolved"] in actors:
        described += " " + " ".join(actors[row["source_resolved"]])
    lowered = described.lower()
    if not row["source"]:
        return "unknown"
    if is_outlet(row["source"]) or is_outlet(row["source_resolved"]):
        return "media"
    if person_name(row["source"]) or (actors and row["source_resolved"] in people(actors)):
        # a named person is typed by what the words around the name say the person is, not by
        # the body named beside it ("Foreign Ministry spokesperson Zhao Lijian" is a person)
        for kind in ("military", "media", "expert"):
            if _PERSON_ROLES[kind].search(lowered):
                return kind
        return "named person"
    head = _HEAD_WORD.findall(_OF_PHRASE.sub("", row["source"].split(",")[0]))
    if _SOURCE_TYPES[0][1].search(lowered) or (head and ANONYMOUS_HEADS.match(head[-1])) or (
            QUANTIFIED.match(row["source"]) and head and head[-1].lower().endswith("s")):
        return "anonymous"  # a description of someone the text does not name: "a military expert"
    for kind, pattern in _SOURCE_TYPES[1:]:
        if pattern.search(lowered):
            return kind
    common = _common_openers()
    named = any(m.group().split()[0].lower() not in common for m in NAME.finditer(row["source_resolved"])) or (
        actors and row["source_resolved"] in actors)
    if named or _has_proper_name(row["source_resolved"]):
        return "named person"
    return "unknown"


def _has_proper_name(phrase):
    """A capitalised word that is not just a capitalised sentence opener ("The", "His")."""
    words = _PHRASE_WORD.findall(phrase)
    common = _common_openers()
    return any(word[:1].isupper() and word.lower() not in common and word.lower() not in PRONOUNS
               for word in words)


def is_outlet(phrase):
    """Whether a phrase is a news outlet's name (``lexicons/news_outlets.csv``), whole: "The
    Washington Post", "Politico's"; not "Vice President Harris"."""
    bare = _POSSESSIVE.sub("", phrase.strip())
    return bool(bare) and ({bare, re.sub(r"^[Tt]he\s+", "", bare), "The " + bare} & _outlets() != set())


@lru_cache(maxsize=1)
def _outlets():
    return frozenset(load_lexicon("news_outlets", ["outlet"])["outlet"])


@lru_cache(maxsize=1)
def _common_openers():
    return set(load_lexicon("sentence_starters", ["word"])["word"]) | {"i", "i'm", "i’m", "we", "it", "its"}
