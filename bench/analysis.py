"""Throughput of the analysis pipeline: ``python -m bench.analysis [--docs N]``.

Generates N synthetic Dutch documents of ~600 words (function words, domain words from the
lexicon with inflections, compounds of two lexicon words, hyphenated names, numbers and
punctuation; word choice Zipf-distributed so the vocabulary grows as in real text) and
reports documents per second for `analyze_document`, with a fresh analyzer (every word
analysed for the first time) and again with its memo filled. An optional text file
(``--text``) is cut into 600-word documents and measured too.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from search.analysis.lexicon import LEXICON_FILE
from search.analysis.normalize import _words
from search.analysis.pipeline import Analyzer

FUNCTION_WORDS = _words(
    "de het een en van in op voor met dat is niet ook bij naar om te zijn werd worden "
    "die deze door als maar nog wel er aan uit over dan zo kan moet heeft hebben"
)
FIXED = [
    "midden- en kleinbedrijf", "Ten Boer-West", "Scheemda 't Waar", "in één keer",
    "Coördinator", "agrariërs", "Midden-Groningen", "e-mail", "(2024)", "3,5 mln",
]  # fmt: skip
INFLECTIONS = ["", "", "", "en", "s", "e", "ing", "ingen", "t", "de"]


def generate(count: int, words_per_doc: int = 600, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    lexicon = [
        w.strip()
        for w in LEXICON_FILE.read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    weights = [1 / (rank + 1) for rank in range(len(lexicon))]
    documents = []
    for _ in range(count):
        out = []
        for _ in range(words_per_doc):
            r = rng.random()
            if r < 0.45:
                out.append(rng.choice(FUNCTION_WORDS))
            elif r < 0.80:
                word = rng.choices(lexicon, weights)[0]
                out.append(word + rng.choice(INFLECTIONS))
            elif r < 0.97:
                a, b = rng.choices(lexicon, weights, k=2)
                out.append(a + rng.choice(["", "", "s"]) + b + rng.choice(["", "", "en"]))
            else:
                out.append(rng.choice(FIXED))
            if rng.random() < 0.07:
                out[-1] += rng.choice([".", ",", ";", ":"])
        documents.append(" ".join(out).capitalize())
    return documents


def measure(documents: list[str], analyzer: Analyzer) -> float:
    started = time.perf_counter()
    for document in documents:
        analyzer.analyze_document(document)
    return len(documents) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--text", type=Path, default=None)
    args = parser.parse_args(argv)

    documents = generate(args.docs)
    words = sum(len(d.split()) for d in documents)
    distinct = len({w for d in documents for w in d.split()})
    analyzer = Analyzer()
    cold = measure(documents, analyzer)
    warm = measure(documents, analyzer)
    print(
        f"{args.docs} synthetic documents, {words / args.docs:.0f} words each, "
        f"{distinct} distinct surface words"
    )
    print(f"  fresh analyzer: {cold:8.0f} docs/s")
    print(f"  warm memo:      {warm:8.0f} docs/s")

    if args.text:
        text_words = args.text.read_text("utf-8").split()
        chunks = [" ".join(text_words[i : i + 600]) for i in range(0, len(text_words), 600)]
        chunks = (chunks * (args.docs // max(len(chunks), 1) + 1))[: args.docs]
        print(f"  {args.text.name}: {measure(chunks, Analyzer()):8.0f} docs/s (fresh analyzer)")


if __name__ == "__main__":
    main()
