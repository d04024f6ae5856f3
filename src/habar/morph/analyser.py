"""The Kazakh analyser: lemma, UPOS and UD features of a word, from the grammar kept as data.

A Kazakh analyser of our own, with the language knowledge kept as data:
- ``resources/morph_words.tsv``: closed-class words and irregular forms (pronoun paradigms, the copula е-,
  postpositions, particles, conjunctions), looked up first;
- ``resources/morph_suffixes.toml``: suffix slots (case, possessive, plural, tense, person, participle,
  converb, negation, voice) with their allomorphs and the letters each may follow;
- ``resources/kk_stems.tsv`` (derived from Hunspell kk_KZ) and ``kk_stems_extra.tsv``: the stem lexicon;
- ``resources/kk_word_freq.tsv`` (KazNERD train word counts): a stem that is a common word in its own right
  beats a dictionary entry that is an inflected form; ``kk_place_names.txt``: names never cut;
- ``resources/kk_common_in_names.txt``: common words (Оңтүстік, Ұлттық, Республикасы) whose lemma stays
  lower-case when they are capitalised inside a name, as UD Kazakh-KTB writes them;
- ``resources/kk_analyses.tsv``: the analyser's own output for the KazNERD train forms and those of the
  unlabelled articles behind ``ner/clusters.tsv``, precomputed (a cache, ``tools/build_analyses.py``).

For a word, every way of stripping suffixes along a path of the grammar is tried (vowel harmony and consonant
assimilation checked at each step, к/қ/п voicing and the dropped vowel of орын/орны restored at the stem);
the analysis whose stem the lexicon knows and that explains most of the word wins. A word the lexicon does
not know at all (a foreign proper name such as Гейдарұлы, Мирзиёев) still loses a final case ending when
the ending is unambiguous. Word types repeat, so analyses are cached.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from habar import resources
from habar.morph.phonology import BACK_VOWELS, VOWELS, suffix_harmony

_DEVOICED = {"б": "п", "г": "к", "ғ": "қ"}


@dataclass(frozen=True)
class Morpheme:
    slot: str
    tag: str
    feats: str
    form: str
    after_classes: frozenset[str]
    after_tags: frozenset[str]
    penalty: float
    harmony: bool = True
    after_ends: tuple[str, ...] = ()  # "=ла": may follow a left context that ends in these letters


@dataclass(frozen=True, eq=False)
class Path:
    name: str
    pos: str
    stem: str
    slots: tuple[str, ...]
    required: frozenset[str]
    excluded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its lemma, UPOS and UD features."""

    lemma: str
    pos: str
    feats: str


class Grammar:
    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in data["classes"].items()}
        self.class_of: dict[str, str] = {}
        for name, letters in self.classes.items():
            for ch in letters:
                self.class_of.setdefault(ch, name)
        self.paths = [Path(p["name"], p["pos"], p["stem"], tuple(p["slots"]), frozenset(p.get("required", [])),
                           frozenset(p.get("excluded", []))) for p in data["path"]]
        self.name_endings: list[str] = list(data.get("names", {}).get("keep_endings", []))
        self.name_whole: list[str] = list(data.get("names", {}).get("keep_whole", []))
        self.surname_endings: list[str] = list(data.get("names", {}).get("surname_endings", []))
        self.patronymic_endings: list[str] = list(data.get("names", {}).get("patronymic_endings", []))
        self.derived: list[tuple[str, frozenset[str], tuple[str, ...]]] = []
        for spec in data.get("derived", {}).get("noun_suffixes", []):
            form, _, after = spec.partition(":")
            names = [a for a in after.split(",") if a]
            self.derived.append((form, frozenset(a for a in names if not a.startswith("=")),
                                 tuple(a[1:] for a in names if a.startswith("="))))
        self.search_derived: list[str] = list(data.get("derived", {}).get("search_suffixes", []))
        self.by_slot: dict[str, list[Morpheme]] = {}
        for m in data["morpheme"]:
            for spec in m["forms"]:
                form, _, after = spec.partition(":")
                names = [a for a in after.split(",") if a]
                self.by_slot.setdefault(m["slot"], []).append(Morpheme(
                    slot=m["slot"], tag=m["tag"], feats=m["feats"], form=form,
                    after_classes=frozenset(a for a in names if a[0] not in "@="),
                    after_tags=frozenset(a[1:] for a in names if a.startswith("@")),
                    after_ends=tuple(a[1:] for a in names if a.startswith("=")),
                    penalty=float(m.get("penalty", 0.0)) + float(m.get("form_penalty", {}).get(form, 0.0)),
                    harmony=bool(m.get("harmony", True))))
        self.index: dict[str, dict[str, list[Morpheme]]] = {}
        for slot, morphemes in self.by_slot.items():
            for m in morphemes:
                self.index.setdefault(slot, {}).setdefault(m.form, []).append(m)
        self.longest = max(len(m.form) for ms in self.by_slot.values() for m in ms)
        self.sizes: dict[str, list[int]] = {slot: sorted({len(f) for f in forms}) for slot, forms in self.index.items()}


@cache
def grammar() -> Grammar:
    g = Grammar(resources.toml("morph_suffixes.toml"))
    _CLASS_OF.update(g.class_of)
    return g


_CLASS_OF: dict[str, str] = {}


@cache
def lexicon() -> dict[str, str]:
    """Stem -> 'N' (any word) or 'V' (verb stem)."""
    out: dict[str, str] = {}
    for name in ("kk_stems.tsv", "kk_stems_extra.tsv"):
        for line in resources.read_text(name).splitlines():
            if not line or line.startswith("#"):
                continue
            word, _, kind = line.partition("\t")
            word = word.lower()
            kind = "V" if kind == "VO" else kind
            if kind == "V" or word not in out:
                out[word] = kind or "N"
    return out


_VERB_LINE = re.compile(r"\tVO?$", re.M)


@cache
def verb_stems() -> frozenset[str]:
    """The lexicon's verb stems (kind V or VO), lower-cased: the stems of which ``lexicon().get(stem) == "V"``.

    Read straight from the TSV files without building :func:`lexicon`: a search query needs only these few
    thousand, and parsing the whole 1 MB lexicon into a dict cost every ``habar search`` about 0.1 s."""
    out: set[str] = set()
    for name in ("kk_stems.tsv", "kk_stems_extra.tsv"):
        text = resources.read_text(name)
        for m in _VERB_LINE.finditer(text):
            out.add(text[text.rfind("\n", 0, m.start()) + 1: m.start()].lower())
    return frozenset(out)


CORPUS_STEM_SEEN = 3  # a word the corpus has this often, with this many forms of its noun paradigm, is a stem
# ... unless it ends like a 3rd person possessive or its accusative: нарқы, режимі, отбасын are forms of нарық,
# режим, отбасы, and the corpus declines them again (нарқының, режимін)
_POSSESSIVE_LOOKALIKE_ENDS = ("ы", "і", "н")


@cache
def stem_lexicon() -> dict[str, str]:
    """The lexicon plus the nouns the corpus attests that the dictionary lacks (өнім: өнімдері, өнімнің)."""
    out = dict(lexicon())
    counts = paradigm_counts()
    for word, count in word_freq().items():
        if (word not in out and count >= CORPUS_STEM_SEEN and counts.get(word, 0) >= CORPUS_STEM_SEEN
                and not word.endswith(_POSSESSIVE_LOOKALIKE_ENDS)):
            out[word] = "N"
    return out


@cache
def verb_only() -> frozenset[str]:
    """Verb stems that are no word of the dictionary on their own (kind VO in kk_stems.tsv: мой- from мою)."""
    only: set[str] = set()
    words: set[str] = set()
    for line in resources.read_text("kk_stems.tsv").splitlines():
        if line and not line.startswith("#"):
            word, _, kind = line.partition("\t")
            (only if kind == "VO" else words).add(word.lower())
    return frozenset(only - words - extra_stems())


# Scoring of a reading (tuned on UD Kazakh-KTB dev): letters explained by suffixes, minus these.
MORPHEME_COST = 0.2  # each suffix stripped (plus the suffix's own penalty in morph_suffixes.toml)
WHOLE_WORD_BONUS = 0.5  # the dictionary knows the whole word (it also lists some inflected forms)
SHORT_STEM_COST = 2.0  # a stem of two letters not in kk_stems_extra.tsv (ба, ке are rarely the lemma)
FREQ_WEIGHT = 0.3  # times log(count of the stem / count of the word) in KazNERD train
UNSEEN_STEM_WEIGHT = 0.3  # the same when the stem never occurs on its own (пайда, not пай+да)
UNATTESTED_PARADIGM_COST = 0.5  # a split whose stem has no other attested form, the whole word being known
BARE_VOWEL_COST = 0.5  # a known whole word read as a verb stem + a one-letter converb or present -а/-е/-й
VERB_ONLY_COST = 1.0  # noun endings on a stem the dictionary has only as a verb
PARADIGM_SEEN = 8  # ... unless the corpus has this many other forms of its noun paradigm (түрі -> түр)
VOICING_BONUS = 0.3  # к/қ/п restored at the stem's end (кітабы -> кітап)
VOWEL_RESTORE_COST = -0.5  # a dropped vowel restored (орны -> орын)
LEXICALISED_SEEN = 2  # a word the dictionary lists whole and the corpus has this often is no denominal verb
# form (жүздеген "hundreds", біртіндеп "gradually", жекелеген "certain")


@cache
def extra_stems() -> frozenset[str]:
    """Stems habar lists itself (kk_stems_extra.tsv): trusted even when short (ал, де, е)."""
    return frozenset(line.split("\t")[0] for line in resources.read_text("kk_stems_extra.tsv").splitlines()
                     if line and not line.startswith("#"))


@cache
def proper_names() -> frozenset[str]:
    """Capitalised entries of the stem lexicon (personal names)."""
    out = set()
    for line in resources.read_text("kk_stems.tsv").splitlines():
        word = line.split("\t")[0]
        if word[:1].isupper():
            out.add(word)
    return frozenset(out)


@cache
def word_freq() -> dict[str, int]:
    """How often each lower-cased form occurs in KazNERD's train split (resources/kk_word_freq.tsv)."""
    out: dict[str, int] = {}
    for line in resources.read_text("kk_word_freq.tsv").splitlines():
        if line and not line.startswith("#"):
            word, _, count = line.partition("\t")
            out[word] = int(count)
    return out


@cache
def noun_endings() -> frozenset[str]:
    """Endings of one or two noun suffixes (case, possessive, plural, attributive), as they are written."""
    g = grammar()
    single = {m.form for slot in ("case", "poss", "plur", "attr") for m in g.by_slot.get(slot, ()) if m.form}
    left = [*g.by_slot.get("plur", []), *g.by_slot.get("poss", [])]
    right = [*g.by_slot.get("case", []), *g.by_slot.get("poss", [])]
    pairs = {a.form + b.form for a in left for b in right if a.form and b.form and a.slot != b.slot}
    return frozenset(single | pairs)


@cache
def paradigm_counts() -> dict[str, int]:
    """Surface stem -> how many corpus forms (kk_word_freq.tsv types) are that stem plus a noun ending."""
    return _stem_counts(noun_endings())


def _stem_counts(endings: frozenset[str]) -> dict[str, int]:
    """Surface stem -> how many corpus forms are that stem plus one of ``endings`` (stems keep 2+ letters)."""
    longest = max(len(e) for e in endings)
    out: dict[str, int] = {}
    for form in word_freq():
        for k in range(1, min(longest, len(form) - 2) + 1):
            if form[-k:] in endings:
                out[form[:-k]] = out.get(form[:-k], 0) + 1
    return out


@cache
def verb_paradigm_counts() -> dict[str, int]:
    """Surface verb stem -> how many corpus forms are that stem plus a tense or nonfinite suffix of two
    letters or more (барды, барған, барып, бару ...: the verb's own forms, not its converb in -а)."""
    g = grammar()
    endings = frozenset(m.form for slot in ("tense", "nonfinite") for m in g.by_slot.get(slot, ())
                        if len(m.form) >= 2) | {"у", "п"}
    return _stem_counts(endings)


def _paradigm_support(stem: str, word: str) -> int:
    """Corpus forms of ``stem``'s noun paradigm other than ``word`` itself."""
    count = paradigm_counts().get(stem, 0)
    if count and word in word_freq() and word[len(stem):] in noun_endings():
        count -= 1
    return count


@cache
def place_names() -> frozenset[str]:
    """Place names that are lemmas as they stand (resources/kk_place_names.txt)."""
    return frozenset(resources.word_list("kk_place_names.txt"))


@cache
def common_in_names() -> frozenset[str]:
    """Common words whose lemma stays lower-case when capitalised in a name (kk_common_in_names.txt)."""
    return frozenset(resources.word_list("kk_common_in_names.txt"))


@cache
def surname_endings() -> tuple[str, ...]:
    """Endings that mark a surname or patronymic ([names] surname_endings in morph_suffixes.toml)."""
    return tuple(grammar().surname_endings)


@cache
def name_endings() -> tuple[str, ...]:
    """Endings of names that look like a possessive but are part of the name (-ұлы, -қызы)."""
    return tuple(grammar().name_endings)


@cache
def closed_words() -> dict[str, Analysis]:
    out: dict[str, Analysis] = {}
    for line in resources.read_text("morph_words.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("form\t"):
            continue
        form, lemma, upos, feats = line.split("\t")
        out[form] = Analysis(lemma, upos, "" if feats == "_" else feats)
    return out


@lru_cache(maxsize=100_000)
def _harmony(word: str) -> str:
    """'back', 'front' or 'any': which suffix vowels may follow ``word`` (last unambiguous vowel decides)."""
    if word[-1:] in ("у", "и", "ю"):
        return "any"  # Баку+ге, Тбилиси+ге: a final у/и takes either harmony in loanwords
    if word[-1:] in ("к", "г") and word[-2:-1] in ("н", "р", "л", "с"):
        return "any"  # банкі, мониторингі: a loanword ending in a cluster with к/г may take front suffixes
    has_back = any(ch in BACK_VOWELS for ch in word)
    for ch in reversed(word):
        if ch == "и":
            return "any"  # полковник+і, физик+і, Путин+нің: a loanword's last и takes front suffixes too
        if ch in BACK_VOWELS or ch in "яё":
            return "back"
        if ch in "әөүі":
            return "front"
        if ch == "е":
            # Russian names (Тоқаев) keep back harmony from an earlier back vowel
            return "any" if has_back else "front"
    return "any"


@dataclass
class _Candidate:
    stem: str
    path: Path
    morphemes: list[Morpheme]


_Trie = dict[str, tuple[list[tuple[int, "Morpheme"]], "_Trie"]]


@cache
def _reachable(path: Path, slot_index: int) -> tuple[list[tuple[int, Morpheme]], _Trie]:
    """Forms that may come next when stripping along ``path`` from ``slot_index``, as (slot position,
    morpheme) pairs: those with an empty form, and a trie of the others read from their last letter. A
    required slot cannot be skipped."""
    g = grammar()
    empty: list[tuple[int, Morpheme]] = []
    trie: _Trie = {}
    for i in range(slot_index, len(path.slots)):
        slot = path.slots[i]
        for m in g.by_slot.get(slot, ()):
            if not m.form:
                empty.append((i, m))
                continue
            node = trie
            for k, ch in enumerate(reversed(m.form)):
                entry = node.setdefault(ch, ([], {}))
                if k == len(m.form) - 1:
                    entry[0].append((i, m))
                node = entry[1]
        if slot in path.required:
            break
    return empty, trie


def _strip(word: str, path: Path, slot_index: int, morphemes: list[Morpheme], out: list[_Candidate],
           harmony_check: bool = True, complete: bool | None = None, shortest: int = 0) -> None:
    """Collect every segmentation of ``word`` along ``path``'s slots from ``slot_index`` leftwards.

    ``complete``: whether the morphemes stripped so far include the path's required slot; ``shortest``: no
    stem shorter than this is wanted."""
    if complete is None:
        complete = not path.required
    if complete:
        out.append(_Candidate(word, path, morphemes[::-1]))
    empty, trie = _reachable(path, slot_index)
    longest = len(word) - max(2, shortest)
    if empty and longest >= 0:
        _strip_with(word, empty, path, morphemes, out, harmony_check, complete, shortest)
    node = trie
    for size in range(1, longest + 1):
        entry = node.get(word[-size])
        if entry is None:
            break
        found, node = entry
        if found:
            _strip_with(word[:-size], found, path, morphemes, out, harmony_check, complete, shortest)


def _strip_with(left: str, found: list[tuple[int, Morpheme]], path: Path, morphemes: list[Morpheme],
                out: list[_Candidate], harmony_check: bool, complete: bool, shortest: int) -> None:
    """Strip each of ``found`` (forms that end the word, leaving ``left``) and go on leftwards."""
    stem_h = _harmony(left) if harmony_check else "any"
    for i, m in found:
        if not _allowed(m, left, morphemes):
            continue
        if m.harmony and stem_h != "any":
            harmony = suffix_harmony(m.form)
            if harmony != "any" and stem_h != harmony:
                continue
        _strip(left, path, i + 1, [*morphemes, m], out, harmony_check, complete or m.slot in path.required,
               shortest)


@cache
def _split_paths() -> list[tuple[Path | None, Path]]:
    """Each path as (shared prefix, rest): paths that begin with the same optional slots (the noun endings
    that verbal nouns take too) strip those once per word."""
    paths = grammar().paths
    out: list[tuple[Path | None, Path]] = []
    for path in paths:
        best: tuple[str, ...] = ()
        for other in paths:
            if other is path:
                continue
            n = 0
            while (n < min(len(path.slots), len(other.slots)) and path.slots[n] == other.slots[n]
                   and path.slots[n] not in path.required and other.slots[n] not in other.required):
                n += 1
            best = max(best, path.slots[:n], key=len)
        if not best:
            out.append((None, path))
            continue
        prefix = _prefix_path(best)
        rest = Path(path.name, path.pos, path.stem, path.slots[len(best):], path.required, path.excluded)
        out.append((prefix, rest))
    return out


@cache
def _prefix_path(slots: tuple[str, ...]) -> Path:
    return Path("prefix", "", "", slots, frozenset())


def _segment(word: str, harmony_check: bool = True, shortest: int = 0) -> list[_Candidate]:
    """Every segmentation of ``word`` along every path of the grammar (shared slot prefixes stripped once)."""
    out: list[_Candidate] = []
    prefixes: dict[int, list[_Candidate]] = {}
    for prefix, rest in _split_paths():
        if prefix is None:
            _strip(word, rest, 0, [], out, harmony_check, shortest=shortest)
            continue
        splits = prefixes.get(id(prefix))
        if splits is None:
            splits = prefixes[id(prefix)] = []
            _strip(word, prefix, 0, [], splits, harmony_check, shortest=shortest)
        for split in splits:
            _strip(split.stem, rest, 0, split.morphemes[::-1], out, harmony_check, shortest=shortest)
    return out


def _end_class(text: str) -> str | None:
    """Letter class of the end of ``text``. A final у is the consonant [w] (тауы, күйеуі, not -сы), after a
    consonant too, where it is [uw]: су -> суы, суды; алу -> алуды, алуының (not алуны)."""
    last = text[-1]
    if last == "у" and len(text) > 1:
        return "sonorant"
    return _CLASS_OF.get(last)


_NOUN_SLOTS = frozenset({"case", "attr"})


def _class_fits(text: str, m: Morpheme) -> bool:
    """May ``m`` follow the end of ``text`` (its letter class)? A final и is [ɪj]: a case ending takes the
    form it has after a vowel or after a sonorant (Хаменеидің, Пехлевиді as well as таксиге); other suffixes
    do not (қиын is a word, not қи + -ы + -н)."""
    if m.after_ends and text.endswith(m.after_ends):
        return True
    cls = _end_class(text)
    return cls in m.after_classes or (cls == "vowel" and text[-1] == "и" and m.slot in _NOUN_SLOTS
                                      and "sonorant" in m.after_classes)


def _allowed(m: Morpheme, left: str, right: list[Morpheme]) -> bool:
    """May ``m`` follow ``left``? A class condition looks at the last letter now. A tag condition concerns
    the morpheme that will end up to its left, not stripped yet: ``_valid`` checks it on the whole reading."""
    if m.after_tags:
        return True
    return _class_fits(left, m)


def _valid(c: _Candidate) -> bool:
    """Check tag conditions (e.g. accusative -н only right after a possessive) and class-only conditions,
    and that a morpheme the path excludes comes only in its form after a tag (on a noun the equative is only
    the -нша of a 3rd person possessive: дерегінше, not ақ + -ша)."""
    for k, m in enumerate(c.morphemes):
        prev = c.morphemes[k - 1] if k > 0 else None
        tag_ok = prev is not None and prev.tag in m.after_tags
        if m.tag in c.path.excluded and not tag_ok:
            return False
        stem_part = c.stem + "".join(x.form for x in c.morphemes[:k])
        cls_ok = bool(m.after_classes or m.after_ends) and _class_fits(stem_part, m)
        if m.after_tags and not m.after_classes and not tag_ok:
            return False
        if not cls_ok and not tag_ok:
            return False
        if m.after_tags and prev is not None and prev.tag in m.after_tags:
            continue
        if (prev is not None and prev.slot == "poss" and m.slot == "case" and not tag_ok and prev.tag == "poss3"
                and m.tag != "ins"):
            return False  # after a 3rd person possessive the case takes its н-form (баласына, not баласыға)
    return True


def _desiderative_alone(c: _Candidate) -> bool:
    """A desiderative -ғы with no possessive after it (алғы, соңғы are words, not ал + -ғы), or one that
    makes a word of the dictionary (тұрғы, езгі)."""
    for k, m in enumerate(c.morphemes):
        if m.tag == "desid":
            return (k + 1 >= len(c.morphemes) or c.morphemes[k + 1].slot != "poss"
                    or c.stem + m.form in lexicon())  # тұрғысынан, езгісі: nouns тұрғы, езгі
    return False


def _spoken_first_person(c: _Candidate) -> bool:
    """The spoken present 1st person singular -а-м/-е-м/-й-м (алам, барам, қуам for аламын, барамын)."""
    return (len(c.morphemes) >= 2 and c.morphemes[-1].tag == "p1sg" and c.morphemes[-1].form == "м"
            and c.morphemes[-2].tag == "presx")


def _agent_noun(c: _Candidate) -> str:
    k = next(j for j, m in enumerate(c.morphemes) if m.slot == "agent")
    return c.stem + "".join(m.form for m in c.morphemes[: k + 1])


def _stem_variants(c: _Candidate) -> list[str]:
    stem = c.stem
    variants = [stem]
    first = c.morphemes[0].form[:1] if c.morphemes else ""
    if first == "и" and stem[-1] not in VOWELS:
        # ы/і + й is written и: дами <- дамы + й, оқиды <- оқы + й + ды
        return [stem + ("ы" if _harmony(stem) == "back" else "і")]
    if first == "ю" and stem[-1] in VOWELS:
        variants.append(stem + "й")  # й + the gerund -у is written ю: көбею <- көбей + у, нығаюы <- нығай
    if first in VOWELS and stem[-1] in _DEVOICED:
        variants.append(stem[:-1] + _DEVOICED[stem[-1]])
    if c.morphemes and c.morphemes[0].tag == "conv_p" and len(stem) >= 3 and (
            stem[-2:] + c.morphemes[0].form in ("ауып", "еуіп")):
        variants.append(stem[:-1] + "п")  # the converb of тап-, жап-, кеп- is тауып, жауып, кеуіп
    if (first in VOWELS and first not in "уюи" and c.morphemes[0].slot != "voice" and len(stem) >= 3
            and stem[-1] not in VOWELS and (stem[-2] not in VOWELS or _end_class(stem[:-1]) == "sonorant")):
        # a vowel dropped before a vowel ending comes back (орны -> орын, қорқады -> қорық); not before the
        # gerund -у or a voice suffix (қайтуға is қайт-, ұмтылды is ұмтыл-); у after a vowel is a consonant
        # here too (аузы -> ауыз, аулы -> ауыл)
        vowel = "ы" if _harmony(stem) == "back" else "і"
        variants.append(stem[:-1] + vowel + stem[-1])
    return variants


def _feats(pos: str, morphemes: list[Morpheme]) -> str:
    feats: dict[str, str] = {}
    for m in morphemes:
        for pair in m.feats.split("|"):
            key, _, value = pair.partition("=")
            if key:
                feats[key] = value
    if pos in ("NOUN", "PROPN") and "Case" not in feats:
        feats["Case"] = "Nom"
    if any(m.slot == "nonfinite" for m in morphemes) and "Case" not in feats and any(
            m.slot in ("case", "poss", "plur") for m in morphemes):
        feats["Case"] = "Nom"
    if any(m.slot == "nonfinite" for m in morphemes) and any(m.slot in ("case", "poss") for m in morphemes):
        feats["VerbForm"] = "Ger"
    if any(m.slot == "tense" and m.tag in ("past", "pres", "presx", "fut", "cond", "evid") for m in morphemes):
        feats.setdefault("Person", "3")
        feats.setdefault("Number", "Sing")
    return "|".join(f"{k}={feats[k]}" for k in sorted(feats, key=str.lower))


@cache
def analysis_table() -> dict[str, Analysis]:
    """Analyses of frequent forms computed ahead by tools/build_analyses.py (a cache shipped with habar)."""
    out: dict[str, Analysis] = {}
    for line in resources.read_text("kk_analyses.tsv").splitlines():
        if line and not line.startswith("#"):
            form, lemma, pos, feats = line.split("\t")
            out[form] = Analysis(lemma, pos, feats)
    return out


@lru_cache(maxsize=200_000)
def analyse_word(word: str) -> Analysis:
    """The best analysis of a lower-case word (see the module docstring)."""
    closed = closed_words().get(word)
    if closed is not None:
        return closed
    cached = analysis_table().get(word)
    if cached is not None:
        return cached
    return compute_analysis(word)


def derived_nouns(stem: str) -> list[str]:
    """``stem`` with each noun-forming suffix of the grammar (``[derived] noun_suffixes``: -лық/-лік/-дық/-дік/
    -тық/-тік) that fits its last sound and its harmony: ``италия`` -> ``италиялық``, ``қазақстан`` ->
    ``қазақстандық``, ``ливан`` -> ``ливандық`` (the people of a place, among other things)."""
    low = stem.lower()
    return [low + form for form, classes, ends in grammar().derived if _derives(low, form, classes, ends)]


def _derives(base: str, form: str, classes: frozenset[str], ends: tuple[str, ...]) -> bool:
    """May the noun-forming suffix ``form`` follow ``base``: its last sound (a soft sign is none: Израиль ends in
    л) in one of ``classes`` or one of ``ends``, and its harmony."""
    grammar()  # the letter classes are read with the grammar
    sound = base.rstrip("ьъ")
    return bool(sound) and (_end_class(sound) in classes or sound.endswith(ends)) \
        and _harmony(base) in ("any", suffix_harmony(form))


@lru_cache(maxsize=100_000)
def _derived_noun(stem: str) -> bool:
    """Is ``stem`` a known noun stem plus a noun-forming suffix ([derived] in morph_suffixes.toml)?"""
    if len(stem) < 6 or stem[-1] not in "қк":
        return False
    lex = lexicon()
    for form, classes, ends in grammar().derived:
        if stem.endswith(form):
            base = stem[: -len(form)]
            if len(base) >= 3 and base in lex and _derives(base, form, classes, ends):
                return True
    return False


_DENOMINAL_VERB_SUFFIXES = ("ла", "ле", "да", "де", "та", "те")
# the suffix takes л after a vowel or sonorant, д after voiced consonants and nasals, т after voiceless ones
_DENOMINAL_AFTER = {"л": ("vowel", "sonorant"), "д": ("voiced", "nasal"), "т": ("voiceless",)}


@lru_cache(maxsize=100_000)
def _denominal_verb(stem: str) -> bool:
    """A stem in -ла/-ле (-да/-де, -та/-те) on a known noun is a verb made from the noun (жау -> жаула-, "to
    make war on"), even where the dictionary lists the stem only as a noun, unless the corpus has the stem as a
    word of its own (кезде, сағатта, мақала are the noun's forms, not verb stems)."""
    base = stem[:-2]
    return (len(base) >= 3 and stem not in word_freq() and stem.endswith(_DENOMINAL_VERB_SUFFIXES) and base in lexicon()
            and _end_class(base) in _DENOMINAL_AFTER[stem[-2]])


def _known_stem_ends(word: str, lex: dict[str, str]) -> set[int]:
    out = set()
    for k in range(2, len(word) + 1):
        prefix = word[:k]
        if prefix in lex or _derived_noun(prefix):
            out.add(k)
            continue
        if word[k : k + 1] == "и" and (prefix + "ы" in lex or prefix + "і" in lex):
            out.add(k)  # дами: дамы + й
            continue
        last = prefix[-1]
        voiced = prefix[:-1] + _DEVOICED.get(last, last)
        if last in _DEVOICED and (voiced in lex or _derived_noun(voiced)):
            out.add(k)
        elif k >= 3 and last not in VOWELS and (
                prefix[-2] not in VOWELS or _end_class(prefix[:-1]) == "sonorant") and (
                prefix[:-1] + "ы" + last in lex or prefix[:-1] + "і" + last in lex):
            out.add(k)
    return out


# the possessives of the 1st and 2nd person singular: rare in news on a word no lexicon knows (mostly names
# and loanwords), and their -ым/-ім/-ың/-ің is the end of many such words (ханшайым, not ханшай + -ым)
_PERSONAL_POSSESSIVES = frozenset({"poss1sg", "poss2sg"})


_BARE_VOWEL_FORMS = frozenset({"conv_i", "presx"})
# the future -ар/-ер/-р is also the causative -ар/-ыр of a verb stem (шығар-, қайтар-)
_CAUSATIVE_LOOKALIKES = frozenset({"fut", "part_fut"})


def _unknown_stem_may_take(morphemes: list[Morpheme], stem: str) -> bool:
    """May a stem the lexicon does not know lose these suffixes? Suffixes of two letters or more (and the
    converb -п), and no 1st/2nd person singular possessive; the one-letter 3rd person possessive -ы/-і only
    right after the stem and before a case form that follows nothing else (``-нда``, ``-ның``, ``-н``:
    ``брифинг+і+нде``), which leaves no other reading of those letters."""
    if not morphemes:
        return False
    for k, m in enumerate(morphemes):
        if m.tag in _PERSONAL_POSSESSIVES:
            return False
        if len(m.form) >= 2 or m.tag == "conv_p":
            continue
        if not (k == 0 and m.tag == "poss3" and len(morphemes) > 1 and "poss3" in morphemes[1].after_tags) \
                or _letter_owned(stem, m.form, morphemes[1]):
            return False
    return True


def _letter_owned(stem: str, letter: str, after: Morpheme) -> bool:
    """Whether the possessive letter after ``stem`` belongs to the stem after all: a name ending
    (``Абрарұлы+ның``), an attested word whose bare stem is not (``жеделсаты+ның``), an attested word before the
    equative (``ағылшын+ша``)."""
    freq = word_freq()
    return (stem + letter).endswith(name_endings()) or stem + letter in freq and stem not in freq \
        or after.tag == "equ" and stem + letter + after.form[:1] in freq


def _unknown_analysis(word: str) -> Analysis:
    """Best reading of a word whose stem no lexicon knows (full search, unknown-stem rules only)."""
    candidates = _segment(word)
    best: tuple[float, _Candidate] | None = None
    for c in candidates:
        if not _valid(c) or len(c.stem) < 3 or not _unknown_stem_may_take(c.morphemes, c.stem):
            continue
        score = len(word) - len(c.stem) - sum(m.penalty for m in c.morphemes) - MORPHEME_COST * len(c.morphemes)
        if best is None or score > best[0]:
            best = (score, c)
    if best is None:
        return Analysis(word, "NOUN", "Case=Nom")
    c = best[1]
    return Analysis(c.stem, c.path.pos, _feats(c.path.pos, c.morphemes))


def compute_analysis(word: str, trace: list[tuple[float, str, str, str, bool]] | None = None) -> Analysis:
    """Analyse a lower-case word with the suffix grammar and the lexicon (no table, no cache).

    ``trace``: when given, every scored reading is appended to it as (score, stem, path, suffixes, known)."""
    if "-" in word:
        head, _, tail = word.rpartition("-")
        if head and tail:
            tail_analysis = _analyse_suffixes_only(tail)
            if tail_analysis is not None:
                return Analysis(head, tail_analysis.pos, tail_analysis.feats)
            inner = analyse_word(tail)
            return Analysis(f"{head}-{inner.lemma}", inner.pos, inner.feats)
    whole_known = word in lexicon()
    lex = stem_lexicon()
    # lengths at which a known stem (or its voiced / vowel-dropped form) ends: only those need exploring
    known_ends = _known_stem_ends(word, lex)
    shortest = min(known_ends) if known_ends else 0
    candidates = _segment(word, shortest=shortest)
    if known_ends:
        candidates = [c for c in candidates if len(c.stem) in known_ends]
    freq = word_freq()
    verb_best: dict[str, tuple[float, _Candidate]] = {}
    best: tuple[float, _Candidate, str] | None = None
    unknown_best: tuple[float, _Candidate, str] | None = None
    for c in candidates:
        if not _valid(c):
            continue
        cost = sum(m.penalty for m in c.morphemes) + MORPHEME_COST * len(c.morphemes)
        if c.path.name == "verbal_noun" and _desiderative_alone(c):
            continue
        if c.path.name == "agent" and _agent_noun(c) in lex and (
                len(c.morphemes) > 1 or paradigm_counts().get(_agent_noun(c), 0) > 0):
            # a lexicalised agent noun keeps its -ушы (сайлаушы, сайлаушылар), as in UD Kazakh-KTB, when it is
            # declined here or in the corpus; one the corpus never declines is the verb's participle-like use
            # (атқарушы билік, айтушы -> айт)
            continue
        if (c.path.stem == "V" and c.morphemes and c.morphemes[0].tag in _CAUSATIVE_LOOKALIKES
                and lex.get(c.stem + c.morphemes[0].form) == "V"):
            continue  # шығарды is шығар- (a causative, kept as UD does) + -ды, not шық + -ар + -ды
        spoken_1sg = _spoken_first_person(c)
        for variant in _stem_variants(c):
            if spoken_1sg and (variant != c.stem or (whole_known and word in freq) or any(
                    word[:-1] + ending in freq for ending in ("сы", "сі", "ның", "нің"))):
                # қоғам, ағам are nouns, not қоқ-, ақ- + -а-м; атам is ата + -м: the corpus declines ата
                continue
            kind = lex.get(variant) or (
                "N" if c.path.stem == "N" and not whole_known and _derived_noun(variant) else None)
            known = kind is not None and (c.path.stem != "V" or kind == "V" or (
                _denominal_verb(variant) and not any(m.slot == "voice" for m in c.morphemes)
                and not (whole_known and freq.get(word, 0) >= LEXICALISED_SEEN)))
            # prefer the reading that explains most of the word with a known stem
            score = len(word) - len(c.stem) - cost
            if variant != c.stem:
                # к/қ/п voiced before a vowel (шаруашылығы <- шаруашылық) is regular; a restored vowel less so
                if len(variant) == len(c.stem):
                    score += VOICING_BONUS
                elif not variant.startswith(c.stem):  # дамы from дам+и costs nothing; ауыз from ауз+ы does
                    score += VOWEL_RESTORE_COST
            if not c.morphemes:
                score += WHOLE_WORD_BONUS
            elif whole_known and len(c.morphemes) == 1 and len(word) - len(c.stem) == 1 and (
                    c.morphemes[0].tag in _BARE_VOWEL_FORMS) and verb_paradigm_counts().get(c.stem, 0) < 2:
                # a word the dictionary knows whole, read as a verb stem + a bare -а/-е/-й, when the corpus has
                # hardly any other form of that verb (жара, қара, талай; not бара, бола, келе)
                score -= BARE_VOWEL_COST
            if len(variant) <= 2 and variant not in extra_stems():
                score -= SHORT_STEM_COST
            if c.path.stem == "N" and c.morphemes and variant in verb_only():
                score -= VERB_ONLY_COST  # a bare verb stem takes no noun endings (мойындағы is not мой + ...)
            if known and c.path.stem == "V" and kind == "V" and (
                    verb_best.get(variant) is None or score > verb_best[variant][0]):
                verb_best[variant] = (score, c)
            if c.path.stem == "N" and c.morphemes:
                # a stem that is itself a common word (ел in елде) beats a whole form that is (пайда, not пай+да)
                # (a stem the corpus attests is not held back because its inflected form is commoner: негізі)
                stem_count = freq.get(variant, 0)
                delta = math.log1p(stem_count) - math.log1p(freq.get(word, 0))
                if delta > 0:
                    score += FREQ_WEIGHT * delta
                elif stem_count == 0:
                    support = _paradigm_support(c.stem, word)
                    if support < PARADIGM_SEEN or (len(c.stem) < 3 and c.stem not in extra_stems()):
                        score += UNSEEN_STEM_WEIGHT * delta
                    if whole_known and variant == c.stem and support == 0:
                        # neither the stem nor any other form of its paradigm occurs in the corpus, while the
                        # dictionary knows the whole word: пайда, шілде are words, not пай+да, шіл+де (a voiced
                        # stem, айғағы <- айғақ, is evidence enough: the dictionary lists such inflected forms)
                        score -= UNATTESTED_PARADIGM_COST
            elif c.path.name == "verbal_noun":
                # the same for the verbal noun the word declines (енгізу in енгізуге)
                k = next(j for j, m in enumerate(c.morphemes) if m.slot == "nonfinite")
                base = c.stem + "".join(m.form for m in c.morphemes[: k + 1])
                if base != word:
                    score += FREQ_WEIGHT * (math.log1p(freq.get(base, 0)) - math.log1p(freq.get(word, 0)))
            if trace is not None:
                trace.append((round(score, 2), variant, c.path.name, "+".join(m.form for m in c.morphemes), known))
            if known:
                if best is None or score > best[0]:
                    best = (score, c, variant)
            elif not whole_known and len(variant) >= 3 and _unknown_stem_may_take(c.morphemes, variant):
                if unknown_best is None or score > unknown_best[0]:
                    unknown_best = (score, c, variant)
    if best is None and known_ends and not whole_known:
        return _unknown_analysis(word)  # the known stems led nowhere: analyse as an unknown word
    if best is not None and best[1].path.stem == "N" and best[1].morphemes and best[2] in verb_best:
        # same stem, same split: a verb stem reads -ды as the past tense (алды, жазды), not the accusative
        verb_c = verb_best[best[2]][1]
        if [m.form for m in verb_c.morphemes] == [m.form for m in best[1].morphemes] and any(
                m.tag == "past" for m in verb_c.morphemes):
            best = (best[0], verb_c, best[2])
    if best is not None and best[1].path.stem == "V" and best[1].morphemes and best[1].morphemes[0].tag == "pres":
        # -ады/-еді is -а/-е + -ды/-ді: the present-future of a consonant stem (жаз+ады) and the past of the stem
        # ending in that vowel (жаса+ды) are one string; where both are verbs, the one the corpus inflects more
        # is the verb (жасады, қарады, сынады are past tenses of жаса-, қара-, сына-)
        longer = best[2] + best[1].morphemes[0].form[0]
        past = verb_best.get(longer)
        counts = verb_paradigm_counts()
        if past is not None and past[1].morphemes and past[1].morphemes[0].tag == "past" \
                and counts.get(longer, 0) >= counts.get(best[2], 0):
            best = (past[0], past[1], longer)
    chosen = best or (None if whole_known else unknown_best)
    if chosen is None:
        return Analysis(word, "NOUN", "Case=Nom")
    _, c, variant = chosen
    return Analysis(variant, c.path.pos, _feats(c.path.pos, c.morphemes))


@lru_cache(maxsize=50_000)
def noun_reading(word: str, stem: str) -> Analysis | None:
    """The reading of ``word`` as the noun ``stem`` with the endings the grammar allows after it (plural,
    possessive, case, the attributive -дағы; a time word's adjective in -ғы/-гі: ``жылғы``, ``көктемгі``, read
    as ADJ), harmony and letter classes checked, or None.

    For closed word lists whose words the lexicon may read otherwise (``тамызда`` is тамыз + -да, though the
    best reading of the word alone splits it as та-); ``stem`` and ``word`` in lower case."""
    if word == stem:
        return Analysis(stem, "NOUN", "Case=Nom")
    if not word.startswith(stem[:-1]) or len(word) <= len(stem):
        return None
    for m in grammar().by_slot.get("tempattr", ()):
        if word == stem + m.form and _class_fits(stem, m) and _harmony(stem) in ("any", suffix_harmony(m.form)):
            return Analysis(stem, "ADJ", "")
    # a final к/қ/п is voiced before a vowel (аяқ -> аяғында, аралық -> аралығы)
    stems = {stem, stem[:-1] + _VOICED[stem[-1]]} if stem[-1:] in _VOICED else {stem}
    for path in grammar().paths:
        if path.pos != "NOUN" or path.name != "noun":
            continue
        found: list[_Candidate] = []
        _strip(word, path, 0, [], found, shortest=len(stem))
        for c in found:
            if c.stem in stems and c.morphemes and _valid(c):
                return Analysis(stem, "NOUN", _feats("NOUN", c.morphemes))
    return None


_VOICED = {"к": "г", "қ": "ғ", "п": "б"}


@lru_cache(maxsize=50_000)
def derived_reading(word: str, base: str) -> Analysis | None:
    """The reading of ``word`` as ``base`` + a noun-forming suffix of ``[derived] noun_suffixes`` (-лық/-лік,
    -дық/-дік, -тық/-тік) + endings (``сағаттық`` -> сағат, ``жылдығымен`` -> жыл), or None; the lemma is the
    derived noun (``жылдық``)."""
    for form, classes, ends in grammar().derived:
        stem = base + form
        if word.startswith(stem[:-1]) and _derives(base, form, classes, ends):
            reading = noun_reading(word, stem)
            if reading is not None:
                return Analysis(stem, "NOUN", reading.feats)
    return None


def _analyse_suffixes_only(tail: str) -> Analysis | None:
    """A tail after a hyphen that is only an ending (АҚШ-пен, 35-те, 2015-жылғы is not)."""
    g = grammar()
    for slot in ("case", "attr", "poss", "plur"):
        for m in g.by_slot.get(slot, ()):
            if m.form == tail:
                return Analysis("", "NOUN", _feats("NOUN", [m]))
    return None


def analyse_unknown_name(word: str) -> Analysis:
    """A proper name: strip one case ending (and a possessive before it) without asking the lexicon."""
    lower = word.lower()
    if word in place_names():
        return Analysis(word, "PROPN", "Case=Nom")
    g = grammar()
    candidates: list[_Candidate] = []
    _strip(lower, g.paths[0], 0, [], candidates, harmony_check=False)  # foreign names: Йорктің
    best: tuple[float, _Candidate] | None = None
    for c in candidates:
        if not _valid(c) or len(c.stem) < 3 or any(m.slot == "plur" for m in c.morphemes):
            continue
        if any(0 <= lower.rfind(end) < len(c.stem) < lower.rfind(end) + len(end) for end in g.name_whole):
            continue  # Хұзыстан, not Хұзыс + -тан
        if any(m.tag == "ins" for m in c.morphemes) and len(c.stem) < 4:
            continue  # Ахемен, not Ахе + -мен
        if c.morphemes and c.morphemes[-1].slot == "poss" and c.morphemes[-1].tag != "poss3":
            continue
        if c.morphemes and c.morphemes[0].slot == "poss" and (
                c.stem + c.morphemes[0].form).endswith(name_endings()):
            continue  # patronymics keep their -ұлы/-қызы: Гейдарұлының -> Гейдарұлы
        if any(m.slot == "poss" for m in c.morphemes) and not any(m.slot in ("case", "attr") for m in c.morphemes):
            continue
        score = len(lower) - len(c.stem) + (10 if word[: len(c.stem)] in place_names() else 0)
        if best is None or score > best[0]:
            best = (score, c)
    if best is None:
        return Analysis(word, "PROPN", "Case=Nom")
    c = best[1]
    return Analysis(word[: len(c.stem)], "PROPN", _feats("PROPN", c.morphemes))


def _is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text.split("-", 1)[0])


def _number_lemma(text: str) -> str:
    """A percentage's lemma is its number (51% -> 51, as UD Kazakh-KTB writes it)."""
    return text[:-1] if text.endswith("%") and len(text) > 1 else text


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


@lru_cache(maxsize=200_000)
def analyse(text: str, sentence_start: bool = False) -> Analysis:
    """Lemma, UPOS and features of one token in context: ``sentence_start`` says a capital means nothing."""
    if _is_punct(text):
        return Analysis(text, "PUNCT", "")
    if _is_number(text):
        head, _, tail = text.partition("-")
        feats = "NumType=Card"
        if tail:
            ending = _analyse_suffixes_only(tail.lower())
            if ending is not None and ending.feats:
                feats = ending.feats + "|NumType=Card"
            return Analysis(_number_lemma(head), "NUM", "|".join(sorted(feats.split("|"), key=str.lower)))
        return Analysis(_number_lemma(text), "NUM", feats)
    lower = text.lower()
    capital = text[:1].isupper()
    if not capital and any(ch.isdigit() for ch in text) and not text.islower():
        reading = analyse_word(lower)  # 19,4°С-қа: a unit written in capitals keeps them
        if lower.startswith(reading.lemma):
            return Analysis(text[: len(reading.lemma)], reading.pos, reading.feats)
        return reading
    if not capital:
        head, _, tail = text.partition("-")
        if head and tail[:1].isupper():  # ас-Саудтың, әл-Аббас: an article before a name
            name = analyse(tail)
            return Analysis(f"{head}-{name.lemma}", name.pos, name.feats)
        return analyse_word(lower)
    closed = closed_words().get(lower)
    if closed is not None and (sentence_start or closed.pos not in ("NOUN",)):
        return closed
    if text.isupper() and len(text) > 1 and "-" not in text:
        return Analysis(text, "PROPN", "Case=Nom")
    if text in place_names() and lower not in common_in_names():
        return Analysis(text, "PROPN", "Case=Nom")
    reading = analyse_word(lower)
    if reading.lemma in common_in_names():
        return reading  # Оңтүстік Қазақстан: оңтүстік (UD's convention for common words in names)
    names = proper_names()
    for size in (len(reading.lemma), len(text)):
        if text[:size] in names:
            return Analysis(text[:size], "PROPN", reading.feats if size < len(text) else "Case=Nom")
    if sentence_start and not _name_shaped(text):
        # the first word of a sentence that is not a known name, that the document does not write
        # capitalised inside a sentence and that is not shaped like a name, is read as a common word (Пойыз,
        # Ләкин, Ата-аналардың)
        return reading
    known = reading.lemma in lexicon() or lower in lexicon()
    if "-" in text:
        head, _, tail = text.rpartition("-")
        ending = _analyse_suffixes_only(tail.lower())
        if ending is not None:
            return Analysis(head, "PROPN", ending.feats)
    if known and reading.lemma == lower:
        # the lexicon lists some inflected names whole (мәскеуде): a case ending still comes off
        name = analyse_unknown_name(text)
        if name.lemma != text:
            return name
    if known and reading.pos != "VERB":
        lemma = text[: len(reading.lemma)] if lower.startswith(reading.lemma) else reading.lemma.capitalize()
        return Analysis(lemma, "PROPN", reading.feats)
    return analyse_unknown_name(text)


def _name_shaped(text: str) -> bool:
    """A surname by its ending (Мирзиёев, Назарбаева, Гейдарұлы, Зеленский, with or without a case ending),
    or a hyphenated word with a capital after the hyphen (Қасым-Жомарт)."""
    head, _, tail = text.rpartition("-")
    if head and tail[:1].isupper():
        return True
    return analyse_unknown_name(text).lemma.lower().endswith(surname_endings())


@lru_cache(maxsize=100_000)
def lemmatize(text: str) -> str:
    """The lemma of a word or a name: ``lemmatize("Тоқаевтың") == "Тоқаев"``.

    A multi-word name is folded on its last word: ``"Ильхам Гейдарұлы Әлиевке"`` -> ``"Ильхам Гейдарұлы
    Әлиев"``. Capitalised words are read as proper names; the case of the input is kept.
    """
    words = text.split()
    if not words:
        return text
    last = words[-1]
    reading = analyse(last, sentence_start=False)
    lemma = reading.lemma
    if last[:1].isupper() and lemma.lower() == last.lower()[: len(lemma)]:
        lemma = last[: len(lemma)]
    return " ".join([*words[:-1], lemma])


_ATTRIBUTIVE_ENDINGS = ("ты", "ті", "ды", "ді")


@lru_cache(maxsize=20_000)
def attributive_reading(text: str, reading: Analysis) -> Analysis | None:
    """The adjective reading of a word in -ты/-ті/-ды/-ді (with/having: басты, қасиетті, ақылды) that the
    dictionary lists whole and the analyser read as a noun's accusative or a past tense, else None. Only the
    word after it tells (a noun in the nominative, a copula): the morph stage asks, with that context."""
    lower = text.lower()
    if not lower.endswith(_ATTRIBUTIVE_ENDINGS) or lower not in lexicon() or reading.lemma == lower:
        return None
    if not (reading.pos == "NOUN" and "Case=Acc" in reading.feats) and not (
            reading.pos == "VERB" and "Tense=Past|VerbForm=Fin" in reading.feats):
        return None
    return Analysis(lower, "ADJ", "")
