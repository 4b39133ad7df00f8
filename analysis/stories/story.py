"""A story: its articles and the files that describe it, read once, in one shape each.

``load_story(name)`` reads ``corpus/<name>/``: ``metadata.yml`` and the articles
(``analysis.stories.corpus.load_corpus``), and the optional ``actors.yml``,
``naming.yml`` and ``facts.yml``. Every part is a tidy table, one row per item, so
they look alike and print alike in a notebook; an optional file that is absent gives
an empty table with the same columns. Figures, the story report, the features and the
lessons all take a ``Story``.

>>> story = load_story("milley-china-calls")
>>> story.title
"Gen. Mark Milley's calls to China (September 2021)"
>>> list(story.actors.columns), list(story.naming.columns), list(story.facts.columns)
(['actor', 'name', 'role', 'work'], ['referent', 'variant', 'term'], ['fact_id', 'fact', 'patterns'])
>>> story.actor_names["Esper"][-1]
'Esper'
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import CORPUS_DIR
from analysis.stories.corpus import is_word_list, load_corpus, load_story_file, read_metadata
from analysis.stories.reading import DROPPED_FILE, READING_COLUMNS, READING_FILE, read_reading
from analysis.vocabulary import MARK_ORIGINS

ACTOR_COLUMNS = ["actor", "name", "role", "work"]
# What an actor is when it speaks (``roles:`` in actors.yml): the source types of READING.md.
ACTOR_ROLES = ("named person", "military", "expert", "media", "document", "organisation", "anonymous",
               "social media post")
NAMING_COLUMNS = ["referent", "variant", "term"]
FACT_COLUMNS = ["fact_id", "fact", "patterns"]


@dataclass(frozen=True, eq=False)
class Story:
    """One story, as read from its folder.

    Attributes:
        name: the folder's name (the story id).
        title, summary: from ``metadata.yml``; ``sources`` the list of sources it cites.
        articles: one row per article (the columns of ``load_corpus``), in the metadata's order.
        actors: ``actor``, ``name``: one row per name an actor goes by (``actors.yml``); ``role``:
            what the actor is when quoted; ``work``: the actor is a book, report or other work,
            not a person or group (listed under ``works:``).
        naming: ``referent``, ``variant``, ``term``: one row per phrase of a naming
            variant (``naming.yml``), e.g. January 6 / coup / "coup plotters".
        facts: ``fact_id``, ``fact``, ``patterns`` (a list of word lists; a sentence carries
            the fact when it holds every term of one pattern) (``facts.yml``).
        reading: a person's careful reading of the articles, one row per mark (``reading.csv``,
            see ``analysis.stories.reading`` and ``corpus/READING.md``); empty when there is none.
        dropped: the program's marks a reviewer refused, with the reviewer's notes
            (``dropped.csv``, same columns); empty when there is none.
        folder: where the story's files are.
        automatic: count the program's own marks even when the story has a reading.

    When the story has a reading (and ``automatic`` is false), the annotations, and so every
    measure, figure, report and lesson, use the reader's marks (``reviewed`` is true);
    ``marks`` says which in words. A Story is read once: change its files, then load it again.
    """

    name: str
    title: str
    summary: str
    sources: list
    articles: pd.DataFrame
    actors: pd.DataFrame
    naming: pd.DataFrame
    facts: pd.DataFrame
    folder: Path
    reading: pd.DataFrame
    dropped: pd.DataFrame
    automatic: bool = False

    def __repr__(self):
        return (f"<Story {self.name!r}: {len(self.articles)} articles, {self.actors['actor'].nunique()} actors, "
                f"{self.naming['referent'].nunique()} named referents, {len(self.facts)} facts>")

    @property
    def reviewed(self):
        """Whether the marks counted are the reader's (the story has a reading and ``automatic`` is false)."""
        return not self.automatic and not self.reading.empty

    @property
    def marks(self):
        """Where the marks come from, in words: "reviewed by a reader" or "automatic, unreviewed"."""
        return MARK_ORIGINS[self.reviewed]

    @property
    def actor_names(self):
        """``{actor: [name, ...]}``, the shape the detectors read."""
        return actor_names(self.actors)

    @property
    def labels(self):
        """``{article_id: label}``: how each article is named on a chart (see ``article_label``)."""
        return article_labels(self)

    @property
    def article_ids(self):
        """The article ids, in the metadata's order."""
        return list(self.articles["article_id"])


def load_story(name, corpus_dir=None, errors="raise", automatic=False):
    """Read a story folder (``corpus/<name>/`` by default) into a ``Story``.

    Args:
        name: the story id (its folder's name).
        corpus_dir: the folder holding the story folders, if not the project's ``corpus/``.
        errors: "raise" or "skip" for a bad article file (see ``load_corpus``).
        automatic: count the program's own marks even if the story has a reading
            (default: the reading's marks when there is one).

    Raises:
        CorpusError: a file of the story is missing or malformed (the message names it).
    """
    corpus_dir = Path(corpus_dir or CORPUS_DIR)
    articles = load_corpus(name, corpus_dir=corpus_dir, errors=errors)
    metadata = read_metadata(corpus_dir / name)
    facts = load_facts(name, corpus_dir)
    reading, dropped = (read_reading(path, articles, facts["fact_id"], dropped=path.name == DROPPED_FILE)
                        if path.exists() else pd.DataFrame(columns=READING_COLUMNS)
                        for path in (corpus_dir / name / READING_FILE, corpus_dir / name / DROPPED_FILE))
    return Story(name=name, title=metadata.get("title", name), summary=metadata.get("summary", ""),
                 sources=list(metadata.get("sources", [])), articles=articles,
                 actors=load_actors(name, corpus_dir), naming=load_naming(name, corpus_dir),
                 facts=facts, folder=corpus_dir / name, reading=reading, dropped=dropped,
                 automatic=automatic)


def article_label(outlet, outlet_type):
    """How an article is named on a chart: the outlet, or 'Unnamed <type>' when unknown.

    >>> article_label("unknown", "blog")
    'Unnamed blog'
    """
    return outlet if outlet != "unknown" else f"Unnamed {outlet_type}"


def article_labels(story):
    """``{article_id: label}`` for every article of a ``Story`` (or its articles table), see ``article_label``."""
    articles = story.articles if isinstance(story, Story) else story
    return {a.article_id: article_label(a.outlet, a.outlet_type) for a in articles.itertuples(index=False)}


def actor_names(actors):
    """``{actor: [name, ...]}`` from an actors table (or such a dict, returned as it is)."""
    if actors is None:
        return {}
    if isinstance(actors, dict):
        return actors
    names = {}
    for actor, name in zip(actors["actor"], actors["name"]):
        names.setdefault(actor, []).append(name)
    return names


def actor_roles(actors):
    """``{actor: role}`` for the actors whose role actors.yml gives (from an actors table; a plain
    ``{actor: [name, ...]}`` has none)."""
    if actors is None or isinstance(actors, dict) or "role" not in actors:
        return {}
    return {actor: role for actor, role in zip(actors["actor"], actors["role"]) if role}


def load_actors(story, corpus_dir=None):
    """A story's ``actors.yml`` as a table (``actor``, ``name``, ``role``: what the actor is
    when quoted, from the optional ``roles:`` section, else ""; ``work``: whether the optional
    ``works:`` list names it); empty when there is none.

    Raises:
        CorpusError: the file is not valid YAML, not a mapping of actor to a list of names, or
            gives a role to an unknown actor or a role that is not a source type.
    """
    actors = load_story_file(story, "actors.yml", "actors", corpus_dir, check=_check_actors)
    roles = load_story_file(story, "actors.yml", "roles", corpus_dir, required=False,
                            check=lambda roles: _check_roles(roles, actors))
    works = load_story_file(story, "actors.yml", "works", corpus_dir, kind=list, required=False,
                            check=lambda works: _check_works(works, actors))
    return pd.DataFrame([(actor, name, roles.get(actor, ""), actor in works) for actor, names in actors.items()
                         for name in names], columns=ACTOR_COLUMNS)


def _check_actors(actors):
    if not all(is_word_list(names) for names in actors.values()):
        return "each actor needs a list of names: 'Name: [alias, alias]'"
    return None


def _check_roles(roles, actors):
    unknown = sorted(str(actor) for actor in roles if actor not in actors)
    if unknown:
        return f"roles: {', '.join(unknown)} is not an actor of the 'actors:' section"
    wrong = sorted(f"{actor}: {role}" for actor, role in roles.items() if role not in ACTOR_ROLES)
    if wrong:
        return f"roles: {'; '.join(wrong)} is not one of {', '.join(ACTOR_ROLES)}"
    return None


def _check_works(works, actors):
    unknown = sorted(str(actor) for actor in works if actor not in actors)
    return f"works: {', '.join(unknown)} is not an actor of the 'actors:' section" if unknown else None


def load_naming(story, corpus_dir=None):
    """A story's referents and the variants of their names, from ``naming.yml``.

    The file maps each referent to its variants and each variant to the phrases
    that express it (matched like lexicon terms, whatever the inflection)::

        referents:
          January 6:
            coup: [coup, coup plotters]
            storming of the Capitol: [storming of the US Capitol, storm Capitol Hill]

    Returns:
        DataFrame with ``referent``, ``variant`` and ``term`` (one row per phrase);
        empty when the story has no naming file.
    """
    data = load_story_file(story, "naming.yml", "referents", corpus_dir, check=_check_naming)
    rows = [(referent, variant, term) for referent, variants in data.items() for variant, terms in variants.items()
            for term in terms]
    return pd.DataFrame(rows, columns=NAMING_COLUMNS)


def load_facts(story, corpus_dir=None):
    """A story's curated facts, from ``facts.yml`` (empty when there is none).

    Each fact has an ``id``, a one-line ``fact`` and ``patterns``: a sentence
    carries the fact when it holds every term of at least one pattern (terms matched
    by stem, so "call" finds "calls" and "called")::

        facts:
          - id: two-calls
            fact: Milley called Gen. Li Zuocheng twice
            patterns: [[Li, call], [Milley, Chinese counterpart]]

    Returns:
        DataFrame with ``fact_id``, ``fact`` and ``patterns``, one row per fact.
    """
    data = load_story_file(story, "facts.yml", "facts", corpus_dir, kind=list, check=_check_facts)
    return pd.DataFrame([(fact["id"], fact["fact"], fact["patterns"]) for fact in data], columns=FACT_COLUMNS)


def _check_naming(referents):
    for referent, variants in referents.items():
        if not isinstance(variants, dict) or not variants or not all(is_word_list(t) for t in variants.values()):
            return (f"referent '{referent}' needs its variants, one per line, each with a list of phrases: "
                    "'variant: [phrase, phrase]'")
    return None


def _check_facts(facts):
    ids = set()
    for number, fact in enumerate(facts, 1):
        if not isinstance(fact, dict) or set(fact) != {"id", "fact", "patterns"}:
            return f"fact number {number} needs exactly three fields: id, fact, patterns"
        if not isinstance(fact["patterns"], list) or not fact["patterns"] or not all(
                is_word_list(pattern) for pattern in fact["patterns"]):
            return f"fact '{fact['id']}': patterns must be a list of lists of words, e.g. [[Milley, call]]"
        if fact["id"] in ids:
            return f"fact id '{fact['id']}' is used twice"
        ids.add(fact["id"])
    return None


