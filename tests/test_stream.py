"""analyze_stream: articles analysed in batches give the Documents analyze_article gives, in order, and one
bad article fails alone."""

from __future__ import annotations

import pytest

from habar.pipeline import Rejected, analyze_article, analyze_stream
from habar.read import Article, Failure, Skip

from .conftest import EXAMPLE


def _articles() -> list[Article]:
    sample = EXAMPLE.read_text(encoding="utf-8")
    paragraphs = [p for p in sample.split("\n\n") if len(p) > 80]
    # several short articles and the whole sample: the batch holds documents of different lengths
    return [Article(text=sample, source="sample", published="2022-08-24"),
            *(Article(text=p, source=f"part{k}", title=f"Хабар {k}") for k, p in enumerate(paragraphs[:5]))]


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_batches_give_the_documents_of_one_at_a_time(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import habar.stages.entities as entities

    batches: list[int] = []
    real = entities.EntitiesComponent._annotate

    def spy(self, docs):  # type: ignore[no-untyped-def]
        batches.append(len(docs))
        return real(self, docs)

    monkeypatch.setattr(entities.EntitiesComponent, "_annotate", spy)
    articles = _articles()
    items = [articles[0], Skip("empty.txt", "empty"), *articles[1:3], Failure("bad.jsonl", "line 3: not JSON"),
             *articles[3:]]
    results = list(analyze_stream(items, default_published="2024-01-02", ner=mode))
    assert batches == [len(articles)]  # the entity tagger saw all the articles' sentences at once
    assert len(results) == len(items)
    assert [r for r in results if isinstance(r, Rejected)] == [Rejected("empty.txt", "empty", skipped=True),
                                                               Rejected("bad.jsonl", "line 3: not JSON")]
    docs = [r for r in results if not isinstance(r, Rejected)]
    expected = [analyze_article(a, default_published="2024-01-02", ner=mode) for a in articles]
    assert [d.model_dump() for d in docs] == [d.model_dump() for d in expected]  # type: ignore[union-attr]
    assert any(d.entities for d in expected[1:])


def test_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar.pipeline as pipeline

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    articles = _articles()
    docs = list(analyze_stream(articles))
    assert [d.source for d in docs] == [a.source for a in articles]  # type: ignore[union-attr]
    assert docs[0].model_dump() == analyze_article(articles[0]).model_dump()  # type: ignore[union-attr]


def test_one_bad_article_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar.stages.entities as entities

    real = entities._set_entities

    def broken(doc, sentences):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise RuntimeError("a bug")
        real(doc, sentences)

    monkeypatch.setattr(entities, "_set_entities", broken)
    articles = _articles()
    articles[2] = Article(text="Астанада BOOM болды.", source="boom.txt")
    articles.insert(4, Article(text="Астанада жиын өтті.", source="baddate.txt", published="2024-13-40"))
    results = list(analyze_stream(articles))
    errors = {r.source: str(r) for r in results if isinstance(r, Rejected)}
    assert errors.keys() == {"boom.txt", "baddate.txt"}
    assert errors["boom.txt"] == "boom.txt: internal error while analysing (RuntimeError: a bug)"
    bad_date = errors["baddate.txt"]
    assert bad_date.startswith("baddate.txt: published must be a date") and "\n" not in bad_date
    good = [r for r in results if not isinstance(r, Rejected)]
    assert len(good) == len(articles) - 2 and all(d is not None and d.entities for d in good[:1])
