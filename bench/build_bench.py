#!/usr/bin/env python3
"""Benchmark the main job on corpora of N articles made by varying the bundled ones.

Each size runs in its own process so that peak memory is that build's own. Prints one row per
size: articles/s, triples/s, validation seconds, peak memory. Usage::

    python bench/build_bench.py --articles 5 500 5000
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vietgov.paths import CORPUS  # noqa: E402

# Party symbol numbers ("57-NQ/TW") and State ones ("96/2022/NĐ-CP") are shifted per copy, so
# that a larger corpus also holds more distinct documents, not only more mentions.
_PARTY_NUMBER = re.compile(r"(?<![\d/])(\d{1,4})(?=\s*-\s*[A-ZĐ]{1,6}/)")
_STATE_NUMBER = re.compile(r"(?<![\d/])(\d{1,4})(?=/\d{4}/)")


def make_corpus(n: int, folder: Path) -> None:
    """Write ``n`` articles into ``folder``: copy k of a bundled article shifts its numbers by k."""
    seeds = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        seed = seeds[i % len(seeds)]
        copy = i // len(seeds)
        text = seed.read_text(encoding="utf-8")
        if copy:
            def shift(m: re.Match[str], k: int = copy) -> str:
                return str(int(m.group(1)) + 10000 * k)
            text = _STATE_NUMBER.sub(shift, _PARTY_NUMBER.sub(shift, text))
        (folder / f"{seed.stem}-{copy:05d}.txt").write_text(text, encoding="utf-8")


def run_one(n: int) -> dict[str, float]:
    """Build a corpus of ``n`` articles in a temporary folder; return the figures."""
    from vietgov.pipeline import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="vietgov-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "dist"
        corpus.mkdir()
        make_corpus(n, corpus)
        t0 = time.perf_counter()
        summary = build(BuildOptions(corpus, out))
        seconds = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n, "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1), "triples": summary.triples,
        "triples_per_s": round(summary.triples / seconds),
        "validation_s": summary.validation_seconds, "peak_mib": round(peak_mib),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[5, 500],
                        help="corpus sizes to build")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        print(json.dumps(run_one(args.single)))
        return 0
    header = f"{'articles':>8} {'seconds':>8} {'art/s':>8} {'triples':>10} {'triples/s':>10} " \
             f"{'valid. s':>9} {'peak MiB':>9}"
    print(header)
    for n in args.articles:
        done = subprocess.run([sys.executable, __file__, "--single", str(n)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{n:>8} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{r['articles']:>8} {r['seconds']:>8} {r['articles_per_s']:>8} "
              f"{r['triples']:>10} {r['triples_per_s']:>10} {r['validation_s']:>9} "
              f"{r['peak_mib']:>9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
