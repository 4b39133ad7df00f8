"""The article-level framing features over large corpora: streamed, in parallel, or on Dask.

    python -m analysis features articles.jsonl.gz -o features.parquet \\
        --text-column content_original --id-column ID --outlet-column source --jobs 2

INPUT is a CSV, JSON Lines or Parquet file (``.gz`` for the first two too), a
folder of ``.txt`` files (one article each), or a corpus or story folder of this
project. It is read in chunks of ``chunk_size`` articles, so memory stays flat
however long the corpus is; chunks are worked on by ``jobs`` processes, or by a
Dask cluster (``engine="dask"``, ``pip install .[scale]``), and written in input
order. The output (Parquet or CSV) holds one row of ``article_features`` per
article plus ``date``; it is written to a temporary file beside it and renamed
at the end, so a crash never leaves a half-written file. Articles with an empty
text are skipped and counted.

With ``spans=True`` the span tables are written beside the output:
``<output>.loaded_terms.<ext>`` and ``<output>.attributions.<ext>``, each with
the article id, so any number can be traced to its words.
"""

import gzip
from concurrent.futures import ProcessPoolExecutor
import sys
import time
from collections import deque
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.annotation import annotate
from analysis.detectors.loaded import loaded_table
from analysis.errors import FramingError, InputError
from analysis.files import publish, temporary_beside
from analysis.measures.features import loaded_categories, summarise
from analysis.stories.corpus import METADATA_FILE, load_corpus
from analysis.stories.story import actor_names, load_actors

TABLE_SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz", ".parquet")
OUTPUT_SUFFIXES = (".parquet", ".csv")
SPAN_TABLES = ("loaded_terms", "attributions")


def _suffix(path):
    name = path.name.lower()
    return next((s for s in sorted(TABLE_SUFFIXES, key=len, reverse=True) if name.endswith(s)), path.suffix.lower())


def read_articles(path, text_column="text", id_column=None, outlet_column=None, date_column=None,
                  chunk_size=200):
    """The articles of ``path`` in chunks: DataFrames with ``article_id``, ``outlet``, ``date``
    and ``text`` (and, for this project's corpus folders, ``blocks``, ``story``, ``outlet_type``
    and ``actors``).

    Raises:
        InputError: the file cannot be read, or a named column is missing.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        yield from _read_folder(path, chunk_size)
        return
    kind = _suffix(path)
    try:
        if kind == ".parquet":
            import pyarrow.parquet as pq

            chunks = (batch.to_pandas() for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size))
        elif kind in (".csv", ".csv.gz"):
            chunks = pd.read_csv(path, chunksize=chunk_size, dtype=str, keep_default_na=False)
        elif kind in (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz"):
            chunks = pd.read_json(path, lines=True, chunksize=chunk_size, dtype=False)
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


def _columns(chunk, path, offset, text_column, id_column, outlet_column, date_column):
    wanted = {"text": text_column, "article_id": id_column, "outlet": outlet_column, "date": date_column}
    for role, column in wanted.items():
        if column is not None and column not in chunk.columns:
            option = "--text-column" if role == "text" else f"--{role.replace('article_', '')}-column"
            raise InputError(f"{path}: no column {column!r} (the {role} column); its columns are: "
                             f"{', '.join(map(str, chunk.columns))}. Name the right one with {option}.")
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
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"{file}: cannot be read as UTF-8 text ({error})") from error
            rows.append({"article_id": str(file.relative_to(path).with_suffix("")), "outlet": "unknown",
                         "date": "", "text": text})
        yield pd.DataFrame(rows)


def chunk_features(chunk, spans=False):
    """``article_features`` rows (plus ``date``) of one chunk from ``read_articles``, skipping
    empty texts. Returns ``(features, span_tables, skipped, failed)``: ``span_tables`` maps
    ``loaded_terms`` and ``attributions`` to tables (empty unless ``spans``); ``failed`` lists
    ``(article_id, error)`` for articles the features could not be computed for (a bug to
    report: one odd article should not stop a run over millions)."""
    categories = loaded_categories()
    rows, tables, skipped, failed = [], {name: [] for name in SPAN_TABLES}, 0, []
    for record in chunk.to_dict("records"):
        text = record["text"]
        if not text.strip():
            skipped += 1
            continue
        article = {"article_id": record["article_id"], "story": record.get("story", ""), "outlet": record["outlet"],
                   "outlet_type": record.get("outlet_type", "unknown"), "body": text,
                   "blocks": record.get("blocks") or []}
        try:
            annotation = annotate(article, record.get("actors") or {})
            row = summarise(annotation, categories)
        except Exception as error:  # noqa: BLE001 - reported in the summary, never silently
            failed.append((record["article_id"], f"{type(error).__name__}: {error}"))
            continue
        row["date"] = record["date"]
        rows.append(row)
        if spans:
            hits = sorted(annotation.rows["loaded"] + annotation.rows["denied"], key=lambda hit: hit["start"])
            found = {"loaded_terms": loaded_table(hits),  # denied words too, as loaded_terms gives them
                     "attributions": annotation.attributions}
            for name in SPAN_TABLES:
                tables[name].append(found[name].copy().assign(article_id=record["article_id"])[
                    ["article_id", *found[name].columns]])
    return (pd.DataFrame(rows), {name: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
                                 for name, frames in tables.items()}, skipped, failed)


# Parquet keeps the description of every row group in memory until the file is closed (about
# 80 kB for a 200-row group of the ~100 feature columns), so writing each chunk as its own row
# group would let memory grow with the corpus. Chunks are gathered into row groups of about this
# many cells (rows x columns) instead: a few tens of MB at a time.
ROW_GROUP_CELLS = 2_000_000


class _Output:
    """A table written chunk by chunk to a temporary file, renamed into place only by ``commit``."""

    def __init__(self, path):
        self.path = Path(path)
        self.kind = ".parquet" if self.path.suffix.lower() == ".parquet" else ".csv"
        self.tmp, self.writer, self.columns, self.rows = temporary_beside(self.path), None, None, 0
        self.pending = []  # Arrow tables not yet written (Parquet only)

    def write(self, frame):
        if frame.empty and not len(frame.columns):
            return
        if self.columns is None:
            self.columns = list(frame.columns)
        frame = frame.reindex(columns=self.columns)
        frame = frame.astype({c: str for c in frame.columns if frame[c].dtype == object})
        if self.kind == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False,
                                         schema=self.writer.schema if self.writer else None)
            if self.writer is None:
                self.writer = pq.ParquetWriter(self.tmp, table.schema)
            self.pending.append(table)
            if sum(t.num_rows for t in self.pending) * len(self.columns) >= ROW_GROUP_CELLS:
                self._flush()
        else:
            frame.to_csv(self.tmp, mode="a", header=self.rows == 0, index=False, lineterminator="\n")
        self.rows += len(frame)

    def _flush(self):
        """Write the gathered chunks as one row group."""
        import pyarrow as pa

        if self.pending:
            table = pa.concat_tables(self.pending)
            self.pending = []
            self.writer.write_table(table, row_group_size=table.num_rows)

    def commit(self):
        self._flush()
        if self.writer is not None:
            self.writer.close()
        elif self.kind == ".parquet":  # nothing was written: an empty table, still a valid file
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({}), self.tmp)
        publish(self.tmp, self.path)

    def abort(self):
        if self.writer is not None:
            self.writer.close()
        self.tmp.unlink(missing_ok=True)


def span_path(output, name):
    """Where a span table goes: ``features.parquet`` -> ``features.loaded_terms.parquet``."""
    output = Path(output)
    return output.with_name(f"{output.stem}.{name}{output.suffix}")


def _local_results(chunks, spans, jobs):
    """Chunk results in input order, from ``jobs`` processes with a bounded number in flight."""
    if jobs <= 1:
        for chunk in chunks:
            yield len(chunk), chunk_features(chunk, spans)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _bounded(chunks, lambda chunk: pool.submit(chunk_features, chunk, spans), lambda f: f.result(),
                            2 * jobs)


def _dask_results(chunks, spans, jobs, scheduler):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise FramingError("the Dask engine needs the optional extra: pip install '.[scale]'") from error
    cluster = None if scheduler else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _bounded(chunks, lambda chunk: client.submit(chunk_features, chunk, spans, pure=False),
                            lambda future: future.result(), 2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _bounded(chunks, submit, result, window):
    pending = deque()
    for chunk in chunks:
        pending.append((len(chunk), submit(chunk)))
        if len(pending) >= window:
            size, job = pending.popleft()
            yield size, result(job)
    while pending:
        size, job = pending.popleft()
        yield size, result(job)


def run_features(input_path, output, text_column="text", id_column=None, outlet_column=None, date_column=None,
                 jobs=1, engine="local", scheduler=None, spans=False, chunk_size=200, progress=True):
    """Compute ``article_features`` for every article of ``input_path`` into ``output``.

    Returns:
        dict with ``articles`` (written), ``skipped_empty``, ``failed`` (``(article_id,
        error)`` of articles whose features raised an error), ``seconds``, ``output`` and
        ``span_files``.

    Raises:
        InputError: unreadable input, a missing column, or an output of unknown type.
    """
    output = Path(output)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError(f"{output}: the output must end in .parquet or .csv")
    if not output.parent.exists():
        raise InputError(f"{output.parent}: the output folder does not exist")
    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}: use local or dask")
    chunks = read_articles(input_path, text_column, id_column, outlet_column, date_column, chunk_size)
    results = (_dask_results(chunks, spans, jobs, scheduler) if engine == "dask"
               else _local_results(chunks, spans, jobs))
    outputs = {"features": _Output(output)}
    if spans:
        outputs.update({name: _Output(span_path(output, name)) for name in SPAN_TABLES})
    bar = _progress(progress)
    started, skipped, failed = time.perf_counter(), 0, []
    try:
        for size, (features, tables, empty, errors) in results:
            outputs["features"].write(features)
            for name, table in tables.items():
                if spans:
                    outputs[name].write(table)
            skipped += empty
            failed += errors
            bar.update(size)
        if outputs["features"].rows == 0:
            raise InputError(f"{input_path}: no article with any text")
        for out in outputs.values():
            out.commit()
    except BaseException:
        for out in outputs.values():
            out.abort()
        raise
    finally:
        bar.close()
    return {"articles": outputs["features"].rows, "skipped_empty": skipped, "failed": failed,
            "seconds": round(time.perf_counter() - started, 2), "output": output,
            "span_files": [span_path(output, name) for name in SPAN_TABLES] if spans else []}


def _progress(enabled):
    return tqdm(unit=" articles", disable=not enabled, file=sys.stderr, smoothing=0.1, mininterval=0.5)
