"""Finding the article that answers one question, with a score the assistant can trust or distrust.

Every article contributes documents — its title, its example questions and its keywords, in both languages (people
mix English jargon into Dutch mail). A question is compared with each document two ways and the best document of
each article sets the article's score:

- weighted overlap: shared tokens, each weighted by how specific it is to few articles (inverse document frequency
  over articles), as a Dice coefficient, so "eindverslag" counts for more than "melden";
- rapidfuzz `token_sort_ratio` over the same tokens, which forgives word order and near-identical stems.

A third term rewards how much of the question an article's vocabulary explains as a whole.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from helpdesk.knowledge.articles import KnowledgeBase
from helpdesk.text.analyzer import Analyzer

# Weights of the three similarity terms; chosen on the labelled questions in tests/data (see bench/tune.py).
OVERLAP_WEIGHT = 0.55
FUZZY_WEIGHT = 0.25
COVERAGE_WEIGHT = 0.20
# Documents per article that get the (costlier) rapidfuzz comparison: those with the best weighted overlap.
FUZZY_CANDIDATES = 2
# Statements around a question count for this fraction of the question's own words.
CONTEXT_WEIGHT = 0.5
# Shared evidence (sum of IDF weights) at which a match is fully trusted; less scales the score down.
EVIDENCE_FULL = 3.0
# Tracks (given by the caller: "@vulnerability", "@incident"). An article whose example questions nearly all name one
# track (this share or more) is that track's; a question naming only the other track scores it this much lower.
TRACK_SHARE = 0.75
OTHER_TRACK_FACTOR = 0.85


@dataclass(frozen=True)
class Match:
    slug: str
    score: float


@dataclass(frozen=True)
class _Document:
    slug: str
    tokens: frozenset[str]
    text: str
    weight: float


class Matcher:
    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer, tracks: frozenset[str] = frozenset()) -> None:
        self.analyzer = analyzer
        self.tracks = tracks
        documents: list[tuple[str, tuple[str, ...]]] = []
        for article in kb.articles.values():
            # Keywords join the title: alone, a one-word keyword would match any question containing that word.
            texts = [" ".join([article.title, *article.keywords]), *article.questions]
            documents += [(article.slug, analyzer.tokens(t, article.language)) for t in texts]
        slugs_with: dict[str, set[str]] = defaultdict(set)
        for slug, tokens in documents:
            for token in tokens:
                slugs_with[token].add(slug)
        total = len({slug for slug, _ in documents})
        self.idf = {t: math.log(1 + total / len(s)) for t, s in slugs_with.items()}
        self._unknown_idf = math.log(1 + total)
        self.documents = [
            _Document(slug, frozenset(tokens), " ".join(sorted(set(tokens))), self._weight(set(tokens)))
            for slug, tokens in documents
            if tokens
        ]
        self._postings: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(self.documents):
            for token in document.tokens:
                self._postings[token].append(index)
        self.vocabulary_of: dict[str, set[str]] = defaultdict(set)
        for document in self.documents:
            self.vocabulary_of[document.slug] |= document.tokens
        self.track_of = facets_of(self.documents, tracks)

    def _weight(self, tokens: set[str] | frozenset[str]) -> float:
        return sum(map(self.token_weight, tokens))

    def token_weight(self, token: str) -> float:
        """How specific a token is to few articles; a word the base does not know counts as its rarest."""
        return self.idf.get(token, self._unknown_idf)

    def rank(self, tokens: tuple[str, ...], context: tuple[str, ...] = (), limit: int = 5) -> list[Match]:
        """The best articles for analysed question tokens, best first.

        `context` holds the tokens of statements around the question: they count at CONTEXT_WEIGHT, so "our
        importer is in Rotterdam" helps, and "we are a small company" cannot outweigh the question itself.
        """
        # Context words the knowledge base does not know say nothing about which article fits: they are left out.
        # A number the base does not know (a phone number, a version, "200 units") says nothing about the topic.
        tokens = tuple(t for t in tokens if t in self.idf or not t.isdigit())
        query: dict[str, float] = {t: CONTEXT_WEIGHT for t in context if t in self.idf}
        query.update({t: 1.0 for t in tokens})
        if not query:
            return []
        weight_of = {t: w * self.idf.get(t, self._unknown_idf) for t, w in query.items()}
        query_weight = sum(weight_of.values())
        query_text = " ".join(sorted(tokens or query))
        # Only documents sharing a token can score: walk the postings instead of every document.
        shared_weight: dict[int, float] = defaultdict(float)
        for token in query:
            for index in self._postings.get(token, ()):
                shared_weight[index] += weight_of[token]
        # The rapidfuzz term costs most; it is computed only for each article's documents with the best overlap.
        overlaps: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for index, weight in shared_weight.items():
            document = self.documents[index]
            overlaps[document.slug].append((2 * weight / (query_weight + document.weight), index))
        best: dict[str, float] = {}
        for slug, candidates in overlaps.items():
            best[slug] = max(
                OVERLAP_WEIGHT * overlap
                + FUZZY_WEIGHT * fuzz.token_sort_ratio(query_text, self.documents[index].text) / 100
                for overlap, index in heapq.nlargest(FUZZY_CANDIDATES, candidates)
            )
        for slug in best:
            evidence = sum(w for t, w in weight_of.items() if t in self.vocabulary_of[slug])
            score = best[slug] + COVERAGE_WEIGHT * evidence / query_weight
            # Two common words in common ("CSIRT", "report") are weak evidence, however well they overlap.
            best[slug] = score * min(1.0, evidence / EVIDENCE_FULL)
        asked_track = self.tracks & set(tokens)
        if len(asked_track) == 1:
            for slug in best:
                if self.track_of[slug] and not self.track_of[slug] & asked_track:
                    best[slug] *= OTHER_TRACK_FACTOR  # "the early warning on an incident" is not the vulnerability's
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]
        return [Match(slug, round(min(score, 1.0), 4)) for slug, score in ranked]

    def match(self, text: str, language: str, limit: int = 3) -> list[Match]:
        return self.rank(self.analyzer.tokens(text, language), limit=limit)


def top(matches: list[Match]) -> Match:
    """The best match, or an empty one when nothing matched."""
    return matches[0] if matches else Match("", 0.0)


def facets_of(documents: list[_Document], facets: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each article's facets (its track, its stage), read from its example questions: those of
    `incident-final-report` all name incidents and the final report."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for document in documents:
        totals[document.slug] += 1
        for facet in facets & document.tokens:
            counts[document.slug][facet] += 1
    return {
        slug: frozenset(f for f, n in counts[slug].items() if n / total >= TRACK_SHARE)
        for slug, total in totals.items()
    }
