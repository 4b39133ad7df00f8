"""Who a source is: resolved to an actor or a name, and typed.

A pronoun ("he", "she", "they") becomes the speaker of a recent attribution, else the last
personal name before it; a name or description listed in the story's actors.yml ("the
general") becomes that actor. The type (anonymous, document, media, expert, military,
organisation, named person) comes from keywords of the source and its resolution.
"""

import re
from functools import lru_cache

from analysis.lexicons import load_lexicon

PRONOUNS = {"he", "she", "they", "him", "her", "them"}
SOURCE_TYPES = [
    ("anonymous", r"\b(anonymous|anonymity|requested|unnamed|unidentified|source|sources|insider|insiders)\b"),
    ("document", r"\b(book|report|reports|statement|letter|memo|document|documents|authors?|study|survey|poll|"
                 r"filing|transcript|readout|accounts?|article|column|records?|peril|interview)\b"),
    ("media", r"\b(reporter|journalist|correspondent|editor|columnist|axios|cnn|post|times|reuters|ap|fox|"
              r"newsweek|bloomberg|nbc|abc|cbs|msnbc|outlet|newspaper|network|magazine|tabloid|press)\b|@\w+"),
    ("expert", r"\b(professor|expert|experts|analyst|analysts|scholar|researcher|commentator|economist|"
               r"historian|observer|observers|specialist)\b"),
    ("military", r"\b(gen|general|col|colonel|adm|admiral|military|commander|officer|officers|army|navy|"
                 r"pentagon|chiefs|lt|sgt|major)\b"),
    ("organisation", r"\b(ministry|party|committee|white house|department|administration|government|campaign|"
                     r"agency|agencies|council|congress|senate|house|company|group|union|office|democrats|"
                     r"republicans|intelligence|police|court|fbi|cia|nato|embassy|board)\b"),
]
NOT_PEOPLE = re.compile(SOURCE_TYPES[2][1] + "|" + SOURCE_TYPES[5][1] + r"|\b(chiefs|staff|state|states|united|"
                        r"america|washington|capitol|hill|day|election|university|institute|army|liberation|nations|"
                        r"union|republic|kingdom|relations|affairs|january|february|march|april|may|june|july|"
                        r"august|september|october|november|december)\b")
# Heads of a description of unnamed people: "a senior official", "angry parents", "critics".
ANONYMOUS_HEADS = re.compile(r"(?i)(officials?|aides?|persons?|people|someone|insiders?|sources?|advisers?|"
                             r"staffers?|diplomats?|operatives?|parents|residents|critics|supporters|opponents|"
                             r"voters|protesters|activists|witnesses|lawmakers|legislators|members|leaders|"
                             r"neighbou?rs|families|workers|employees|students|teachers|observers|experts|"
                             r"analysts|scholars|researchers|authorities|investigators|prosecutors|others|some|many)$")
# A personal name; the look-ahead for a capital first makes the search a third faster.
NAME = re.compile(r"(?<!\w)(?=[A-Z])(?:(?:(?:President|Sen|Senator|Rep|Gov|Gen|General|Col|Colonel|Adm|Mr|Mrs|Ms|"
                  r"Dr|Secretary|Speaker)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)+"
                  r"|\b(?:President|Sen|Gen|Col|General|Secretary|Speaker)\.?\s+[A-Z][a-z]+)")
_HEAD_WORD = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_PERSON_ROLES = {"military": re.compile(r"\b(gen|general|col|colonel|adm|admiral|lt|sgt|maj|major|commander|"
                                         r"officer|joint chiefs)\b\.?"),
                 "media": re.compile(r"\b(reporter|journalist|correspondent|editor|columnist|anchor|host|"
                                     r"broadcaster|presenter|cnn|axios|reuters|fox|newsweek|bloomberg|nbc|abc|cbs|"
                                     r"msnbc|times)\b"),
                 "expert": re.compile(r"\b(professor|expert|analyst|scholar|researcher|commentator|economist|"
                                      r"historian|fellow)\b")}
_NAME_WORD = re.compile(r"[\w.'’]+")
# Words of a title before a name: "Then-Defense Secretary", "White House press secretary".
_TITLE_WORDS = {"president", "vice", "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general",
                "col", "colonel", "adm", "admiral", "mr", "mrs", "ms", "dr", "secretary", "speaker", "house", "defense",
                "state", "national", "security", "advisor", "adviser", "former", "then", "chairman", "chief", "press",
                "deputy", "minister", "foreign", "lt", "sgt", "maj", "major", "attorney", "director", "ambassador",
                "senior", "us", "u.s", "white", "joint", "chiefs", "of", "staff", "spokesperson", "spokesman"}
_PHRASE_WORD = re.compile(r"[\w'’.-]+")
_SOURCE_TYPES = [(kind, re.compile(pattern)) for kind, pattern in SOURCE_TYPES]


def names_before(text, actors):
    """``(position, name)`` of every personal name (two capitalised words, or a title and a
    name, not a place, month or institution) in the text, and of every mention of an actor
    whose names include such a personal name, for resolving pronouns."""
    found = []
    for match in NAME.finditer(text):
        if not NOT_PEOPLE.search(match.group().lower()):
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
    """The canonical speaker of a source: the actor it names; for a pronoun the speaker of an
    attribution in the 300 characters before it, else the last personal name before it; for a
    personal name the bare name (``person_name``: "China's Foreign Ministry spokesperson
    Zhao Lijian" -> "Zhao Lijian", "Trump's" -> "Trump"); otherwise the source itself."""
    source = row["source"]
    if not source:
        return ""
    actor = actor_of(source, actors) or actor_of(_POSSESSIVE.sub("", source), actors)
    if actor:
        return actor
    if source.split()[-1].lower() in PRONOUNS and row["source_start"] >= 0:
        recent = [name for position, name in speakers if row["source_start"] - 300 <= position < row["source_start"]]
        if recent:
            return recent[-1]
        earlier = [name for position, name in names if position < row["source_start"]]
        if earlier:
            return earlier[-1]
    return person_name(source) or _POSSESSIVE.sub("", source)


def person_name(phrase):
    """The personal name a source phrase ends in (before any comma), without titles or
    possessive, or "" if it ends in no name: "Col. Dave Butler, spokesperson for the Joint
    Chiefs" -> "Dave Butler"; "House Speaker Nancy Pelosi" -> "Nancy Pelosi"; "Trump's" ->
    "Trump"; "The Washington Post" -> "" (an outlet)."""
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
    if before == "the" or (not run or NOT_PEOPLE.search(name.lower()) or run[0].lower() in _common_openers()
            or ANONYMOUS_HEADS.search(run[-1])):
        return ""
    return name


def role_elsewhere(text, rows):
    """In place: a source typed "named person" takes the role the text gives the same person
    anywhere ("talk-show host Larry King ... Mr. King said" -> media): the words just before any
    mention of the speaker's surname, or the description set off by a comma just after it."""
    roles = {}
    for name in {row["source_resolved"] for row in rows if row["source_type"] == "named person"}:
        surname = name.split()[-1] if name.split() else ""
        if len(surname) < 3:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            before = text[max(0, match.start() - 40):match.start()].split(".")[-1].lower()
            after = re.match(r",\s*(?:a|an|the)?\s*([^,.;]{0,60})", text[match.end():])
            around = before + " " + (after.group(1).lower() if after else "")
            kind = next((kind for kind in ("military", "media", "expert") if _PERSON_ROLES[kind].search(around)), None)
            if kind:
                roles[name] = kind
                break
    for row in rows:
        if row["source_type"] == "named person" and row["source_resolved"] in roles:
            row["source_type"] = roles[row["source_resolved"]]


def one_name_per_person(rows, names=()):
    """In place: a speaker named by surname alone ("Esper") takes the fuller name that another
    source, or a name anywhere in the text (``names_before``), gives ("Mark Esper"), so one
    person is one speaker."""
    full = {}
    for name in [row["source_resolved"] for row in rows] + [name for _, name in names]:
        words = name.split()
        if len(words) > 1 and person_name(name) == name:
            full.setdefault(words[-1], name)
    for row in rows:
        if row["source_resolved"] in full:
            row["source_resolved"] = full[row["source_resolved"]]


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
    common = _common_openers()
    named = any(m.group().split()[0].lower() not in common for m in NAME.finditer(row["source_resolved"])) or (
        actors and row["source_resolved"] in actors)
    head = _HEAD_WORD.findall(row["source"])
    if _SOURCE_TYPES[0][1].search(lowered) or (head and ANONYMOUS_HEADS.match(head[-1])):
        return "anonymous"
    if person_name(row["source"]) or (actors and row["source_resolved"] in people(actors)):
        # a named person is typed by what the words around the name say the person is, not by
        # the body named beside it ("Foreign Ministry spokesperson Zhao Lijian" is a person)
        for kind in ("military", "media", "expert"):
            if _PERSON_ROLES[kind].search(lowered):
                return kind
        return "named person"
    for kind, pattern in _SOURCE_TYPES[1:]:
        if pattern.search(lowered):
            return kind
    if named or _has_proper_name(row["source_resolved"]):
        return "named person"
    return "unknown"


def _has_proper_name(phrase):
    """A capitalised word that is not just a capitalised sentence opener ("The", "His")."""
    words = _PHRASE_WORD.findall(phrase)
    common = _common_openers()
    return any(word[:1].isupper() and word.lower() not in common and word.lower() not in PRONOUNS
               for word in words)


@lru_cache(maxsize=1)
def _common_openers():
    return set(load_lexicon("sentence_starters", ["word"])["word"]) | {"i", "i'm", "i’m", "we", "it", "its"}
