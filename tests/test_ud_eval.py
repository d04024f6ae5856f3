"""habar evaluate ud: the CoNLL 2018 measures, reimplemented, on hand-made files and on UD Kazakh-KTB."""

from __future__ import annotations

import tomllib
from pathlib import Path

import conllu
import pytest
from typer.testing import CliRunner

from habar.cli import app
from habar.document import Document, Sentence, Token
from habar.errors import InputError
from habar.evaluate import ud as ud_eval
from habar.evaluate.ud import Word, align_words, evaluate, filter_feats, spans_score

from .conftest import ROOT, shared_path

GOLD = """# sent_id = doc:1
# text = Ол Бакуге барды.
1	Ол	ол	PRON	_	Case=Nom|Number=Sing|Person=3|PronType=Prs	3	nsubj	_	_
2	Бакуге	Баку	PROPN	_	Case=Dat	3	obl	_	_
3	барды	бар	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	SpaceAfter=No
4	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = doc:2
# text = Баласыз үй жоқ.
1-2	Баласыз	_	_	_	_	_	_	_	_
1	Бала	бала	NOUN	_	Case=Nom	3	nsubj	_	_
2	сыз	сыз	ADP	_	_	1	case	_	_
3	үй	үй	NOUN	_	Case=Nom	4	nsubj	_	_
4	жоқ	жоқ	ADJ	_	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	_	_	4	punct	_	_

"""


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    return path


def _doc(text: str, spans: list[tuple[int, int]], lemmas: list[str], sents: list[tuple[int, int]]) -> Document:
    return Document(id="x", language="kk", text=text,
                    sentences=[Sentence(start=a, end=b, language="kk") for a, b in sents],
                    tokens=[Token(start=a, end=b, text=text[a:b], lemma=lem, pos="X", morph="")
                            for (a, b), lem in zip(spans, lemmas, strict=True)])


def test_scores_by_hand(gold_file: Path) -> None:
    """A system that splits `барды.` wrongly and misses one sentence boundary, scored by hand."""
    text = "Ол Бакуге барды. Баласыз үй жоқ."

    def fake(raw: str) -> Document:
        assert raw == text
        # tokens: Ол | Бакуге | барды. (one token: wrong) | Баласыз | үй | жоқ | .
        spans = [(0, 2), (3, 9), (10, 16), (17, 24), (25, 27), (28, 31), (31, 32)]
        lemmas = ["ол", "Баку", "бар", "бала", "үй", "жоқ", "."]
        return _doc(raw, spans, lemmas, [(0, 32)])

    result = evaluate(gold_file, analyze=fake)
    s = result.scores
    # gold tokens: Ол Бакуге барды . Баласыз үй жоқ . = 8; system 7; matching spans: Ол Бакуге Баласыз үй жоқ . = 6
    assert (s["Tokens"].gold, s["Tokens"].system, s["Tokens"].correct) == (8, 7, 6)
    assert (s["Sentences"].gold, s["Sentences"].system, s["Sentences"].correct) == (2, 1, 0)
    # gold words: 9 (Бала + сыз inside the multi-word token); aligned: Ол Бакуге үй жоқ . (Баласыз matches no
    # gold word by form inside the multi-word token)
    assert (s["Words"].gold, s["Words"].system, s["Words"].correct) == (9, 7, 5)
    assert s["Lemmas"].correct == 5
    assert s["Lemmas"].precision == pytest.approx(5 / 7) and s["Lemmas"].recall == pytest.approx(5 / 9)
    assert s["Lemmas"].f1 == pytest.approx(2 * 5 / 16)


def test_multiword_tokens_align_by_form() -> None:
    gold = [Word("Бала", "бала", "NOUN", "_", 0, 7, True), Word("сыз", "сыз", "ADP", "_", 0, 7, True),
            Word("үй", "үй", "NOUN", "_", 7, 9)]
    system = [Word("бала", "бала", "NOUN", "_", 0, 4), Word("сыз", "сыз", "ADP", "_", 4, 7),
              Word("үй", "үй", "NOUN", "_", 7, 9)]
    pairs = align_words(gold, system)
    assert [(g.form, s.form) for g, s in pairs] == [("Бала", "бала"), ("сыз", "сыз"), ("үй", "үй")]


def test_spans_score_and_feats_filter() -> None:
    s = spans_score([(0, 2), (2, 5), (5, 9)], [(0, 2), (2, 4), (4, 5), (5, 9)])
    assert (s.gold, s.system, s.correct) == (3, 4, 2)
    assert filter_feats("Case=Nom|Number[psor]=Sing|Person[psor]=3") == "Case=Nom"
    assert filter_feats("_") == "_"


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conllu"
    bad.write_text("# text = a\n1\ta\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="10 tab-separated columns"):
        ud_eval.read_conllu(bad)
    empty = tmp_path / "empty.conllu"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no sentences"):
        ud_eval.read_conllu(empty)


def test_real_habar_on_the_hand_made_file(gold_file: Path) -> None:
    result = evaluate(gold_file)
    s = result.scores
    assert s["Sentences"].f1 == 1.0
    assert s["Tokens"].f1 == 1.0
    assert s["Lemmas"].correct >= 6  # ол Баку бар . үй жоқ . — only the multi-word token cannot align


def test_cli_evaluate_ud(gold_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "pred.conllu"
    r = runner.invoke(app, ["evaluate", "ud", str(gold_file), "--write-predictions", str(out)],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Metric") and [line.split()[0] for line in lines[2:]] == list(ud_eval.METRICS)
    parsed = conllu.parse(out.read_text(encoding="utf-8"))
    assert [w["lemma"] for w in parsed[0]] == ["ол", "Баку", "бар", "."]


def test_cli_evaluate_ud_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["evaluate", "ud", str(tmp_path / "missing.conllu")])
    assert r.exit_code == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\ta\n\n", encoding="utf-8")
    r = runner.invoke(app, ["evaluate", "ud", str(bad)])
    assert r.exit_code == 1 and "10 tab-separated columns" in r.stderr


def test_gate_ud_kazakh_ktb_dev() -> None:
    """CI gate: habar on UD Kazakh-KTB dev, from raw text, stays at or above the floors in tests/floors.toml."""
    path = shared_path("data", "ud-kk-ktb", "dev.conllu")
    floors = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))["ud"]
    scores = evaluate(path).scores
    got = {"tokens": 100 * scores["Tokens"].f1, "sentences": 100 * scores["Sentences"].f1,
           "lemmas": 100 * scores["Lemmas"].f1}
    below = {k: (round(got[k], 2), floor) for k, floor in floors.items() if got[k] < floor}
    assert not below, f"below the floor (score, floor): {below}"
