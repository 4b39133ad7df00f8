"""Time every public text function on hostile text: is it linear in the text's length?

Usage: python benchmarks/adversarial.py [--sizes 100000 1000000] [--limit 20] [--repeat 2]
                                        [--generators NAME ...] [--functions NAME ...]

Each generator repeats one pattern (quotations, reporting verbs, names, punctuation runs,
"+", one endless sentence, ordinary prose...) up to each size; each function runs on each
text ``--repeat`` times (the best run counts), each run in a forked child stopped after
``--limit`` seconds. Targets: the time at the largest size is at most 12x the time at a size
ten times smaller (a time under 0.05 s counts as 0.05 s), and no run takes over the limit.
Prints one row per generator and function and exits 1 if any target is missed.
``tests/test_limits.py`` runs a small, fast subset.
"""

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis  # noqa: E402
from analysis.annotation import annotate  # noqa: E402
from analysis.measures.features import loaded_categories, summarise  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "corpus" / "milley-china-calls"
MAX_RATIO = 12  # time at 10x the length, at most this many times longer
SHORTEST = 0.05  # seconds: a shorter time is counted as this long (a ratio of two blinks is noise)


def _prose():
    return "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.txt")))


# name -> the pattern repeated (a callable for text that is not one repeated pattern)
GENERATORS = {
    "prose": _prose,
    "quoted replies": '"Yes," he said. ',
    "quotes and dashes": '"a" ― B ',
    "open quotes": "“a ",
    "plus signs": "a+",
    "at signs": "a@b.",
    "names in one sentence": "Milley and ",
    "names said": "John Smith said. ",
    "reporting verbs": "said claimed told warned ",
    "short questions": "Why? ",
    "one long sentence": "word ",
    "punctuation runs": "!?.,;:-",
    "paragraph breaks": "a\n\n",
}


def _pipeline(text):
    article = {"article_id": "a", "story": "", "outlet": "o", "outlet_type": "unknown", "body": text, "blocks": []}
    return summarise(annotate(article, {}), loaded_categories())


FUNCTIONS = {
    "parse_text": analysis.parse_text,
    "sentences": analysis.sentences,
    "quotations": analysis.quotations,
    "loaded_terms": analysis.loaded_terms,
    "stance_markers": analysis.stance_markers,
    "attributions": analysis.attributions,
    "sentiment": analysis.sentiment,
    "sentiment_toward": lambda text: analysis.sentiment_toward(text, {"Milley": ["Milley"], "Smith": ["John Smith"]}),
    "whole article": _pipeline,
}


def make_text(generator, size):
    """``size`` characters of the generator's pattern, repeated."""
    pattern = GENERATORS[generator]
    pattern = pattern() if callable(pattern) else pattern
    return (pattern * (size // len(pattern) + 1))[:size]


def _run(function, text, queue):
    start = time.perf_counter()
    try:
        FUNCTIONS[function](text)
        queue.put(("ok", time.perf_counter() - start))
    except Exception as error:  # noqa: BLE001 - reported as the result
        queue.put(("error", f"{type(error).__name__}: {error}"[:200]))


def timed(function, text, limit):
    """``(status, seconds)`` of one run in a forked child: "ok", "error" (with its message) or
    "timeout" (stopped after ``limit`` seconds)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_run, args=(function, text, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return "timeout", limit
    return queue.get() if not queue.empty() else ("error", f"exit {child.exitcode}")


def measure(generators, functions, sizes, limit, repeat=1):
    """One dict per generator and function, as each is measured: the seconds at each size (the
    best of ``repeat`` runs), the ratio of the last two sizes, and whether the targets are met."""
    for generator in generators:
        for function in functions:
            row = {"generator": generator, "function": function}
            for size in sizes:
                text = make_text(generator, size)
                runs = [timed(function, text, limit) for _ in range(repeat)]
                status, seconds = min(runs, key=lambda run: (run[0] != "ok", run[1] if run[0] == "ok" else 0))
                row[size] = seconds if status == "ok" else status if status == "timeout" else "error"
                if status != "ok":
                    row["problem"] = seconds if status == "error" else f"over {limit} s at {size:,}"
                    break
            small, large = row.get(sizes[-2]), row.get(sizes[-1])
            ratio = (large / max(small, SHORTEST) if isinstance(small, float) and isinstance(large, float)
                     else None)
            row["ratio"] = ratio
            row["met"] = "problem" not in row and ratio is not None and ratio <= MAX_RATIO
            yield row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--limit", type=float, default=20.0, help="seconds a run may take (default 20)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size, the best counts (default 2)")
    parser.add_argument("--generators", nargs="+", choices=list(GENERATORS), default=list(GENERATORS))
    parser.add_argument("--functions", nargs="+", choices=list(FUNCTIONS), default=list(FUNCTIONS))
    args = parser.parse_args()
    generators, functions = args.generators, args.functions
    for function in FUNCTIONS.values():  # models and lexicons load once, before any clock runs
        function("Warm-up: Milley said the models load once. “Yes,” he said.")
    print(f"{'generator':<22} {'function':<17} " + " ".join(f"{size:>10,}" for size in args.sizes)
          + "   ratio  met", flush=True)
    missed = 0
    for row in measure(generators, functions, args.sizes, args.limit, args.repeat):
        cells = " ".join(f"{row[size]:>9.2f}s" if isinstance(row.get(size), float) else f"{row.get(size, '-'):>10}"
                         for size in args.sizes)
        ratio = f"{row['ratio']:7.1f}" if row["ratio"] is not None else "      -"
        print(f"{row['generator']:<22} {row['function']:<17} {cells} {ratio}  {'yes' if row['met'] else 'NO'}"
              + (f"  ({row['problem']})" if "problem" in row else ""), flush=True)
        missed += not row["met"]
    print(f"{missed} of the runs miss a target (time at {args.sizes[-1]:,} at most {MAX_RATIO}x the time at "
          f"{args.sizes[-2]:,}, none over {args.limit:g} s)")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
