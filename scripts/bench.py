"""`make bench`: every benchmark in bench/, each reported as a ratio against a reference measured
in the same run. Results are printed and written to test-results/benchmarks.txt; copy the figures
into docs/benchmarks.md when they change."""

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

# Each module's main() returns {figure name: value}.
BENCHMARKS = [
    "bench.http_throughput",
    "bench.training_calendar",
    "bench.programme_reports",
    "bench.imports",
    "bench.content_pages",
    "bench.protection_registry",
    "bench.monitoring_due",
    "bench.lowcode",
]


def main():
    selected = sys.argv[1:] or BENCHMARKS
    lines = []
    for name in selected:
        print(f"=== {name}", flush=True)
        for figure, value in importlib.import_module(name).main().items():
            line = f"{name}: {figure}: {value:.3f}"
            print(line, flush=True)
            lines.append(line)
    out = ROOT / "test-results" / "benchmarks.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
