"""Command line: ``python -m analysis COMMAND`` (also installed as ``media-framing``).

Commands:
    build       every story's figures and report, and every notebook (what make figures runs)
    figures     draw every figure and story report of every story into figures/<story>/
    report      write only the story pages, figures/<story>/blind.html and report.html
    notebooks   execute every lesson notebook and save it with its outputs (--story X: run them on
                story X and save the copies in figures/X/lessons/, leaving notebooks/ as it is)
    corpus      list the articles of a story and what the loader removed
    features    the article-level features of a large corpus (CSV, JSONL, Parquet or a folder)
    agreement   the program's marks against a story's careful reading, per layer and article
    review      write a story's marks to a sheet to review, or store a reviewed sheet as its reading
"""

import argparse
import os
import signal
import sys
from pathlib import Path

import matplotlib
import pandas as pd

from analysis.errors import FramingError
from analysis.measures.agreement import agreement
from analysis.paths import FIGURES_DIR, ROOT
from analysis.pipelines.build import build, make_figures
from analysis.pipelines.notebooks import notebook_paths, run_notebooks
from analysis.pipelines.review import apply_sheet, write_sheet
from analysis.pipelines.scale import MAX_CHARS, Stopped, run_features
from analysis.present.report import screenshot, write_class_pages, write_pages
from analysis.stories.corpus import cleaning_log, list_stories, load_corpus
from analysis.stories.story import load_story


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    everything = commands.add_parser("build", help="every story's figures and report, and every notebook executed "
                                                   "(what make figures runs), several at a time")
    everything.add_argument("--jobs", type=int, help="tasks to run at once (default: one per processor)")
    figures = commands.add_parser("figures", help="draw every figure and report of every story into figures/<story>/")
    figures.add_argument("--story", help="only this story (default: all)")
    report = commands.add_parser("report", help="write only the story reports, figures/<story>/report.html and "
                                 "blind.html")
    report.add_argument("--story", help="only this story (default: all)")
    report.add_argument("--class-code", help="a code the teacher chooses: the blind page and the reveal with letters "
                        "shuffled for this class, in figures/<story>/class-<code>/")
    report.add_argument("--screenshot", action="store_true", help="also save report.png (needs Chromium)")
    notebooks = commands.add_parser("notebooks", help="execute every notebook and save it with its outputs")
    notebooks.add_argument("--only", help="only notebooks whose name contains this text (several: separate "
                           "them with commas)")
    notebooks.add_argument("--jobs", type=int, help="notebooks to run at once (default: one per processor)")
    notebooks.add_argument("--story", help="run the lessons on this story and save the executed copies in "
                           "figures/<story>/lessons/ (the lessons in notebooks/ are left as they are)")
    notebooks.add_argument("--corpus-dir", help="with --story: the folder holding the story folders (default: corpus/)")
    notebooks.add_argument("--output-dir", help="with --story: where to save the copies (default: "
                           "figures/<story>/lessons/)")
    corpus = commands.add_parser("corpus", help="list the articles of a story and the cleaning log")
    corpus.add_argument("--story", help="only this story (default: all)")
    features = commands.add_parser(
        "features", help="article-level features of a large corpus into a Parquet or CSV file",
        description="Compute one row of framing features per article of INPUT (a CSV, JSON Lines or Parquet "
                    "file, .gz too, a folder of .txt files, or a corpus folder) into OUTPUT (.parquet or .csv).")
    features.add_argument("input", metavar="INPUT")
    features.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="a .parquet or .csv file")
    features.add_argument("--text-column", default="text", help="the column holding the article text (default: text)")
    features.add_argument("--id-column", help="the column holding an article id (default: the row number)")
    features.add_argument("--outlet-column", help="the column naming the outlet")
    features.add_argument("--date-column", help="the column holding the date")
    features.add_argument("--jobs", type=int, default=1, help="processes (or Dask workers) to use (default: 1)")
    features.add_argument("--engine", choices=["local", "dask"], default="local",
                          help="local processes, or a Dask cluster (pip install '.[scale]')")
    features.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    features.add_argument("--spans", action="store_true",
                          help="also write the loaded-term and attribution tables beside OUTPUT")
    features.add_argument("--chunk-size", type=int, default=200, help="articles per chunk (default: 200)")
    features.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                          help=f"skip (and list) articles longer than N characters (default: {MAX_CHARS:,}; "
                               "0: no limit; time and memory grow in proportion: see the README's Limits)")
    features.add_argument("--quiet", action="store_true", help="no progress bar")
    features.add_argument("--bad-lines", choices=["skip", "stop"], default="skip",
                          help="a JSON Lines line that is not a JSON object: skip it and count it (default), or "
                               "stop before any work, naming the line")
    agree = commands.add_parser("agreement", help="the program's marks against a story's reading (reading.csv)")
    agree.add_argument("story", help="the story id")
    agree.add_argument("--corpus-dir", help="the folder holding the story folders (default: corpus/)")
    review = commands.add_parser(
        "review", help="write a story's marks to a review sheet (-o), or store a reviewed sheet as its reading "
                       "(--apply)",
        description="Write every automatic mark of STORY, with its sentence and an empty verdict column (keep, drop, "
                    "fix, or add for a missed mark), to a CSV sheet any spreadsheet opens; or check a filled sheet "
                    "and store it as the story's reading (reading.csv and dropped.csv). Earlier verdicts are kept.")
    review.add_argument("story", help="the story id")
    action = review.add_mutually_exclusive_group(required=True)
    action.add_argument("-o", "--output", metavar="SHEET.csv", help="write the review sheet here")
    action.add_argument("--apply", metavar="SHEET.csv", help="check this filled sheet and store it as the reading")
    review.add_argument("--corpus-dir", help="the folder holding the story folders (default: corpus/)")
    args = parser.parse_args(argv)
    matplotlib.use("Agg")
    previous = signal.signal(signal.SIGINT, _interrupted)
    try:
        if args.command == "build":
            _build(args.jobs)
        elif args.command == "figures":
            _figures(args.story)
        elif args.command == "report":
            _report(args.story, args.screenshot, args.class_code)
        elif args.command == "features":
            return _features(args)
        elif args.command == "notebooks":
            _notebooks(args.only, args.jobs, args.story, args.corpus_dir, args.output_dir)
        elif args.command == "agreement":
            return _agreement(args.story, args.corpus_dir)
        elif args.command == "review":
            _review(args)
        else:
            _corpus(args.story)
    except FramingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted (Ctrl-C)", file=sys.stderr)
        return 130
    finally:
        if signal.getsignal(signal.SIGINT) is _interrupted:  # not interrupted: as it was (after a Ctrl-C, ignored)
            signal.signal(signal.SIGINT, previous)
    return 0


def _interrupted(number, frame):
    """Ctrl-C: stop once, cleanly; a second Ctrl-C during the clean-up is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _agreement(story_id, corpus_dir=None):
    story = load_story(story_id, corpus_dir=corpus_dir)
    table = agreement(story)
    if table.empty:
        print(f"{story_id} has no reading: write {story.folder / 'reading.csv'} (see corpus/READING.md)",
              file=sys.stderr)
        return 1
    print(f"The program against the careful reading of {story_id} (a mark matches when the spans overlap; "
          "labels and speakers compared on the matched pairs)")
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        print(table.round(2).astype(object).where(table.notna(), "").to_string(index=False))
    return 0


def _review(args):
    story = load_story(args.story, corpus_dir=args.corpus_dir)
    if args.output:
        marks, added = write_sheet(story, args.output)
        print(f"wrote {args.output}: {marks} automatic marks to judge (keep, drop or fix) and {added} marks of the "
              "reading the program lacks (add); fill the verdict column, then: "
              f"python -m analysis review {args.story} --apply {args.output}")
    else:
        counts = apply_sheet(story, args.apply)
        print(f"stored the review of {args.story} in {story.folder / 'reading.csv'} and dropped.csv: "
              + ", ".join(f"{count} {verdict}" for verdict, count in counts.items()))


def _figures(story):
    for story_id in [story] if story else list_stories():
        for path in make_figures(load_story(story_id)):
            print(f"wrote {path.relative_to(ROOT)}")


def _report(story, with_screenshot=False, class_code=None):
    for story_id in [story] if story else list_stories():
        loaded = load_story(story_id)
        if class_code is not None:
            blind, reveal = write_class_pages(loaded, class_code)
            print(f"wrote {blind.relative_to(ROOT)} (give this page to the class) and "
                  f"{reveal.relative_to(ROOT)} (the reveal)")
            continue
        for path in write_pages(loaded):
            print(f"wrote {path.relative_to(ROOT)}")
            if with_screenshot:
                print(f"wrote {screenshot(path).relative_to(ROOT)}")


def _features(args):
    """Exit status: 0 every article done; 3 the output is written but some articles failed
    (listed in <output>.failures.csv); 1 an error, nothing written; 130 or 143 interrupted
    (Ctrl-C or SIGTERM), nothing written."""
    if args.jobs < 1 or args.chunk_size < 1 or args.max_chars < 0:
        raise SystemExit("error: --jobs and --chunk-size must be at least 1, --max-chars at least 0")
    try:
        summary = run_features(args.input, args.output, args.text_column, args.id_column, args.outlet_column,
                               args.date_column, args.jobs, args.engine, args.scheduler, args.spans,
                               args.chunk_size, progress=not args.quiet, bad_lines=args.bad_lines,
                               max_chars=args.max_chars)
    except (KeyboardInterrupt, Stopped) as stop:
        print(f"interrupted ({stop or 'Ctrl-C'}): nothing was written", file=sys.stderr)
        return 143 if isinstance(stop, Stopped) else 130
    if summary["jobs"] < args.jobs and args.engine == "local":
        print(f"used {summary['jobs']} processes, not {args.jobs}: this machine has {os.cpu_count()} processors",
              file=sys.stderr)
    rate = summary["articles"] / summary["seconds"] if summary["seconds"] else 0.0
    print(f"wrote {summary['articles']} articles to {summary['output']} in {summary['seconds']} s "
          f"({rate:.1f} articles/s); skipped {summary['skipped_empty']} with an empty text")
    for path in summary["span_files"]:
        print(f"wrote {path}")
    too_long = summary["skipped_too_long"]
    if too_long:
        articles = f"{len(too_long)} article{'s' if len(too_long) > 1 else ''}"
        print(f"skipped {articles} longer than {args.max_chars:,} characters (--max-chars): "
              + ", ".join(f"{article_id} ({length:,})" for article_id, length in too_long[:20])
              + (" ..." if len(too_long) > 20 else ""), file=sys.stderr)
    for path, line, problem in summary["bad_lines"][:20]:
        print(f"skipped {path}, line {line}: {problem}", file=sys.stderr)
    if len(summary["bad_lines"]) > 20:
        print(f"skipped {len(summary['bad_lines'])} bad lines in all", file=sys.stderr)
    if summary["failed"]:
        print(f"{len(summary['failed'])} articles left out because computing their features failed (please "
              f"report this with the article); all are listed in {summary['failures_file']}:", file=sys.stderr)
        for article_id, error in summary["failed"][:20]:
            print(f"  {article_id}: {error}", file=sys.stderr)
        return 3
    return 0


def _notebooks(only, jobs=None, story=None, corpus_dir=None, output_dir=None):
    parts = [part for part in (only or "").split(",") if part]
    paths = [path for path in notebook_paths() if not parts or any(part in path.name for part in parts)]
    if story is None:
        for path in build([], paths, jobs):
            print(f"executed {path.relative_to(ROOT)}")
        return
    load_story(story, corpus_dir=corpus_dir)  # a story that cannot be read stops here, with the reason
    output_dir = Path(output_dir) if output_dir else FIGURES_DIR / story / "lessons"
    output_dir.mkdir(parents=True, exist_ok=True)
    parameters = {"story_name": story, "corpus_dir": str(Path(corpus_dir).resolve()) if corpus_dir else None}
    run_notebooks(paths, parameters, output_dir=output_dir)
    for path in paths:
        print(f"executed {path.name} on {story}: wrote {output_dir / path.with_suffix('.ipynb').name}")


def _build(jobs=None):
    for path in build(list_stories(), notebook_paths(), jobs):
        print(f"wrote {path.relative_to(ROOT)}")


def _corpus(story):
    corpus = load_corpus(story)
    log = cleaning_log(corpus)
    log["text"] = log["text"].str.replace("\n", "\\n").str.slice(0, 50)
    with pd.option_context("display.width", 200, "display.max_colwidth", 50, "display.max_rows", 500):
        print(corpus[["article_id", "story", "outlet", "outlet_type", "date"]].to_string(index=False))
        print()
        print(log[["article_id", "action", "kind", "rule_id", "text"]].to_string(index=False))


if __name__ == "__main__":
    sys.exit(main())
