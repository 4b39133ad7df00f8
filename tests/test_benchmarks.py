"""The benchmark scripts still run (on a tiny corpus made here); their figures are not checked."""

import gzip
import json
import subprocess
import sys

from analysis.paths import ROOT


def test_throughput_benchmark_runs_and_reports_every_figure(tmp_path):
    folder = tmp_path / "allsides"
    folder.mkdir()
    with gzip.open(folder / "articles_00.jsonl.gz", "wt", encoding="utf-8") as file:
        for number in range(8):
            text = f"Officials said the plan, number {number}, was reportedly a disaster. “No,” she told them."
            file.write(json.dumps({"ID": str(number), "content_original": text}) + "\n")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "throughput.py"), "--data", str(tmp_path),
                             "--articles", "8", "--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for line in ("naive nltk pipeline", "features, one core", "features / naive throughput", "speed-up",
                 "peak memory"):
        assert line in result.stdout, line
