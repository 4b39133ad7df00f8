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

import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.annotation import annotate
from analysis.detectors.loaded import loaded_table
from analysis.errors import FramingError, InputError
from analysis.files import publish, spreadsheet_safe, temporary_beside
from analysis.measures.features import loaded_categories, summarise
from analysis.pipelines.inputs import check_json_lines, read_articles

OUTPUT_SUFFIXES = (".parquet", ".csv")
# The longest text one article may have (characters); longer ones are skipped and listed. Every
# function takes time and memory in proportion to the text (README, "Limits"): at this length,
# 3 s and 0.2 GB for prose, at most 18 s and 1.3 GB for hostile text, on one core. The longest
# of the 9,390 AllSides articles has 76,553.
MAX_CHARS = 1_000_000
SPAN_TABLES = ("loaded_terms", "attributions")


def chunk_features(chunk, spans=False, max_chars=MAX_CHARS):
    """``article_features`` rows (plus ``date``) of one chunk from ``read_articles``, skipping
    empty texts and texts longer than ``max_chars``. Returns ``(features, span_tables, skipped,
    failed, too_long)``: ``span_tables`` maps ``loaded_terms`` and ``attributions`` to tables
    (empty unless ``spans``); ``skipped`` counts the empty texts; ``failed`` lists
    ``(article_id, error)`` for articles the features could not be computed for (a bug to
    report: one odd article should not stop a run over millions); ``too_long`` lists
    ``(article_id, characters)`` of the texts over the limit."""
    categories = loaded_categories()
    rows, tables, skipped, failed, too_long = [], {name: [] for name in SPAN_TABLES}, 0, [], []
    for record in chunk.to_dict("records"):
        text = record["text"]
        if not text.strip():
            skipped += 1
            continue
        if max_chars and len(text) > max_chars:
            too_long.append((record["article_id"], len(text)))
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
                                 for name, frames in tables.items()}, skipped, failed, too_long)


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
        else:  # a text cell a spreadsheet would run as a formula gets an apostrophe before it
            spreadsheet_safe(frame).to_csv(self.tmp, mode="a", header=self.rows == 0, index=False,
                                           lineterminator="\n")
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


def failures_path(output):
    """Where the articles that failed are listed: ``features.parquet`` -> ``features.failures.csv``."""
    output = Path(output)
    return output.with_name(f"{output.stem}.failures.csv")


def _local_results(chunks, spans, jobs, max_chars=MAX_CHARS):
    """Chunk results in input order, from ``jobs`` processes with a bounded number in flight."""
    if jobs <= 1:
        for chunk in chunks:
            yield len(chunk), chunk_features(chunk, spans, max_chars)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        yield from _bounded(chunks, lambda chunk: pool.submit(chunk_features, chunk, spans, max_chars),
                            lambda future: future.result(), 2 * jobs)
    finally:
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:  # a chunk half done is of no use once the run stops
            worker.terminate()
        for worker in workers:
            worker.join(5)


def _worker_start(parent):
    """In each worker: Ctrl-C is the parent's to handle, SIGTERM (the parent ending its workers)
    ends the worker quietly instead of raising the parent's ``Stopped`` in it, and the worker
    ends soon after its parent does, however the parent died (even ``kill -9``, which runs no
    clean-up)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _dask_results(chunks, spans, jobs, scheduler, max_chars=MAX_CHARS):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise FramingError("the Dask engine needs the optional extra: pip install '.[scale]'") from error
    cluster = None if scheduler else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _bounded(chunks, lambda chunk: client.submit(chunk_features, chunk, spans, max_chars, pure=False),
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


def check_output(input_path, output, spans=False):
    """Stop before any work when the output could not be written or would overwrite the input."""
    output = Path(output)
    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError(f"{output}: the output must end in .parquet or .csv")
    if not output.parent.is_dir():
        raise InputError(f"{output.parent}: the output folder does not exist")
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise InputError(f"{output.parent}: cannot write in this folder (permission denied); choose another -o")
    source = Path(input_path).resolve()
    targets = [output, failures_path(output)] + ([span_path(output, name) for name in SPAN_TABLES] if spans else [])
    for target in targets:
        if target.resolve() == source:
            raise InputError(f"{target}: this output would overwrite the input; choose another output name")
        if target.is_dir():
            raise InputError(f"{target}: is a folder; give -o a file name ending in .parquet or .csv")


def run_features(input_path, output, text_column="text", id_column=None, outlet_column=None, date_column=None,
                 jobs=1, engine="local", scheduler=None, spans=False, chunk_size=200, progress=True,
                 bad_lines="skip", max_chars=MAX_CHARS):
    """Compute ``article_features`` for every article of ``input_path`` into ``output``.

    ``max_chars``: texts longer than this many characters are skipped and listed in the summary
    (0 or None: no limit). ``bad_lines``: what to do with a JSON Lines line that is not a JSON object: "skip" it (it is
    counted and listed in the summary) or "stop" before any work. ``jobs`` is capped at the
    number of processors for the local engine. The articles whose features fail are listed,
    with the error, in ``failures_path(output)`` (written only when there are some).

    Returns:
        dict with ``articles`` (written), ``skipped_empty``, ``skipped_too_long`` (``(article_id,
        characters)``), ``failed`` (``(article_id, error)`` of articles whose features raised an
        error), ``bad_lines`` (``(file, line, problem)``), ``jobs`` (the processes used),
        ``seconds``, ``output``, ``span_files`` and ``failures_file`` (None when nothing failed).

    Raises:
        InputError: unreadable input, a missing column, an output of unknown type, or an
            output that cannot be written or would overwrite the input.
    """
    output = Path(output)
    check_output(input_path, output, spans)
    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}: use local or dask")
    if bad_lines not in ("skip", "stop"):
        raise InputError(f"unknown bad_lines {bad_lines!r}: use skip or stop")
    if bad_lines == "stop":
        check_json_lines(input_path)
    if engine == "local":
        jobs = max(1, min(jobs, os.cpu_count() or 1))
    skipped_lines = []
    chunks = read_articles(input_path, text_column, id_column, outlet_column, date_column, chunk_size, skipped_lines)
    results = (_dask_results(chunks, spans, jobs, scheduler, max_chars) if engine == "dask"
               else _local_results(chunks, spans, jobs, max_chars))
    outputs = {"features": _Output(output)}
    if spans:
        outputs.update({name: _Output(span_path(output, name)) for name in SPAN_TABLES})
    bar = _progress(progress)
    started, skipped, failed, too_long = time.perf_counter(), 0, [], []
    previous, previous_hook = _stop_on_sigterm(), sys.unraisablehook
    sys.unraisablehook = _drop_stops_in_finalizers(previous_hook)
    try:
        for size, (features, tables, empty, errors, long_texts) in results:
            _raise_if_stop_asked()
            outputs["features"].write(features)
            for name, table in tables.items():
                if spans:
                    outputs[name].write(table)
            skipped += empty
            failed += errors
            too_long += long_texts
            bar.update(size)
        _raise_if_stop_asked()
        if outputs["features"].rows == 0:
            raise InputError(f"{input_path}: no article with any text" if not too_long else
                             f"{input_path}: every article with a text is longer than {max_chars:,} characters "
                             "(--max-chars)")
        if failed:
            outputs["failures"] = _Output(failures_path(output))
            outputs["failures"].write(pd.DataFrame(failed, columns=["article_id", "error"]))
        for out in outputs.values():
            out.commit()
    except BaseException:
        before = _handle(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
        try:
            results.close()  # the worker processes stop
            for out in outputs.values():
                out.abort()
        finally:
            _handle(signal.SIGINT, before)
        raise
    finally:
        _handle(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook
        bar.close()
    return {"articles": outputs["features"].rows, "skipped_empty": skipped, "skipped_too_long": too_long,
            "failed": failed,
            "bad_lines": skipped_lines, "jobs": jobs, "seconds": round(time.perf_counter() - started, 2),
            "output": output, "span_files": [span_path(output, name) for name in SPAN_TABLES] if spans else [],
            "failures_file": failures_path(output) if failed else None}


class Stopped(BaseException):
    """The run was asked to stop (SIGTERM); like Ctrl-C, it leaves nothing half-written."""


def _handle(number, handler):
    """Set a signal's handler and return the one before (None, and nothing set, outside the main
    thread, where Python allows no handler, or when ``handler`` is None)."""
    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(number, handler)


_STOP_ASKED = []  # signal numbers: the run stops even if a library swallowed the exception


def _stop_on_sigterm():
    """SIGTERM stops the run as Ctrl-C does: at once by an exception, and at the next chunk if
    code the signal interrupted caught that exception (a bare ``except:`` in a library)."""
    _STOP_ASKED.clear()

    def stop(number, frame):
        _STOP_ASKED.append(number)
        raise Stopped("stopped by SIGTERM")

    return _handle(signal.SIGTERM, stop)


def _raise_if_stop_asked():
    """Raise what the first stop asked for, if any: ``KeyboardInterrupt`` for Ctrl-C, else ``Stopped``."""
    if _STOP_ASKED:
        if _STOP_ASKED[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise Stopped("stopped by SIGTERM")


def _drop_stops_in_finalizers(hook):
    """An unraisable hook for a stop raised inside a finalizer (the signal came while a library's
    ``__del__`` ran, and Python would print a traceback and go on): it is noted in ``_STOP_ASKED``
    instead, so the run stops at the next chunk with its one-line message. Anything else goes to
    ``hook``."""
    def drop(unraisable):
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            _STOP_ASKED.append(signal.SIGINT)
        elif not isinstance(unraisable.exc_value, Stopped):
            hook(unraisable)
    return drop


def _progress(enabled):
    return tqdm(unit=" articles", disable=not enabled, file=sys.stderr, smoothing=0.1, mininterval=0.5)
