"""The one Arabic analysis used at index time, at query time and for highlighting.

Pure Python (the folding is ``arabic.fold``): text in, tokens out. Each token keeps its offsets in the
original text so the highlighter can mark exactly the words that matched.

Three steps, each a public function:

- ``tokens(text)`` finds the words: runs of Arabic letters (with their marks, tatweel, zero-width and
  bidi controls), runs of Latin letters, runs of digits (Western, Arabic-Indic or Persian). A digit run
  glued to letters ("1432هـ", "20شعبان", "رقم474بتاريخ") is its own token.
- ``normalise(word)`` makes spelling variants one form (see its docstring).
- ``stem(word)`` is a light stemmer (article and proclitics, plural, feminine, nisba and pronoun
  suffixes). It was chosen by measurement against Snowball, Tashaphyne, ISRI and Lucene's ArabicAnalyzer
  on ``tests/search_eval/queries.json`` (``bench/candidates.py``, from before issue 11); today
  ``bench/relevance.py`` measures the served search against Lucene on that set and the held-out one.

The stemmer is corpus-aware but deterministic. A single-letter proclitic is taken off only when what
remains is a word attested in ``search/data/vocabulary.txt`` (generated from the bundled corpus by
``bench/build_vocabulary.py`` and committed, with counts): the conjunction و/ف whenever the rest is
attested (وكشمير → كشمير, وحق → حق), a preposition ب/ل/ك when the rest is attested at least as often as
the whole word (بقرار → قرار, لمبادرة → مبادرة; لجنة, بحث, وزراء stay). The suffixes ون ين ان go when
at least four letters remain, or three that are attested (بلدان → بلد; تعاون, اعلان, قانون stay).
Words the vocabulary does not know fall back to a length rule, and keep their first letter when what is
left after a pronoun is a known word (بلادنا is بلاد + نا, وفودهم is وفود + هم); ها goes when three
letters remain, as in Lucene's stemmer (زوجها → زوج).

Broken plurals then take their singular's term through ``search/data/plurals.tsv`` (generated from
Arramooz by ``bench/build_plural_lexicon.py``, see search/data/README.md): مساجد → مسجد, لجان → لجن. The
singulars there are fixed points of the analysis, so a term the engine re-analyses stays itself.

The vocabulary and the table are read once; after regenerating either, rebuild the search index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from arabic import DIACRITICS, INVISIBLE, TATWEEL, fold

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.txt"
PLURALS_FILE = Path(__file__).resolve().parent / "data" / "plurals.tsv"

_ARABIC_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06ff"
    "\ufb50-\ufdff\ufe70-\ufefc"  # presentation forms (PDF text layers): NFKC makes them letters
)
_ARABIC_MARKS = DIACRITICS + TATWEEL + INVISIBLE
_DIGIT_CHARS = "0-9\u0660-\u0669\u06f0-\u06f9"
# A word: Arabic letters (marks and invisible controls inside a word are part of it), Latin letters or
# digits. Marks are only taken after a letter, so a stray bidi mark alone is no token.
_WORD = re.compile(
    rf"[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*|[A-Za-z\u00c0-\u024f]+|[{_DIGIT_CHARS}]+"
)

# Function words that carry no search meaning, in normalised form (ى→ي, hamzas → bare letters). Their
# positions are kept (see tokens()), so a phrase query still sees the gap where they stood.
STOP_WORDS = frozenset(
    """
    في من علي الي عن مع ان او ام ثم قد لقد لا ما لم لن اذ اذا كما بين حتي منذ لدي عند ضد
    هذا هذه ذلك تلك هو هي هم هما التي الذي الذين اللتين اللذين اللذان اللتان
    وفي ومن وعلي والي وعن ومع وان واذ واذا ولا وما ولم وقد وهو وهي وهذا وهذه وكذلك
    فيه فيها فيما منه منها عليه عليها اليه اليها به بها له لها انه انها بان بانه بانها
    كان كانت يكون تكون ايضا كذلك اي كل بعض غير اما الا
    و ف ب ل ك
    """.split()
)

_ARTICLE_GROUPS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_PRONOUNS = ("هما", "كما", "ها", "هم", "هن", "كم", "نا")
# Taken off in this order, each at most once (so الفلسطينيين → فلسطيني → فلسطين).
_SUFFIXES = ("يات", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
# Suffixes that end many stems as well (تعاون، فلسطين، اعلان): only when the rest is an attested word.
_AMBIGUOUS_SUFFIXES = frozenset({"ون", "ين", "ان"})
_PARTNER = {"ون": "ين", "ين": "ون", "ان": "ين"}
# Words that only look suffixed (months, names): their ان/ون/ين is part of the word.
_WHOLE = frozenset("شعبان رمضان كانون سلطان عثمان سليمان لبنان ايران عمان".split())
_MIN_STEM = 3
_MIN_AFTER_ARTICLE = 2
_MIN_UNKNOWN_AFTER_PROCLITIC = 5  # fallback for words the vocabulary does not know
_MIN_UNKNOWN_AFTER_AMBIGUOUS = 4


@dataclass(frozen=True)
class Token:
    text: str  # analysed form
    start: int
    end: int
    position: int
    stop: bool = False


def _tsv_pairs(path) -> list[tuple[str, str]]:
    """(first column, second column) of each line of one of our data tables; none if the file is missing."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [tuple(line.partition("\t")[::2]) for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    """Normalised words attested in the bundled corpus, with how often (alone or after the article)."""
    return {word: int(count or 1) for word, count in _tsv_pairs(VOCABULARY_FILE)}


@lru_cache(maxsize=1)
def plurals() -> dict[str, str]:
    """Light stem of a broken plural → light stem of its singular (search/data/plurals.tsv: مساجد → مسجد)."""
    return dict(_tsv_pairs(PLURALS_FILE))


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    table = plurals()
    return frozenset(table) | frozenset(table.values())


def reload() -> None:
    """Read the vocabulary and the plural table again (after regenerating either)."""
    vocabulary.cache_clear()
    plurals.cache_clear()
    _lexicon_words.cache_clear()


def normalise(word: str) -> str:
    """Spelling-insensitive form of one word.

    ``arabic.fold`` with every step on (presentation forms as letters; no diacritics, tatweel, zero-width
    or bidi controls; one alef for أ إ آ ٱ; و for ؤ, ي for ئ and ى and the seat-less hamza after it:
    مبادىء = مبادئ; ه for ة; Persian ی ک ہ ھ as Arabic; Western digits) and Latin lower-cased; a number
    also loses its leading zeros, so "05" and "5" are one term.
    """
    word = fold(word, lower=True)
    if word.isdigit() and word.isascii():
        word = word.lstrip("0") or "0"
    return word


def _is_arabic(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def _attested(word: str) -> bool:
    return len(word) >= _MIN_STEM and word in vocabulary()


def _count(word: str, minimum: int = _MIN_STEM) -> int:
    return vocabulary().get(word, 0) if len(word) >= minimum else 0


def _known(word: str, minimum: int = _MIN_STEM) -> int:
    """_count(), but a word the plural table knows (a plural or a singular stem) counts once at least."""
    return _count(word, minimum) or int(len(word) >= _MIN_STEM and word in _lexicon_words())


def _attested_stem(rest: str) -> bool:
    """Whether the corpus has rest as a word, or rest with ة (مسلم: المسلمة)."""
    if rest.endswith("ت") and _attested(rest[:-1] + "ه"):
        return True
    return _attested(rest) or _attested(rest + "ه")


def _strip_prefixes(word: str) -> str:
    for group in _ARTICLE_GROUPS:
        if word.startswith(group) and len(word) - len(group) >= _MIN_AFTER_ARTICLE:
            rest = word[len(group) :]
            # ل + a word that starts with ل: للجنة is ل + اللجنة, not ل + ال + جنة (and للجان: ل + اللجان).
            if group.endswith("لل") and _known("ل" + rest) > _known(rest):
                rest = "ل" + rest
            # Verbal nouns that start with ال themselves (التزام، الغاء) lose it too, so الالتزام and
            # التزام meet whichever way they are written.
            if rest.startswith("ال") and len(rest) - 2 >= _MIN_STEM:
                rest = rest[2:]
            return rest
    seen = _known(word)
    if not seen:
        # A word the corpus does not know as written may be a known word with a pronoun: بلادنا is بلاد +
        # نا (not ب + لادنا), وفودهم is وفود + هم. It is then weighed as that word.
        whole, _ = _strip_pronoun(word)
        seen = _known(whole) if whole != word else 0
    for proclitic in _PROCLITICS:
        if not word.startswith(proclitic):
            continue
        rest = word[len(proclitic) :]
        bare, _ = _strip_pronoun(rest)
        conjunction = proclitic in ("و", "ف")
        attested = max(_count(rest, 2 if conjunction else _MIN_STEM), _count(bare) if bare != rest else 0)
        # The conjunction (و ف) is taken off whenever the rest is attested: وكشمير → كشمير. A
        # preposition (ب ل ك) only when the rest is attested at least as often as the whole word: بقرار →
        # قرار, لمبادرة → مبادرة, but لجنة, كاملة, كلما stay. Unknown words: a length rule, and never
        # leaving fewer than three letters once the suffixes are off.
        if attested and (conjunction or attested >= seen):
            return rest
        if not seen and len(rest) >= _MIN_UNKNOWN_AFTER_PROCLITIC and len(_strip_suffixes(rest)) >= _MIN_STEM:
            return rest
    return word


def _strip_pronoun(word: str) -> tuple[str, bool]:
    known = _attested(word) or word in _lexicon_words()
    for pronoun in _PRONOUNS:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= _MIN_STEM:
            rest = word[: -len(pronoun)]
            # Words the corpus does not know: ها goes when three letters remain, as Lucene's stemmer takes
            # it (زوجها → زوج); the other pronouns when four remain (فيينا, كورونا stay).
            minimum = _MIN_STEM if pronoun == "ها" else _MIN_UNKNOWN_AFTER_AMBIGUOUS
            if _attested_stem(rest) or (not known and (len(rest) >= minimum or rest in _lexicon_words())):
                if rest.endswith("ت") and _attested(rest[:-1] + "ه"):  # منظمتنا → منظمة
                    rest = rest[:-1] + "ه"
                return rest, True
            break
    return word, False


def _strip_suffixes(word: str) -> str:
    if word in _WHOLE:
        return word
    word, _ = _strip_pronoun(word)
    for _pass in range(2):  # twice: قراراته → قرارات → قرار
        before = word
        for suffix in _SUFFIXES:
            if not word.endswith(suffix):
                continue
            short = suffix == "ه" and len(word) == 3 and _count(word[:2], 2) > 0  # حقه → حق
            if len(word) - len(suffix) < _MIN_STEM and not short:
                continue
            rest = word[: -len(suffix)]
            if suffix in _AMBIGUOUS_SUFFIXES:
                # اللاجئون/اللاجئين: the other case of the plural attests the stem too.
                partner = _attested(rest + _PARTNER[suffix])
                if not (_attested_stem(rest) or partner or len(rest) >= _MIN_UNKNOWN_AFTER_AMBIGUOUS):
                    continue
                if rest.endswith("ت") and _attested(rest[:-1] + "ه"):  # المنظمتين → منظمة
                    rest = rest[:-1] + "ه"
            word = rest
        if word == before:
            break
    return word


def light_stem(word: str) -> str:
    """Light stem of a normalised word: proclitics and article, then pronoun and inflection suffixes."""
    if not _is_arabic(word):
        return word
    return _strip_suffixes(_strip_prefixes(word))


def stem(word: str) -> str:
    """The term of a normalised word: its light stem, a broken plural's as its singular's (مساجد → مسجد)."""
    light = light_stem(word)
    return plurals().get(light, light)


def tokens_with(text: str, stemmer: Callable[[str], str]) -> list[Token]:
    """tokens() with another stemmer (for measurement: bench/candidates.py compares stemmers)."""
    found = []
    position = 0
    for match in _WORD.finditer(text):
        word = normalise(match.group())
        if not word:
            continue
        stop = word in STOP_WORDS
        found.append(Token(word if stop else stemmer(word), match.start(), match.end(), position, stop))
        position += 1
    return found


def tokens(text: str) -> list[Token]:
    """Every word of the text with its analysed form, offsets and position; stop words flagged."""
    found = []
    position = 0
    for match in _WORD.finditer(text):
        term, stop = _term(match.group())
        if not term:
            continue
        found.append(Token(term, match.start(), match.end(), position, stop))
        position += 1
    return found


# Each distinct word is analysed once per process: a search re-reads the same paragraphs (re-ranking,
# highlighting, partial matches) for every request, and the archive's words repeat (the corpus's 204,000
# tokens are 29,000 distinct words). Bounded: at most this many words, about 30 MB.
WORD_CACHE = 200_000


@lru_cache(maxsize=WORD_CACHE)
def _term(raw: str) -> tuple[str, bool]:
    """A word as written -> (its analysed form, whether it is a stop word); ("", False) for no word."""
    word = normalise(raw)
    if not word:
        return "", False
    stop = word in STOP_WORDS
    return (word if stop else stem(word)), stop


def analyse(text: str) -> list[str]:
    """The analysed terms of a text, stop words dropped (what the engine indexes)."""
    return [token.text for token in tokens(text) if not token.stop]
