"""Triage time per question on the shipped knowledge base and on a generated one ten times larger.

    .venv/bin/python bench/triage_bench.py [--repeat 5]

Questions: our labelled set (tests/data/questions.jsonl) and the development sample when ../shared is beside the
repository. Each question is triaged `--repeat` times; the figures are per single triage. The generated base
copies every article nine more times under new slugs with words of its questions shuffled and new words mixed in,
so the vocabulary and the number of documents grow tenfold. Peak memory is the process's maximum resident size
after each base (ru_maxrss), and tracemalloc's peak for building the assistant.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpdesk.assistant import Assistant  # noqa: E402
from helpdesk.knowledge.articles import load_knowledge_base  # noqa: E402

QUESTION_FILES = [ROOT / "tests" / "data" / "questions.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl"]


def questions() -> list[tuple[str, list[str]]]:
    items = []
    for path in QUESTION_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    items.append((item["text"], item.get("history", [])))
    return items


def generate_larger_base(source: Path, target: Path, factor: int, seed: int = 7) -> None:
    """Copy the base and add factor-1 variants of every article under new slugs."""
    rng = random.Random(seed)
    shutil.copytree(source, target, dirs_exist_ok=True)
    filler = [f"term{n}" for n in range(5000)]
    for path in sorted(source.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        header, body = text.split("---", 2)[1:]
        for copy in range(1, factor):
            slug = f"{path.stem}-variant-{copy}"
            lines = []
            for line in header.splitlines():
                if line.startswith("slug:"):
                    line = f"slug: {slug}"
                elif line.lstrip().startswith("- ") and "?" in line:
                    words = line.lstrip()[2:].split()
                    rng.shuffle(words)
                    words += rng.sample(filler, 2)
                    line = "  - " + json.dumps(" ".join(words))
                elif line.startswith("related:"):
                    line = "related: []"
                lines.append(line)
            (target / path.parent.name / f"{slug}.md").write_text(
                "---" + "\n".join(lines) + "\n---" + body, encoding="utf-8"
            )


def measure(kb_dir: Path, items: list[tuple[str, list[str]]], repeat: int) -> dict[str, float]:
    tracemalloc.start()
    assistant = Assistant(load_knowledge_base(kb_dir))
    build_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    for text, history in items:  # warm caches the way a running service has them
        assistant.decide(text, history)
    timings = []
    for _ in range(repeat):
        for text, history in items:
            started = time.perf_counter()
            assistant.decide(text, history)
            timings.append(time.perf_counter() - started)
    timings.sort()
    return {
        "articles": len(assistant.kb.articles),
        "documents": len(assistant.matcher.documents),
        "median_ms": statistics.median(timings) * 1000,
        "p99_ms": timings[int(0.99 * (len(timings) - 1))] * 1000,
        "build_peak_mb": build_peak / 2**20,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    items = questions()
    print(f"{len(items)} questions x {args.repeat} repeats, one process, one core")
    shipped = measure(ROOT / "knowledge_base", items, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        generate_larger_base(ROOT / "knowledge_base", Path(tmp), args.factor)
        larger = measure(Path(tmp), items, args.repeat)
    for name, r in (("shipped", shipped), (f"{args.factor}x generated", larger)):
        print(
            f"{name:14} articles {r['articles']:5}  documents {r['documents']:6}  median {r['median_ms']:.3f} ms  "
            f"p99 {r['p99_ms']:.3f} ms  build peak {r['build_peak_mb']:.1f} MiB  max RSS {r['maxrss_mb']:.0f} MiB"
        )
    print(
        f"ratio larger/shipped: median {larger['median_ms'] / shipped['median_ms']:.2f}x, "
        f"p99 {larger['p99_ms'] / shipped['p99_ms']:.2f}x"
    )


if __name__ == "__main__":
    main()
