"""Tests for analysis.pipelines.scale (features over large corpora), the `features` command and
compare_outlets, on a small corpus made here (the suite needs no shared data)."""

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import psutil
import pytest

import analysis
from analysis.__main__ import main
from analysis.errors import InputError
from analysis.measures.outlets import compare_outlets
from analysis.paths import ROOT
from analysis.pipelines.scale import read_articles, run_features, span_path

SENTENCES = [
    "Officials said the talks were routine.", "The senator claimed the deal was a disgrace.",
    "“We will not back down,” the minister told reporters.", "Critics reportedly warned of a crisis.",
    "The report may show a different picture.", "Analysts insisted the plan would fail.",
    "Markets rose on Tuesday.", "According to the agency, prices fell sharply.",
    "The so-called reform is clearly a sham.", "Residents welcomed the new park.",
]
OUTLETS = ["Daily A", "Daily B", "Weekly C"]


def make_articles(count=14, seed=3):
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
        rows.append({"ID": f"a{number:03d}", "source": OUTLETS[number % 3], "date": f"2021-09-{number + 1:02d}",
                     "body": "" if number in (4, 9) else text})
    return rows


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    rows = make_articles()
    frame = pd.DataFrame(rows)
    frame.to_csv(folder / "articles.csv", index=False)
    with gzip.open(folder / "articles.jsonl.gz", "wt", encoding="utf-8") as file:
        for row in rows:
            file.write(json.dumps(row) + "\n")
    frame.to_parquet(folder / "articles.parquet", index=False)
    texts = folder / "texts"
    texts.mkdir()
    for row in rows:
        (texts / f"{row['ID']}.txt").write_text(row["body"], encoding="utf-8")
    return folder


COLUMNS = {"text_column": "body", "id_column": "ID", "outlet_column": "source", "date_column": "date"}


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "features.parquet"
    summary = run_features(inputs / "articles.csv", out, **COLUMNS, spans=True, chunk_size=4, progress=False)
    return summary, pd.read_parquet(out)


def test_features_of_a_csv_skip_empty_texts_and_match_article_features(reference):
    summary, table = reference
    assert summary["articles"] == 12 and summary["skipped_empty"] == 2
    assert table["article_id"].tolist() == [f"a{n:03d}" for n in range(14) if n not in (4, 9)]
    assert set(table["outlet"]) == set(OUTLETS)
    first = make_articles()[0]
    article = {"article_id": first["ID"], "story": "", "outlet": first["source"], "outlet_type": "unknown",
               "body": first["body"], "blocks": []}
    direct = analysis.article_features([analysis.annotate(article)]).iloc[0]
    row = table.iloc[0]
    for column in ("words", "loaded_per_1000", "hedges_per_1000", "attributions", "sentiment_mean"):
        assert row[column] == pytest.approx(direct[column]), column


@pytest.mark.parametrize("name", ["articles.jsonl.gz", "articles.parquet"])
def test_every_input_format_gives_the_same_table(inputs, reference, tmp_path, name):
    out = tmp_path / "features.parquet"
    run_features(inputs / name, out, **COLUMNS, chunk_size=5, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(out), reference[1])


def test_a_folder_of_text_files_and_csv_output(inputs, reference, tmp_path):
    out = tmp_path / "features.csv"
    summary = run_features(inputs / "texts", out, chunk_size=3, progress=False)
    table = pd.read_csv(out, keep_default_na=False)
    assert summary["skipped_empty"] == 2
    assert table["article_id"].tolist() == reference[1]["article_id"].tolist()
    assert table["words"].tolist() == reference[1]["words"].tolist()


def test_two_processes_give_identical_results(inputs, reference, tmp_path):
    out = tmp_path / "features.parquet"
    run_features(inputs / "articles.csv", out, **COLUMNS, jobs=2, chunk_size=3, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(out), reference[1])


def test_span_tables_trace_every_count_to_its_words(reference):
    summary, table = reference
    loaded = pd.read_parquet(summary["span_files"][0])
    found = pd.read_parquet(summary["span_files"][1])
    counts = found.groupby("article_id").size()
    for row in table.itertuples():
        assert counts.get(row.article_id, 0) == row.attributions
        hits = int((loaded["article_id"] == row.article_id).sum())
        assert round(1000 * hits / row.words, 3) == pytest.approx(row.loaded_per_1000)
    text = {r["ID"]: r["body"] for r in make_articles()}
    for hit in loaded.head(20).itertuples():
        assert text[hit.article_id][hit.start:hit.end] == hit.term


def test_chunks_are_read_lazily(inputs):
    chunks = read_articles(inputs / "articles.jsonl.gz", **COLUMNS, chunk_size=4)
    assert len(next(chunks)) == 4  # the rest has not been read


def test_a_missing_column_names_the_file_the_column_and_the_choices(inputs, tmp_path):
    with pytest.raises(InputError, match=r"articles\.csv: no column 'content'.*columns are: ID, source, "
                                         r"date, body.*--text-column"):
        run_features(inputs / "articles.csv", tmp_path / "f.parquet", text_column="content", progress=False)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_and_unknown_inputs_get_one_clear_error(tmp_path):
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"this is not gzip")
    with pytest.raises(InputError, match="broken.jsonl.gz: cannot be read"):
        run_features(broken, tmp_path / "f.parquet", progress=False)
    odd = tmp_path / "articles.xlsx"
    odd.write_text("x")
    with pytest.raises(InputError, match="cannot read a .xlsx file"):
        run_features(odd, tmp_path / "f.parquet", progress=False)
    with pytest.raises(InputError, match="must end in .parquet or .csv"):
        run_features(odd, tmp_path / "f.json", progress=False)
    with pytest.raises(InputError, match="no such file"):
        run_features(tmp_path / "nowhere.csv", tmp_path / "f.csv", progress=False)


def test_a_crash_leaves_no_half_written_output_and_keeps_the_old_one(inputs, tmp_path, monkeypatch):
    import analysis.pipelines.scale as scale

    out = tmp_path / "features.parquet"
    out.write_bytes(b"the previous run's results")
    calls = []
    real = scale.chunk_features

    def failing(chunk, spans=False, max_chars=None):
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError("simulated crash in the second chunk")
        return real(chunk, spans, max_chars)

    monkeypatch.setattr(scale, "chunk_features", failing)
    with pytest.raises(MemoryError):
        run_features(inputs / "articles.csv", out, **COLUMNS, spans=True, chunk_size=4, progress=False)
    assert out.read_bytes() == b"the previous run's results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["features.parquet"]


def test_the_command_line_writes_the_output_and_reports(inputs, tmp_path, capsys):
    out = tmp_path / "features.csv"
    code = main(["features", str(inputs / "articles.jsonl.gz"), "-o", str(out), "--text-column", "body",
                 "--outlet-column", "source", "--quiet", "--spans"])
    printed = capsys.readouterr().out
    assert code == 0 and out.exists() and span_path(out, "attributions").exists()
    assert "wrote 12 articles" in printed and "skipped 2 with an empty text" in printed
    code = main(["features", str(inputs / "articles.csv"), "-o", str(tmp_path / "g.csv"), "--quiet"])
    assert code == 1 and "no column 'text'" in capsys.readouterr().err


def test_dask_on_a_local_cluster_gives_identical_results(inputs, reference, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="the optional extra: pip install '.[scale]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "features.parquet"
        summary = run_features(inputs / "articles.csv", out, **COLUMNS, engine="dask",
                               scheduler=cluster.scheduler_address, chunk_size=3, spans=True, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(out), reference[1])
    assert summary["skipped_empty"] == 2
    pd.testing.assert_frame_equal(pd.read_parquet(summary["span_files"][1]),
                                  pd.read_parquet(reference[0]["span_files"][1]))


def test_compare_outlets_means_and_intervals(reference):
    table = reference[1]
    comparison = compare_outlets(table, columns=["loaded_per_1000", "attributions"], rounds=500)
    means = table.groupby("outlet")[["loaded_per_1000", "attributions"]].mean()
    for row in comparison.itertuples():
        assert row.mean == pytest.approx(means.loc[row.outlet, row.feature], abs=1e-6)
        assert row.low <= row.mean <= row.high
        assert row.articles == int((table["outlet"] == row.outlet).sum())
    assert comparison.equals(compare_outlets(table, columns=["loaded_per_1000", "attributions"], rounds=500))


def test_compare_outlets_interval_narrows_with_more_articles_and_needs_two():
    rng = np.random.default_rng(1)
    table = pd.DataFrame({"outlet": ["few"] * 5 + ["many"] * 500 + ["one"],
                          "x": np.concatenate([rng.normal(0, 1, 5), rng.normal(0, 1, 500), [3.0]])})
    comparison = compare_outlets(table).set_index("outlet")
    width = comparison["high"] - comparison["low"]
    assert width["many"] < width["few"] / 3
    assert np.isnan(comparison.loc["one", "low"]) and comparison.loc["one", "mean"] == 3.0
    with pytest.raises(ValueError, match="no column 'source'"):
        compare_outlets(table, by="source")


def test_outlet_comparison_chart_draws_the_table(reference):
    fig, data = analysis.outlet_comparison_chart(compare_outlets(reference[1], rounds=200),
                                                 measures=["loaded_own_per_1000", "sentiment_mean"])
    assert set(data["feature"]) == {"loaded_own_per_1000", "sentiment_mean"}
    assert set(data["outlet"]) == set(OUTLETS)
    assert len(fig.axes) == 2


def test_an_article_whose_features_fail_is_left_out_and_reported(inputs, reference, tmp_path, monkeypatch, capsys):
    import analysis.pipelines.scale as scale

    real = scale.summarise

    def flaky(annotation, *args, **kwargs):
        if annotation.article_id == "a002":
            raise IndexError("list index out of range")
        return real(annotation, *args, **kwargs)

    monkeypatch.setattr(scale, "summarise", flaky)
    out = tmp_path / "features.csv"
    code = main(["features", str(inputs / "articles.csv"), "-o", str(out), "--text-column", "body", "--id-column",
                 "ID", "--quiet"])
    assert code == 3  # written, but not every article: a script running it must be able to tell
    assert "a002: IndexError: list index out of range" in capsys.readouterr().err
    table = pd.read_csv(out)
    assert "a002" not in set(table["article_id"]) and len(table) == 11
    failures = pd.read_csv(tmp_path / "features.failures.csv")
    assert failures.to_dict("records") == [{"article_id": "a002", "error": "IndexError: list index out of range"}]


def test_chunks_are_gathered_into_large_row_groups(inputs, reference, tmp_path, monkeypatch):
    # Parquet holds every row group's description in memory until the file is closed, so one
    # row group per chunk would make memory grow with the corpus
    import pyarrow.parquet as pq

    from analysis.pipelines import scale

    gathered, one_per_chunk = tmp_path / "gathered.parquet", tmp_path / "one_per_chunk.parquet"
    run_features(inputs / "articles.csv", gathered, **COLUMNS, chunk_size=2, progress=False)
    monkeypatch.setattr(scale, "ROW_GROUP_CELLS", 1)
    run_features(inputs / "articles.csv", one_per_chunk, **COLUMNS, chunk_size=2, progress=False)
    assert pq.ParquetFile(gathered).num_row_groups == 1
    assert pq.ParquetFile(one_per_chunk).num_row_groups == 7  # 14 articles (2 empty) in chunks of 2
    pd.testing.assert_frame_equal(pd.read_parquet(gathered), reference[1])
    pd.testing.assert_frame_equal(pd.read_parquet(one_per_chunk), reference[1])


# Lost work and wrong places: each test failed before the checks it exercises existed.

@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_an_output_named_like_the_input_is_refused_before_any_work(inputs, tmp_path, suffix):
    source = tmp_path / f"articles{suffix}"
    shutil.copy(inputs / f"articles{suffix}", source)
    before = source.read_bytes()
    with pytest.raises(InputError, match="would overwrite the input"):
        run_features(source, source, **COLUMNS, progress=False)
    spans_input = tmp_path / f"out.loaded_terms{suffix}"  # the span table of -o out.<suffix>
    shutil.copy(source, spans_input)
    with pytest.raises(InputError, match="would overwrite the input"):
        run_features(spans_input, tmp_path / f"out{suffix}", **COLUMNS, spans=True, progress=False)
    assert source.read_bytes() == before == spans_input.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name, spans_input.name])


def test_an_output_that_is_a_folder_or_unwritable_gets_one_error_before_any_work(inputs, tmp_path, monkeypatch):
    import analysis.pipelines.scale as scale

    monkeypatch.setattr(scale, "chunk_features", lambda *args: pytest.fail("worked before checking the output"))
    (tmp_path / "taken.csv").mkdir()
    with pytest.raises(InputError, match="is a folder"):
        run_features(inputs / "articles.csv", tmp_path / "taken.csv", **COLUMNS, progress=False)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    if os.access(locked, os.W_OK):
        pytest.skip("running as root: a folder without write permission is still writable")
    with pytest.raises(InputError, match="permission denied"):
        run_features(inputs / "articles.csv", locked / "out.csv", **COLUMNS, progress=False)


def _jsonl_with_bad_lines(folder):
    lines = [json.dumps(row) for row in make_articles()]
    lines[2] = '{"ID": "a002", "body": "cut off'  # line 3
    lines[6] = "[1, 2, 3]"  # line 7: JSON, but not an object
    path = folder / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_json_line_is_skipped_named_and_counted_and_the_rest_is_written(tmp_path, capsys):
    path = _jsonl_with_bad_lines(tmp_path)
    out = tmp_path / "features.csv"
    code = main(["features", str(path), "-o", str(out), "--text-column", "body", "--id-column", "ID", "--quiet",
                 "--chunk-size", "4"])
    err = capsys.readouterr().err
    assert code == 0
    assert f"skipped {path}, line 3: not valid JSON" in err and f"skipped {path}, line 7: not a JSON object" in err
    assert set(pd.read_csv(out)["article_id"]) == {f"a{n:03d}" for n in range(14)} - {"a002", "a006", "a004", "a009"}


def test_bad_lines_stop_names_the_first_bad_line_before_any_work(tmp_path):
    path = _jsonl_with_bad_lines(tmp_path)
    with pytest.raises(InputError, match=r"broken.jsonl, line 3: not valid JSON.*\(2 bad lines in all\)"):
        run_features(path, tmp_path / "out.csv", text_column="body", bad_lines="stop", progress=False)
    assert not (tmp_path / "out.csv").exists() and not list(tmp_path.glob(".*"))


def test_jobs_are_capped_at_the_processors(inputs, reference, tmp_path, capsys):
    out = tmp_path / "features.csv"
    code = main(["features", str(inputs / "articles.csv"), "-o", str(out), "--text-column", "body", "--id-column",
                 "ID", "--quiet", "--jobs", "1000", "--chunk-size", "5"])
    assert code == 0
    assert f"used {os.cpu_count()} processes, not 1000" in capsys.readouterr().err
    assert len(pd.read_csv(out)) == reference[0]["articles"]


def test_a_run_with_two_processes_ends_without_a_word_on_stderr(inputs, tmp_path):
    # the worker processes are ended when the run is over; they must end quietly, not each print
    # the traceback of the parent's SIGTERM handler they were forked with
    out = tmp_path / "features.csv"
    done = subprocess.run([sys.executable, "-m", "analysis", "features", str(inputs / "articles.csv"), "-o", str(out),
                           "--text-column", "body", "--id-column", "ID", "--quiet", "--jobs", "2", "--chunk-size", "3"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and out.exists()
    assert "Traceback" not in done.stderr and "Stopped" not in done.stderr, done.stderr


def test_text_cells_a_spreadsheet_would_run_are_written_as_text(tmp_path):
    rows = [{"ID": "=HYPERLINK(\"http://x\")", "source": "@outlet", "body": "Officials said the talks were routine."},
            {"ID": "-2", "source": "+plain", "body": "Markets rose on Tuesday."}]
    source = tmp_path / "rows.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    out = tmp_path / "features.csv"
    run_features(source, out, text_column="body", id_column="ID", outlet_column="source", progress=False)
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert table["article_id"].tolist() == ["'=HYPERLINK(\"http://x\")", "'-2"]
    assert table["outlet"].tolist() == ["'@outlet", "'+plain"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in table.to_numpy().ravel())


@pytest.fixture(scope="module")
def long_input(tmp_path_factory):
    """Enough articles that a run lasts many seconds: long enough to be stopped halfway."""
    path = tmp_path_factory.mktemp("long") / "long.csv"
    pd.DataFrame(make_articles(count=3000, seed=5)).to_csv(path, index=False)
    return path


def _start_run(long_input, out, *options):
    process = subprocess.Popen([sys.executable, "-m", "analysis", "features", str(long_input), "-o", str(out),
                                "--text-column", "body", "--quiet", "--chunk-size", "20", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.parent.glob(f".{out.name}.*.tmp")):  # the run has begun writing
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    time.sleep(0.5)
    return process


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C twice"])
def test_a_stopped_run_leaves_no_partial_output_and_says_so_in_one_line(long_input, tmp_path, how):
    out = tmp_path / "features.csv"
    process = _start_run(long_input, out)
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)
    else:
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
        process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == (143 if how == "SIGTERM" else 130)
    assert err.strip().splitlines()[-1].startswith("interrupted") and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stop, raised", [("SIGTERM", "Stopped"), ("Ctrl-C", "KeyboardInterrupt")])
def test_a_stop_raised_inside_a_finalizer_is_not_printed_and_still_stops_the_run(stop, raised):
    from analysis.pipelines import scale

    seen = []
    hook = scale._drop_stops_in_finalizers(seen.append)

    class Finalized:  # what Python hands the hook when an exception left a __del__
        def __init__(self, error):
            self.exc_type, self.exc_value = type(error), error

    previous = scale._stop_on_sigterm()  # clears earlier stops (and sets this process's SIGTERM handler)
    try:
        if stop == "SIGTERM":  # the handler notes the signal before it raises
            scale._STOP_ASKED.append(signal.SIGTERM)
            hook(Finalized(scale.Stopped("stopped by SIGTERM")))
        else:
            hook(Finalized(KeyboardInterrupt()))
        hook(Finalized(ValueError("a real bug")))
        assert [type(u.exc_value) for u in seen] == [ValueError]  # only the bug is printed
        with pytest.raises(BaseException) as stopped:  # the run stops at the next chunk
            scale._raise_if_stop_asked()
        assert type(stopped.value).__name__ == raised
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
        scale._STOP_ASKED.clear()


def test_workers_end_with_their_parent_even_when_it_is_killed(long_input, tmp_path):
    process = _start_run(long_input, tmp_path / "features.csv", "--jobs", "2")
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 30
    while len(parent.children()) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = parent.children(recursive=True)
    process.kill()
    process.communicate()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []


def test_a_text_file_that_links_out_of_the_input_folder_is_refused(tmp_path):
    folder, outside = tmp_path / "texts", tmp_path / "private.txt"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said the talks were routine.", encoding="utf-8")
    outside.write_text("Not an article of this folder.", encoding="utf-8")
    (folder / "b.txt").symlink_to(outside)
    with pytest.raises(InputError, match="b.txt: leads outside"):
        run_features(folder, tmp_path / "out.csv", progress=False)
    assert not (tmp_path / "out.csv").exists()


def test_a_text_column_of_numbers_is_named_not_counted_as_empty(tmp_path):
    path = tmp_path / "numbers.jsonl"
    path.write_text('{"text": "Officials said it."}\n{"text": 42}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"the text column 'text' holds int 42 in article 2, not text"):
        run_features(path, tmp_path / "out.csv", progress=False)


def test_an_article_over_the_size_limit_is_skipped_and_listed_not_computed(tmp_path, capsys):
    texts = ["Milley said the calls were routine.", "A long one. " * 100, "Esper agreed, officials said."]
    pd.DataFrame({"text": texts}).to_csv(tmp_path / "in.csv", index=False)
    summary = run_features(tmp_path / "in.csv", tmp_path / "out.csv", progress=False, max_chars=1000)
    assert summary["articles"] == 2 and summary["skipped_too_long"] == [("1", 1200)]
    assert pd.read_csv(tmp_path / "out.csv")["article_id"].astype(str).tolist() == ["0", "2"]
    code = main(["features", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out2.csv"), "--quiet",
                 "--max-chars", "1000"])
    assert code == 0 and "skipped 1 article longer than 1,000 characters (--max-chars): 1 (1,200)" in (
        capsys.readouterr().err)
    # no limit: all three
    assert run_features(tmp_path / "in.csv", tmp_path / "out3.csv", progress=False, max_chars=0)["articles"] == 3
    with pytest.raises(InputError, match="every article with a text is longer than 10 characters"):
        run_features(tmp_path / "in.csv", tmp_path / "out4.csv", progress=False, max_chars=10)
