"""Throughput of the article-level features against a naive nltk pipeline, and peak memory.

Usage:
    python benchmarks/throughput.py --data DIR [--articles 400] [--rounds 3] [--jobs 2] [--memory]

DIR holds ``allsides/articles_*.jsonl.gz`` (the AllSides article-bias corpus, Baly et
al. 2020; ``content_original`` is the text). On the same articles, in the same run:

* **naive**: Punkt sentence splitting, nltk's word tokenizer on each sentence and
  VADER on each sentence, all three as their packages ship them (the Punkt parameters are
  the project's shipped ones, since nltk's stock model needs downloaded data);
* **features, one core**: every article-level feature (``analysis.pipelines.scale.chunk_features``,
  the code behind ``python -m analysis features``);
* **features, --jobs N**: ``run_features`` with N processes against 1, on the same articles
  written to a temporary JSON Lines file (includes reading and writing), two rounds taking
  turns going first.

Targets: features >= 1.0x the naive throughput on one core (the one-annotation-pass
issue restated the large-corpus issue's 3x); N=2 jobs >= 1.8x one core. ``--memory``
also runs the command line over every shard in DIR and reports its peak memory (the
target: under 1 GB).
"""

import argparse
import gzip
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load_texts(data_dir, count):
    files = sorted(Path(data_dir, "allsides").glob("articles_*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no allsides/articles_*.jsonl.gz under {data_dir}")
    texts = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as file:
            for line in file:
                text = json.loads(line).get("content_original") or ""
                if text.strip():
                    texts.append(text)
                if len(texts) == count:
                    return texts
    return texts


def naive(texts):
    from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.text.parse import punkt_parameters

    splitter = PunktSentenceTokenizer(punkt_parameters())
    words, vader = NLTKWordTokenizer(), SentimentIntensityAnalyzer()
    for text in texts:
        for sentence in splitter.tokenize(text):
            words.tokenize(sentence)
            vader.polarity_scores(sentence)


def ours(texts):
    import pandas as pd

    from analysis.pipelines.scale import chunk_features

    for start in range(0, len(texts), 200):
        part = texts[start:start + 200]
        chunk_features(pd.DataFrame({"article_id": [str(i) for i in range(len(part))], "outlet": "unknown",
                                     "date": "", "text": part}))


def timed(function, texts):
    started = time.perf_counter()
    function(texts)
    return time.perf_counter() - started


def compare(texts, rounds, block=50):
    """Seconds of the naive pipeline and of the features on each block of ``block`` articles,
    ``rounds`` times over: two lists of pairs (round, seconds). The two run on each block
    one right after the other, taking turns going first: on a shared machine the speed
    drifts by 10-50% within a minute, and timing one pipeline over all articles and then
    the other would put that drift into the ratio."""
    naive_seconds, our_seconds = [], []
    for number in range(rounds):
        for turn, start in enumerate(range(0, len(texts), block)):
            part = texts[start:start + block]
            if turn % 2:
                our_seconds.append((number, timed(ours, part)))
                naive_seconds.append((number, timed(naive, part)))
            else:
                naive_seconds.append((number, timed(naive, part)))
                our_seconds.append((number, timed(ours, part)))
    return naive_seconds, our_seconds


# Articles per chunk in the parallel runs. The command line's default is 200; 50 keeps several
# chunks per process on a 400-article run. Chunks of 10 cost more in hand-over between
# processes than they gain (2 jobs against 1: 1.62x with 10, 1.74x with 25, 1.97x with 50,
# on 800 articles).
PARALLEL_CHUNK = 50


def parallel(texts, jobs, rounds=2):
    """Seconds of ``run_features`` with 1 and with ``jobs`` processes, ``rounds`` times each, the
    two taking turns going first (see ``compare``): ``{1: [...], jobs: [...]}``."""
    from analysis.pipelines.scale import run_features

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        seconds = {1: [], jobs: []}
        for number in range(rounds):
            for n in ((1, jobs) if number % 2 == 0 else (jobs, 1)):
                started = time.perf_counter()
                run_features(source, Path(folder) / f"out{n}.parquet", jobs=n, chunk_size=PARALLEL_CHUNK,
                             progress=False)
                seconds[n].append(time.perf_counter() - started)
    return seconds


def _cli_peak(source, out, text_column="content_original"):
    """Run the command line in a fresh interpreter; its summary line and peak memory (MB)."""
    code = ("import resource; from analysis.__main__ import main; "
            f"main(['features', {str(source)!r}, '-o', {str(out)!r}, '--text-column', {text_column!r}, '--quiet']); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = result.stdout.strip().splitlines()
    return lines[0], int(lines[-1]) / 1024


def peak_memory(data_dir, texts):
    """Peak memory of the command line on a small slice and on each whole shard: if memory is
    bounded by the chunk size, the two are about the same."""
    files = sorted(Path(data_dir, "allsides").glob("articles_*.jsonl.gz"))
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "slice.jsonl"
        small.write_text("".join(json.dumps({"content_original": t}) + "\n" for t in texts[:300]), encoding="utf-8")
        for path in [small] + files:
            summary, peak = _cli_peak(path, Path(folder) / "out.parquet")
            print(f"  {path.name}: {summary}; peak memory {peak:.0f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="folder holding allsides/articles_*.jsonl.gz")
    parser.add_argument("--articles", type=int, default=400, help="articles to time (default 400)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel run (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the one-core comparison (default 3)")
    parser.add_argument("--memory", action="store_true", help="also run the command line over every shard")
    args = parser.parse_args()
    texts = load_texts(args.data, args.articles)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    ours(texts[:5]), naive(texts[:5])  # load lexicons and models before timing
    naive_seconds, our_seconds = compare(texts, args.rounds)
    print(f"{len(texts)} AllSides articles, {megabytes:.2f} MB, {args.rounds} rounds in blocks of 50 articles")
    for name, seconds in (("naive nltk pipeline", naive_seconds), ("features, one core", our_seconds)):
        rounds = [sum(s for n, s in seconds if n == number) for number in range(args.rounds)]
        middle = statistics.median(rounds)
        print(f"  {name:<22} {len(texts) / middle:8.1f} articles/s  {megabytes / middle:6.2f} MB/s  "
              f"(median round {middle:.1f} s; rounds {', '.join(f'{s:.1f}' for s in rounds)})")
    ratios = sorted(n / o for (_, n), (_, o) in zip(naive_seconds, our_seconds))
    quarter = len(ratios) // 4
    print(f"  features / naive throughput: {statistics.median(ratios):.2f}x, median of {len(ratios)} blocks "
          f"(middle half {ratios[quarter]:.2f}-{ratios[-1 - quarter]:.2f}x) (target >= 1.0x)")
    seconds = parallel(texts, args.jobs)
    one, many = sum(seconds[1]), sum(seconds[args.jobs])
    pairs = ", ".join(f"{a / b:.2f}x" for a, b in zip(seconds[1], seconds[args.jobs]))
    print(f"  run_features, 1 job: {len(seconds[1]) * len(texts) / one:.1f} articles/s; {args.jobs} jobs: "
          f"{len(seconds[1]) * len(texts) / many:.1f} articles/s; speed-up {one / many:.2f}x over "
          f"{len(seconds[1])} rounds ({pairs}) (target >= 1.8x with 2 jobs)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this benchmark process: {own:.0f} MB")
    if args.memory:
        print("command line, one process, on 300 articles and on each whole shard (target: < 1 GB, flat):")
        peak_memory(args.data, texts)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
