"""Turning text into the tokens the matcher compares: folded, typo-corrected, stemmed, synonyms unified.

One `Analyzer` serves the whole knowledge base: its vocabulary (every word the articles use) is what typos are
corrected towards, and its concepts (`knowledge_base/concepts.yaml`) make Dutch and English phrasings of one
idea the same token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from helpdesk.text.normalise import fold, words
from helpdesk.text.stopwords import STOPWORDS

_STEMMERS = {"nl": snowballstemmer.stemmer("dutch"), "en": snowballstemmer.stemmer("english")}
# Words shorter than this are not corrected: too many real words lie one letter apart.
MIN_TYPO_LENGTH = 5
# rapidfuzz ratio (0-100) a correction must reach; measured on typo'd questions (tests/test_analyzer.py).
TYPO_CUTOFF = 84
# Tokens that stand for a concept of concepts.yaml ("@early_warning") start with this.
CONCEPT_PREFIX = "@"
# A concept phrase starting with this matches the word as written, unstemmed.
EXACT_PREFIX = "="


# Clock times and years ("16:30", "2026") say when, not what: they are not matched.
_CLOCK_AND_YEAR = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(19|20)\d{2}\b")
# A verb split around its object means what the whole verb means: "hoe laat ik mijn klanten weten", "let our users
# know" inform (not "let us know", which asks the helpdesk).
_SPLIT_INFORM = re.compile(
    r"\b(?:laat|laten|lieten|licht|lichten)\b((?:\s+\w+){1,5}?)\s+(?:weten|in)\b"
    r"|\b(?:let|lets)\b(?!\s+(?:us|me)\b)((?:\s+\w+){1,4}?)\s+know\b"
)


def _joined_verbs(folded: str) -> str:
    return _SPLIT_INFORM.sub(lambda m: f"informeren{m.group(1)}" if m.group(1) else f"inform{m.group(2)}", folded)


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """Snowball in pure Python costs tens of microseconds a word; people use the same words over and over."""
    return _STEMMERS[language].stemWord(word)


class Analyzer:
    def __init__(
        self,
        concepts: Mapping[str, Iterable[str]],
        vocabulary: Iterable[str],
        compounds: Mapping[str, str] | None = None,
        negatable: Iterable[str] = (),
    ) -> None:
        """`negatable`: concepts a negation turns into their opposite ("an incident, not a vulnerability"), so a
        negated mention is dropped; other concepts stay named however they are negated ("we have no account yet")."""
        self._negatable = frozenset(negatable)
        self._compounds = {fold(k): words(fold(v)) for k, v in (compounds or {}).items()}
        self._phrases: dict[tuple[str, ...], str] = {}
        # "=information": the word exactly as written, not its stem ("information" stems to "inform", which informs).
        self._exact: dict[str, str] = {}
        for concept, phrases in concepts.items():
            for phrase in phrases:
                if str(phrase).startswith(EXACT_PREFIX):
                    self._exact.setdefault(fold(str(phrase)[len(EXACT_PREFIX) :]), concept)
                    continue
                for language in _STEMMERS:
                    key = tuple(stem(w, language) for w in words(fold(str(phrase))))
                    if key:
                        self._phrases.setdefault(key, concept)
        self._longest = max((len(k) for k in self._phrases), default=1)
        concept_words = {w for phrases in concepts.values() for p in phrases for w in words(fold(str(p)))}
        concept_words |= set(self._compounds)
        self.vocabulary = frozenset(w for w in (concept_words | set(vocabulary) | STOPWORDS) if not w.isdigit())
        self._correctable = sorted(w for w in self.vocabulary if len(w) >= MIN_TYPO_LENGTH - 1)
        self.correct = lru_cache(maxsize=8192)(self._correct)
        self.tokens = lru_cache(maxsize=4096)(self._tokens)

    def _correct(self, word: str) -> str:
        """The vocabulary word a typo most likely meant, or the word itself."""
        if len(word) < MIN_TYPO_LENGTH or word in self.vocabulary or word.isdigit():
            return word
        best = process.extractOne(word, self._correctable, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return best[0] if best else word

    def _tokens(self, text: str, language: str) -> tuple[str, ...]:
        """Content tokens of `text`: concepts where a phrase matched, else stems; stopwords dropped."""
        folded = _joined_verbs(_CLOCK_AND_YEAR.sub(" ", fold(text)))
        raw = [part for w in words(folded) for part in self._compounds.get(self.correct(w), [self.correct(w)])]
        stems = [stem(w, language) for w in raw]
        tokens: list[str] = []
        i = 0
        while i < len(raw):
            for size in range(min(self._longest, len(raw) - i), 0, -1):
                concept = self._phrases.get(tuple(stems[i : i + size]))
                if size == 1 and raw[i] in self._exact:
                    concept = self._exact[raw[i]]
                if concept:
                    if not (concept in self._negatable and _negated(raw[max(0, i - 3) : i])):
                        tokens.append(f"{CONCEPT_PREFIX}{concept}")
                    i += size
                    break
            else:
                if raw[i] not in STOPWORDS and len(raw[i]) > 1:
                    tokens.append(stems[i])
                i += 1
        return tuple(tokens)


# "not a", "geen", "instead of", "in plaats van", "rather than" right before a word: it is the other one.
_NEGATIONS = (
    ("not", "a"),
    ("not", "an"),
    ("not",),  # "and when it is an incident, not vulnerability?"
    ("geen",),
    ("niet", "een"),
    ("instead", "of"),
    ("rather", "than"),
    ("in", "plaats", "van"),
    ("niet", "om", "een"),
)


def _negated(before: list[str]) -> bool:
    """Whether the words just before a phrase negate it, allowing one article between ("instead of a")."""
    for negation in _NEGATIONS:
        for skip in (0, 1):
            end = len(before) - skip
            if end >= len(negation) and tuple(before[end - len(negation) : end]) == negation:
                return skip == 0 or before[-1] in ("a", "an", "the", "een", "de", "het")
    return False
