"""Throughput of ``habar analyze``: words per second and peak memory, single process.

Input: the sentences of ../shared/data/kaznerd/dev.iob joined into pseudo-articles of about 200 words
(a title line, then the body). Each configuration runs in a fresh child process so that its peak resident
memory is its own. Peers in the same run:
  - spacy-blank-kk+sentencizer: spaCy's own rule sentencizer on our Kazakh tokenizer (the floor: no cleaning,
    no language identification);
  - habar-clean-only: the clean stage alone;
  - habar-analyze: the full ``habar.analyze`` path, one article at a time (clean, tokens, sentences, language,
    and every stage added since), producing a Document;
  - habar-analyze-without-morph: the same path with the morph stage (lemma, UPOS, features) taken out, to
    show what that stage costs;
  - habar-analyze-stream: the same Documents through ``habar.pipeline.analyze_stream``, the path of
    ``habar analyze`` and ``habar ingest``: articles in batches of 32, whose sentences the entity tagger tags
    together (what the accurate mode's network gains from; ``HABAR_NER=accurate`` picks that mode).

Usage: python bench/throughput.py [--words-per-article 200] [--limit N]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "kaznerd" / "dev.iob"

_NO_SPACE_BEFORE = set(".,;:!?)»”%")
_NO_SPACE_AFTER = set("(«“")


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and (tok in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER):
            out[-1] += tok
        else:
            out.append(tok)
    return " ".join(out)


def pseudo_articles(path: Path, words_per_article: int) -> list[tuple[str, int]]:
    """(text, word count) pairs: title line + sentences until ~words_per_article words."""
    sentences: list[list[str]] = []
    cur: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sentences.append(cur)
                cur = []
            continue
        cur.append(line.split(" ", 1)[0])
    if cur:
        sentences.append(cur)
    articles = []
    body: list[str] = []
    words = 0
    for sent in sentences:
        body.append(detokenize(sent))
        words += sum(1 for t in sent if any(ch.isalnum() for ch in t))
        if words >= words_per_article:
            title = " ".join(body[0].split()[:8]).rstrip(".,")
            articles.append((title + "\n\n" + " ".join(body), words))
            body, words = [], 0
    return articles


def _run(config: str, texts: list[str], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    if config == "spacy-blank-kk+sentencizer":
        import spacy

        import habar.lang  # noqa: F401

        nlp = spacy.blank("kk")
        nlp.add_pipe("sentencizer")

        def work(text: str) -> object:
            return nlp(text)
    elif config == "habar-clean-only":
        from habar.stages.clean import clean

        def work(text: str) -> object:
            return clean(text)
    else:
        import habar
        import habar.pipeline

        if config == "habar-analyze-without-morph":
            habar.pipeline.STAGES.remove("habar_morph")
            habar.pipeline.CONVERTERS[:] = [c for c in habar.pipeline.CONVERTERS
                                            if c.__module__ != "habar.morph.analyser"]
        habar.load()

        def work(text: str) -> object:
            return habar.analyze(text)

    work(texts[0])  # warm up: lazy model loads are not throughput
    start = time.perf_counter()
    cpu_start = time.process_time()
    if config == "habar-analyze-stream":
        from habar.read import Article

        for doc in habar.pipeline.analyze_stream(Article(text=t, source=str(k)) for k, t in enumerate(texts)):
            assert doc is not None and not isinstance(doc, str), doc
    else:
        for text in texts:
            work(text)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((elapsed, peak_mb, cpu))


def measure(config: str, texts: list[str]) -> tuple[float, float, float]:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    proc = ctx.Process(target=_run, args=(config, texts, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words-per-article", type=int, default=200)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pseudo-articles")
    parser.add_argument("--configs", default="spacy-blank-kk+sentencizer,habar-clean-only,"
                        "habar-analyze-without-morph,habar-analyze,habar-analyze-stream")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"needs {DEV} (the shared KazNERD dev file)", file=sys.stderr)
        return 2
    articles = pseudo_articles(DEV, args.words_per_article)
    if args.limit:
        articles = articles[: args.limit]
    texts = [a for a, _ in articles]
    words = sum(w for _, w in articles)
    print(f"# {len(texts)} pseudo-articles, {words} words, {sum(map(len, texts))} characters "
          f"(KazNERD dev.iob), Python {platform.python_version()}, {platform.machine()}, single process")
    # CPU seconds are printed too: on a shared machine they move much less than wall-clock seconds
    print(f"| {'configuration':<30} | {'seconds':>8} | {'words/s':>9} | {'articles/s':>10} | {'peak RSS MB':>11} "
          f"| {'CPU s':>6} |")
    print(f"|{'-' * 32}|{'-' * 10}|{'-' * 11}|{'-' * 12}|{'-' * 13}|{'-' * 8}|")
    for config in args.configs.split(","):
        elapsed, peak, cpu = measure(config, texts)
        print(f"| {config:<30} | {elapsed:>8.2f} | {words / elapsed:>9.0f} | {len(texts) / elapsed:>10.1f} "
              f"| {peak:>11.0f} | {cpu:>6.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
