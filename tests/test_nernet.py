"""The numpy side of the combined entity tagger (habar.ner.network) against CRFsuite and against itself."""

from __future__ import annotations

import os

import numpy as np
import pytest

from habar import resources
from habar.ner.iob import read_iob
from habar.ner.network import viterbi
from habar.ner.tagger import MODEL_FILE, MODEL_FILES, NerTagger, neural_path

from .conftest import shared_path


def _dev(n: int) -> list[list[str]]:
    return [[w for w, _ in s] for s in read_iob(shared_path("data", "kaznerd", "dev.iob"))[:n]]


def test_batched_viterbi_is_per_sentence_viterbi() -> None:
    rng = np.random.default_rng(0)
    trans = rng.normal(size=(5, 5)).astype(np.float32)
    lengths = np.array([1, 4, 7, 2])
    scores = rng.normal(size=(4, 7, 5)).astype(np.float32)
    batched = viterbi(scores, lengths, trans)
    for i, n in enumerate(lengths):
        alone = viterbi(scores[i:i + 1, :n], lengths[i:i + 1], trans)[0]
        assert batched[i] == alone
        # brute force on the short ones
        if n <= 4:
            import itertools

            best = max(itertools.product(range(5), repeat=int(n)),
                       key=lambda p: sum(scores[i, j, p[j]] for j in range(n))
                       + sum(trans[p[j - 1], p[j]] for j in range(1, n)))
            assert tuple(batched[i]) == best


def test_crf_weights_in_numpy_give_crfsuite_labels() -> None:
    tagger = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=False)
    assert neural_path(tagger.path).is_file()  # the accurate mode's network ships beside its CRF
    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    crf, network = combined._combination()
    sentences = _dev(300)
    scores = crf.scores(sentences)
    paths = viterbi(scores, np.array([len(s) for s in sentences]), crf.transitions)
    assert [[network.labels[j] for j in p] for p in paths] == [tagger.tag(s) for s in sentences]


def test_network_scores_do_not_depend_on_the_batch() -> None:
    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    assert combined.neural_path is not None
    network = combined._combination()[1]
    sentences = _dev(40)
    together = network.log_probs(sentences)
    for i, s in enumerate(sentences[:10]):
        alone = network.log_probs([s])[0]
        np.testing.assert_allclose(together[i, :len(s)], alone, atol=1e-4)
        assert np.allclose(np.exp(alone).sum(-1), 1.0, atol=1e-4)


def test_small_caches_give_the_same_labels() -> None:
    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    assert combined.neural_path is not None
    sentences = _dev(200)
    expected = combined.tag_many(sentences)
    small = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    crf, network = small._combination()
    crf._vectors.limit = network._inputs.limit = 300  # forgotten and refilled many times over
    assert small.tag_many(sentences, batch_size=16) == expected
    assert len(network._inputs.index) <= 300 + 16 * 70


def test_mode_picks_the_tagger() -> None:
    from habar.errors import UsageError
    from habar.ner.tagger import check_mode, shipped_tagger

    assert check_mode(" Accurate ") == "accurate"
    assert shipped_tagger().neural_path is None  # the CRF alone by default
    accurate = shipped_tagger("accurate")
    assert accurate.neural_path is not None and accurate is shipped_tagger("accurate")  # loaded once per mode
    assert NerTagger(resources.path(MODEL_FILE)).neural_path is None  # NerTagger's default is the CRF alone
    with pytest.raises(UsageError, match="ner='slow'"):
        shipped_tagger("slow")


def test_the_mode_is_a_pipeline_setting_and_nothing_writes_the_environment() -> None:
    import habar
    from habar.errors import UsageError

    before = dict(os.environ)
    fast, accurate = habar.load(), habar.load(ner="accurate")
    assert fast is habar.load("fast") and accurate is not fast
    assert fast.get_pipe("habar_entities").mode == "fast"
    assert accurate.get_pipe("habar_entities").mode == "accurate"
    assert accurate.get_pipe_config("habar_entities")["mode"] == "accurate"  # spaCy's factory config
    doc = habar.analyze("Қасым-Жомарт Тоқаев Бакуге барды.", ner="accurate")
    assert any(e.name == "Қасым-Жомарт Тоқаев" for e in doc.entities)
    with pytest.raises(UsageError):
        habar.load(ner="slow")
    assert dict(os.environ) == before


def test_cli_ner_option(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from habar.cli import app

    monkeypatch.delenv("HABAR_NER", raising=False)
    runner = CliRunner()
    done = runner.invoke(app, ["analyze", "-", "--ner", "slow"], input="Тоқаев Бакуге барды.")
    assert done.exit_code == 2 and "--ner must be fast or accurate" in done.output
    text = "Қасым-Жомарт Тоқаев Бакуге барды.\n"
    for mode in ("fast", "accurate"):
        done = runner.invoke(app, ["analyze", "-", "--ner", mode], input=text)
        assert done.exit_code == 0, done.output
        assert "Тоқаев" in done.output
        assert "HABAR_NER" not in os.environ  # passed to the pipeline, not written anywhere
    monkeypatch.setenv("HABAR_NER", "slow")  # the variable is only the command's default
    done = runner.invoke(app, ["analyze", "-"], input=text)
    assert done.exit_code == 2


def test_tagging_uses_one_blas_thread_and_gives_the_caller_its_setting_back() -> None:
    from threadpoolctl import threadpool_info

    import habar.ner.tagger as nertagger

    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    before = [(i["internal_api"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]
    seen = []
    real = combined._combination()[1].log_probs

    def spy(batch: list[list[str]]) -> np.ndarray:
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return real(batch)

    combined._combination()[1].log_probs = spy  # type: ignore[method-assign]
    again = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    assert combined.tag_many(_dev(5)) == again.tag_many(_dev(5))
    assert seen and set(seen) == {1}
    assert [(i["internal_api"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"] == before
    assert nertagger._blas_controller(7) is nertagger._blas_controller(7)  # one view while nothing new is imported


def test_batches_are_bounded_in_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    import habar.ner.network as nernet

    combined = NerTagger(resources.path(MODEL_FILES["accurate"]), neural=True)
    sentences = _dev(200)
    expected = combined.tag_many(sentences)
    crf, network = combined._combination()
    shapes: list[tuple[int, ...]] = []
    real = network.log_probs

    def spy(batch):  # type: ignore[no-untyped-def]
        out = real(batch)
        shapes.append(out.shape)
        return out

    monkeypatch.setattr(network, "log_probs", spy)
    monkeypatch.setattr(nernet, "BATCH_TOKENS", 300)
    assert combined.tag_many(sentences) == expected
    longest = max(map(len, sentences))
    assert len(shapes) > 1 and all(b * t <= max(300, longest) for b, t, _ in shapes)
    assert sum(b for b, _, _ in shapes) == len(sentences)
