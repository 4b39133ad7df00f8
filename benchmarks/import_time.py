"""Time `import analysis` in fresh interpreters (target: under 0.5 s).

Usage: python benchmarks/import_time.py [--runs N]
Prints the median and the slowest of N cold imports, each in a new process, and,
for context, how long the first real call (loading the seed story, which imports
pandas, nltk and the lexicons) takes after that.
"""

import argparse
import statistics
import subprocess
import sys

CODE = "import time; t = time.perf_counter(); import analysis; print(time.perf_counter() - t)"
FIRST_CALL = ("import time, analysis; t = time.perf_counter(); analysis.load_story('milley-china-calls'); "
              "print(time.perf_counter() - t)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    times = [float(subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(runs)]
    first = [float(subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(3)]
    print(f"import analysis: median {statistics.median(times):.3f} s, slowest {max(times):.3f} s "
          f"over {runs} fresh interpreters (target < 0.5 s)")
    print(f"first load_story() after import (loads pandas, nltk, jsonschema, lexicons): median "
          f"{statistics.median(first):.2f} s over 3 runs")


if __name__ == "__main__":
    main()
