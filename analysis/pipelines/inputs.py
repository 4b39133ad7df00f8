"""Reading a large corpus in chunks: CSV, JSON Lines, Parquet, a folder of ``.txt`` files or
a story folder of this project, each chunk a table with ``article_id``, ``outlet``, ``date``
and ``text``.

A JSON Lines file is read line by line: a line that is not a JSON object is skipped and
recorded (file, line number, what is wrong) in the ``bad_lines`` list the caller passes, so
one broken line among millions costs that line only; ``check_json_lines`` finds every bad
line before any work is done, for a caller who wants to stop instead.
"""

import gzip
import json
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.stories.corpus import METADATA_FILE, load_corpus
from analysis.stories.story import actor_names, load_actors

TABLE_SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz", ".parquet")
JSON_LINES_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")


def table_suffix(path):
    """``.csv.gz``, ``.parquet``...: the suffix that says how to read ``path``."""
    name = Path(path).name.lower()
    return next((s for s in sorted(TABLE_SUFFIXES, key=len, reverse=True) if name.endswith(s)),
                Path(path).suffix.lower())


def read_articles(path, text_column="text", id_column=None, outlet_column=None, date_column=None,
                  chunk_size=200, bad_lines=None):
    """The articles of ``path`` in chunks: DataFrames with ``article_id``, ``outlet``, ``date``
    and ``text`` (and, for this project's corpus folders, ``blocks``, ``story``, ``outlet_type``
    and ``actors``). ``bad_lines``: a list that receives ``(path, line, problem)`` for every
    JSON Lines line skipped (default: skipped lines are not recorded).

    Raises:
        InputError: the file cannot be read, or a named column is missing.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _read_folder(path, chunk_size)
        return
    kind = table_suffix(path)
    try:
        if kind == ".parquet":
            import pyarrow.parquet as pq  # only here: the command line starts faster without it

            chunks = (batch.to_pandas() for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size))
        elif kind in (".csv", ".csv.gz"):
            chunks = pd.read_csv(path, chunksize=chunk_size, dtype=str, keep_default_na=False)
        elif kind in JSON_LINES_SUFFIXES:
            chunks = _json_line_chunks(path, chunk_size, [] if bad_lines is None else bad_lines)
        else:
            raise InputError(f"{path}: cannot read a {path.suffix or 'suffix-less'} file; "
                             f"give a folder or a file ending in {', '.join(TABLE_SUFFIXES)}")
        offset = 0
        for chunk in chunks:
            yield _columns(chunk, path, offset, text_column, id_column, outlet_column, date_column)
            offset += len(chunk)
    except InputError:
        raise
    except (OSError, ValueError, UnicodeDecodeError, gzip.BadGzipFile, EOFError) as error:
        raise InputError(f"{path}: cannot be read ({type(error).__name__}: {error})") from error
    except Exception as error:  # pyarrow and the parsers raise their own types
        if type(error).__module__.split(".")[0] in ("pyarrow", "pandas"):
            raise InputError(f"{path}: cannot be read ({type(error).__name__}: {error})") from error
        raise


def _json_records(path):
    """``(line number, record or None, problem)`` for each non-blank line of a JSON Lines file."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, None, f"not valid JSON ({error.msg} at column {error.colno})"
                continue
            yield (number, record, "") if isinstance(record, dict) else (number, None, "not a JSON object")


def _json_line_chunks(path, chunk_size, bad_lines):
    rows = []
    for number, record, problem in _json_records(path):
        if record is None:
            bad_lines.append((path, number, problem))
            continue
        rows.append(record)
        if len(rows) == chunk_size:
            yield pd.DataFrame(rows)
            rows = []
    if rows:
        yield pd.DataFrame(rows)


def check_json_lines(path):
    """Raise ``InputError`` naming the file and the first bad line (and how many there are)
    when a JSON Lines file has a line that is not a JSON object; other inputs pass."""
    path = Path(path)
    if not path.is_file() or table_suffix(path) not in JSON_LINES_SUFFIXES:
        return
    try:
        bad = [(number, problem) for number, record, problem in _json_records(path) if record is None]
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise InputError(f"{path}: cannot be read ({type(error).__name__}: {error})") from error
    if bad:
        number, problem = bad[0]
        raise InputError(f"{path}, line {number}: {problem}" + (f" ({len(bad)} bad lines in all)" if len(bad) > 1
                                                                  else "") + "; nothing was computed")


def _columns(chunk, path, offset, text_column, id_column, outlet_column, date_column):
    wanted = {"text": text_column, "article_id": id_column, "outlet": outlet_column, "date": date_column}
    for role, column in wanted.items():
        if column is not None and column not in chunk.columns:
            option = "--text-column" if role == "text" else f"--{role.replace('article_', '')}-column"
            raise InputError(f"{path}: no column {column!r} (the {role} column); its columns are: "
                             f"{', '.join(map(str, chunk.columns))}. Name the right one with {option}.")
    texts = chunk[text_column]
    odd = [(number, value) for number, value in enumerate(texts, offset + 1)
           if not isinstance(value, str) and value is not None and not (isinstance(value, float) and value != value)]
    if odd:
        number, value = odd[0]
        raise InputError(f"{path}: the text column {text_column!r} holds {type(value).__name__} {value!r} in article "
                         f"{number}, not text; name the column of the article texts with --text-column")
    frame = pd.DataFrame({
        "article_id": (chunk[id_column].astype(str) if id_column else
                       pd.Series(range(offset, offset + len(chunk)), index=chunk.index).astype(str)),
        "outlet": chunk[outlet_column].fillna("unknown").astype(str) if outlet_column else "unknown",
        "date": chunk[date_column].fillna("").astype(str) if date_column else "",
        "text": chunk[text_column].map(lambda t: t if isinstance(t, str) else ""),
    })
    return frame.reset_index(drop=True)


def _read_folder(path, chunk_size):
    if (path / METADATA_FILE).exists() or any(path.glob(f"*/{METADATA_FILE}")):
        story = path.name if (path / METADATA_FILE).exists() else None
        corpus_dir = path.parent if story else path
        corpus = load_corpus(story, corpus_dir=corpus_dir)
        actors = {s: actor_names(load_actors(s, corpus_dir)) for s in corpus["story"].unique()}
        yield pd.DataFrame({"article_id": corpus["article_id"], "outlet": corpus["outlet"], "date": corpus["date"],
                            "text": corpus["body"], "blocks": corpus["blocks"], "story": corpus["story"],
                            "outlet_type": corpus["outlet_type"], "actors": corpus["story"].map(actors)})
        return
    files = sorted(p for p in path.rglob("*.txt") if p.is_file())
    if not files:
        raise InputError(f"{path}: the folder holds no .txt articles and no metadata.yml")
    for start in range(0, len(files), chunk_size):
        rows = []
        for file in files[start:start + chunk_size]:
            if not file.resolve().is_relative_to(path.resolve()):
                raise InputError(f"{file}: leads outside {path} (a symbolic link?); copy the file into the folder")
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"{file}: cannot be read as UTF-8 text ({error})") from error
            rows.append({"article_id": str(file.relative_to(path).with_suffix("")), "outlet": "unknown",
                         "date": "", "text": text})
        yield pd.DataFrame(rows)
