"""Load stories and articles from ``corpus/``: one story per folder.

A story folder holds the articles as plain UTF-8 ``.txt`` files, verbatim, and a
``metadata.yml`` describing the story and each article (validated against
``analysis/schemas/story.schema.json``; see ``corpus/README.md``). Loading only
reads: nothing on disk is ever changed.

>>> corpus = load_corpus("milley-china-calls")
>>> sorted(corpus["outlet_type"])
['blog', 'conservative site', 'news magazine', 'socialist site', 'state media']
"""

import datetime
import json
import re
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError, CorpusWarning
from analysis.imports import without_module
from analysis.stories.furniture import REPAIR_COLUMNS, BLOCK_COLUMNS, segment
from analysis.paths import CORPUS_DIR, SCHEMA_DIR
from analysis.stories.storyfiles import check_story_id, inside, read_yaml

METADATA_FILE = "metadata.yml"
MAX_ARTICLE_BYTES = 1_000_000
ARTICLE_COLUMNS = [
    "article_id", "story", "outlet", "outlet_type", "title", "byline", "date", "date_inferred",
    "url", "language", "notes", "file", "body", "raw", "blocks", "repairs",
]
_HTML = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b)|<(div|script|p|span|meta|a)\b[^>]*>", re.I)


def list_stories(corpus_dir=None):
    """The ids of the stories in the corpus folder: sub-folders with a metadata.yml, sorted."""
    return sorted(p.parent.name for p in Path(corpus_dir or CORPUS_DIR).glob(f"*/{METADATA_FILE}"))


def is_word_list(value):
    """A non-empty list of non-empty strings?"""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def load_story_file(story, filename, key, corpus_dir=None, kind=dict, check=None, required=True):
    """The ``key:`` section of a story's optional YAML file (``actors.yml``, ``naming.yml``...).

    Args:
        check: a function of the section returning an error message, or None when it is fine.
        required: whether the file, when it exists, must have the section (else it may lack it).

    Returns:
        the section (a dict, or a list with ``kind=list``); empty when the file does not exist.

    Raises:
        CorpusError: the file is not valid YAML, has no ``key:`` section of that kind, or
            ``check`` finds a problem (the message names the file).
    """
    path = Path(corpus_dir or CORPUS_DIR) / check_story_id(story) / filename
    if not path.exists() and not path.is_symlink():
        return kind()
    data = read_yaml(inside(path, path.parent))
    section = data.get(key) if isinstance(data, dict) else None
    if section is None and not required and isinstance(data, dict):
        return kind()
    if not isinstance(section, kind) or not section:
        shape = "a mapping" if kind is dict else "a list"
        raise CorpusError(path, f"must start with '{key}:' followed by {shape}; see corpus/README.md")
    problem = check(section) if check else None
    if problem:
        raise CorpusError(path, problem)
    return section


def load_corpus(story=None, corpus_dir=None, errors="raise"):
    """Load every article of one story (or of all stories) as a DataFrame.

    Args:
        story: a story id (a folder name in ``corpus/``), or None for all stories.
        corpus_dir: the folder that holds the story folders (default: the project's ``corpus/``).
        errors: "raise" stops at the first bad file with a ``CorpusError``;
            "skip" leaves the bad file out with a ``CorpusWarning`` naming it.

    Returns:
        One row per article, in the order of the metadata file, with columns
        ``article_id``, ``story``, ``outlet``, ``outlet_type``, ``title``, ``byline``,
        ``date``, ``date_inferred``, ``url``, ``language``, ``notes``, ``file``
        (path), ``body`` (the article without page furniture), ``raw`` (the file's
        text, untouched), ``blocks`` (a list of dicts, one per raw line: see
        ``article_blocks``) and ``repairs`` (paragraphs joined, see ``cleaning_log``).
        Unknown values are the string "unknown".

    Raises:
        CorpusError: a file is missing, unreadable or malformed (with ``errors="raise"``).

    Caveat: the metadata is what the text and its source say; "unknown" means
    nobody has found out, not that there is nothing to know.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    corpus_dir = Path(corpus_dir or CORPUS_DIR)
    stories = list_stories(corpus_dir) if story is None else [check_story_id(story)]
    if story is not None and not (corpus_dir / story).is_dir():
        raise CorpusError(
            corpus_dir / story,
            f"no such story folder. Stories in {corpus_dir}: {', '.join(list_stories(corpus_dir)) or 'none'}",
        )
    rows = []
    for story_id in stories:
        rows.extend(_load_story(corpus_dir / story_id, errors))
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def load_article(path, errors="raise"):
    """Load one article file, with its metadata from the ``metadata.yml`` beside it.

    Returns:
        A pandas Series with the columns of ``load_corpus``.

    Raises:
        CorpusError: the file or its metadata is missing or malformed.
    """
    path = Path(path)
    story = read_metadata(path.parent)
    for entry in story["articles"]:
        if entry["file"] == path.name:
            return pd.Series(_load_entry(path.parent, story, entry), index=ARTICLE_COLUMNS)
    raise CorpusError(path, f"has no entry in {path.parent / METADATA_FILE}; add one (see corpus/README.md)")


def article_blocks(corpus):
    """Every line of every article with its kind, as one tidy DataFrame.

    Columns: ``article_id``, ``line_id``, ``paragraph_id``, ``kind`` (body,
    embedded_post, quotation, headline, byline, dateline, post_attribution or a
    furniture kind), ``action`` (kept, set aside, removed), ``rule_id`` and ``why``
    (the rule or override that decided), ``raw_start``/``raw_end`` (offsets into
    ``raw``), ``body_start``/``body_end`` (offsets into ``body``, -1 if not kept),
    ``text``, and for embedded posts ``post_id``, ``author``, ``handle``, ``posted``.
    """
    frames = [pd.DataFrame(row.blocks, columns=BLOCK_COLUMNS).assign(article_id=row.article_id)
              for row in _rows(corpus)]
    return _concat(frames, ["article_id"] + BLOCK_COLUMNS)


def cleaning_log(corpus):
    """Every removal, set-aside, join and reclassification, one row each.

    Columns: ``article_id``, ``action`` (removed, set aside, joined, kept as
    embedded post, kept as quotation), ``kind``, ``rule_id``, ``why``,
    ``raw_start``, ``raw_end`` (offsets into ``raw``) and ``text`` (what was
    removed, or for a join the white space that was replaced by one space).
    """
    columns = ["article_id"] + REPAIR_COLUMNS
    blocks = article_blocks(corpus)
    changed = blocks[blocks["kind"] != "body"].copy()
    kept = changed["action"] == "kept"
    changed.loc[kept, "action"] = "kept as " + changed.loc[kept, "kind"].str.replace("_", " ")
    repairs = [pd.DataFrame(row.repairs, columns=REPAIR_COLUMNS).assign(article_id=row.article_id)
               for row in _rows(corpus)]
    log = _concat([changed[columns]] + repairs, columns)
    order = {article_id: position for position, article_id in enumerate(_article_ids(corpus))}
    log = log.assign(_order=log["article_id"].map(order))
    return log.sort_values(["_order", "raw_start"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _article_ids(corpus):
    return [row.article_id for row in _rows(corpus)]


def _rows(corpus):
    if isinstance(corpus, pd.Series):
        corpus = corpus.to_frame().T
    return corpus.itertuples(index=False)


def _concat(frames, columns):
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def read_metadata(story_dir):
    """Read and validate a story's metadata.yml; returns the parsed dict.

    Raises:
        CorpusError: the file is missing, is not valid YAML, breaks the schema
            (missing, unknown or invalid fields), has an impossible date or a
            duplicate article id or file.
    """
    path = Path(story_dir) / METADATA_FILE
    if not path.exists() and not path.is_symlink():
        raise CorpusError(path, "missing: every story folder needs a metadata.yml (see corpus/README.md)")
    story = read_yaml(inside(path, story_dir))
    if not isinstance(story, dict):
        raise CorpusError(path, "must be a YAML mapping with story, title, summary and articles")
    _validate(path, story)
    return story


@lru_cache(maxsize=1)
def _schema_validator():
    """The story schema's validator (jsonschema is loaded on first use, without the optional
    ``rfc3987_syntax``: see ``analysis.imports``)."""
    with without_module("rfc3987_syntax"):
        from jsonschema import Draft202012Validator
    with (SCHEMA_DIR / "story.schema.json").open(encoding="utf-8") as handle:
        return Draft202012Validator(json.load(handle))


def _validate(path, story):
    errors = sorted(_schema_validator().iter_errors(story), key=lambda e: list(e.absolute_path))
    if errors:
        raise CorpusError(path, _describe_schema_error(story, errors[0]))
    ids, files = {}, {}
    for entry in story["articles"]:
        where = f"line {entry.line}, article {entry['id']!r}"
        for field in ("date", "date_inferred"):
            value = entry.get(field, "unknown")
            if value != "unknown":
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    raise CorpusError(path, f"{where}: {field} {value!r} is not a real date (YYYY-MM-DD)") from None
        for seen, key in ((ids, "id"), (files, "file")):
            if entry[key] in seen:
                raise CorpusError(
                    path, f"{where}: {key} {entry[key]!r} is used twice (also on line {seen[entry[key]]}); "
                    f"each article needs its own {key}"
                )
            seen[entry[key]] = entry.line
    if story["story"] != path.parent.name:
        raise CorpusError(path, f"story is {story['story']!r} but the folder is {path.parent.name!r}; make them equal")


def _describe_schema_error(story, error):
    node, line = story, getattr(story, "line", None)
    for part in error.absolute_path:
        node = node[part]
        line = getattr(node, "line", line)
    location = ".".join(str(p) for p in error.absolute_path) or "the file"
    where = f"line {line}, " if line else ""
    if error.validator == "required":
        return f"{where}{location}: {error.message}; add it, or write 'unknown' if the text does not say"
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{where}{location}: {error.message}. Allowed fields: {allowed}"
    if error.validator == "enum":
        return f"{where}{location}: {error.instance!r} is not allowed; choose one of {error.validator_value}"
    description = error.schema.get("description")
    hint = f" ({description})" if description else ""
    return f"{where}{location}: {error.message}{hint}"


def _load_story(story_dir, errors):
    try:
        story = read_metadata(story_dir)
    except CorpusError as error:
        if errors == "raise":
            raise
        warnings.warn(f"skipped story: {error}", CorpusWarning, stacklevel=3)
        return []
    listed = {entry["file"] for entry in story["articles"]}
    unlisted = sorted(p.name for p in story_dir.glob("*.txt") if p.name not in listed)
    problems = [CorpusError(story_dir / name, f"has no entry in {METADATA_FILE}; add one (see corpus/README.md)")
                for name in unlisted]
    rows = []
    for entry in story["articles"]:
        try:
            rows.append(_load_entry(story_dir, story, entry))
        except CorpusError as error:
            problems.append(error)
    for problem in problems:
        if errors == "raise":
            raise problem
        warnings.warn(f"skipped: {problem}", CorpusWarning, stacklevel=3)
    return rows


def _load_entry(story_dir, story, entry):
    path = story_dir / entry["file"]
    raw = read_article_text(inside(path, story_dir))
    try:
        result = segment(raw, entry["title"], entry["byline"], entry.get("overrides", []))
    except ValueError as error:
        raise CorpusError(story_dir / METADATA_FILE, f"line {entry.line}, article {entry['id']!r}: {error}") from None
    if not result.body.strip():
        raise CorpusError(path, "has no article text left once page furniture is set aside; "
                                "check the file, or add an override in metadata.yml")
    return {
        "article_id": entry["id"], "story": story["story"], "outlet": entry["outlet"],
        "outlet_type": entry["outlet_type"], "title": entry["title"], "byline": entry["byline"],
        "date": entry["date"], "date_inferred": entry.get("date_inferred", "unknown"),
        "url": entry.get("url", "unknown"), "language": entry["language"], "notes": entry.get("notes", ""),
        "file": str(path), "body": result.body, "raw": raw, "blocks": result.blocks, "repairs": result.repairs,
    }


def read_article_text(path, max_bytes=MAX_ARTICLE_BYTES):
    """Read an article file as text, refusing what is not a plain-text article.

    Raises:
        CorpusError: the file is missing, too large, empty, binary, not UTF-8, or an HTML page.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "is not a regular file (a folder or a pipe?)" if path.exists() else
                          "file not found; check the 'file' field in metadata.yml")
    size = path.stat().st_size
    if size > max_bytes:
        raise CorpusError(path, f"is {size:,} bytes, over the limit of {max_bytes:,} for one article; "
                                "is it really a single article in plain text?")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CorpusError(path, "is UTF-16 text; re-save the file with UTF-8 encoding")
    if b"\x00" in data:
        raise CorpusError(path, "looks like a binary file (it contains NUL bytes); save the article as plain text (.txt)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusError(path, f"line {line}: byte {data[error.start]:#04x} is not UTF-8 text; "
                                "re-save the file with UTF-8 encoding") from None
    if not text.strip():
        raise CorpusError(path, "is empty; paste the article's text into it")
    if _HTML.search(text[:5000]):
        raise CorpusError(path, "looks like an HTML web page, not article text; "
                                "copy the article's text from the browser into a .txt file")
    return text
