"""A second opinion from precedents: how were questions worded like this one answered?

The matcher compares a question with the articles' own wording; when that reading is unsure, the questions other
people asked in similar words (`knowledge/precedents.py`) can confirm it, and when it is barely confident they can
contradict it. Similarity is the matcher's weighted overlap (Dice over IDF-weighted tokens); the nearest precedents
vote for their answers, each with its similarity. Measured leave-one-set-out on the blind sets (`bench/precedents.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from helpdesk.knowledge.precedents import Precedent

# The nearest precedents that vote, and how similar one must be to vote at all.
NEIGHBOURS = 7
MIN_SIMILARITY = 0.25
# Share of the vote an answer needs to be confirmed; below the second share, a clear other answer contradicts it.
CONFIRMING_SHARE = 0.6
CONTRADICTED_BELOW = 0.2
CONTRADICTING_SHARE = 0.7
# Total similarity of the voters below which precedents say nothing for or against an answer: one precedent
# sharing a word or two is no evidence.
CONFIRMING_EVIDENCE = 1.0
CONTRADICTING_EVIDENCE = 1.0


@dataclass(frozen=True)
class _Indexed:
    tokens: frozenset[str]
    weight: float
    answers: frozenset[str]


class Precedents:
    def __init__(
        self,
        precedents: Iterable[Precedent],
        tokens_of: Callable[[str, str], tuple[str, ...]],
        weight_of: Callable[[str], float],
    ) -> None:
        """`tokens_of(text, lang)` analyses as the matcher does; `weight_of(token)` is the matcher's IDF weight."""
        self._weight_of = weight_of
        self._indexed: list[_Indexed] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for precedent in precedents:
            tokens = frozenset(tokens_of(precedent.text, precedent.lang))
            if not tokens:
                continue
            for token in tokens:
                self._postings[token].append(len(self._indexed))
            self._indexed.append(_Indexed(tokens, sum(map(weight_of, tokens)), precedent.answers))

    def __len__(self) -> int:
        return len(self._indexed)

    def votes(self, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
        """Each answer's votes from the nearest precedents, and the total similarity of those that voted."""
        query = frozenset(tokens)
        query_weight = sum(map(self._weight_of, query))
        shared: dict[int, float] = defaultdict(float)
        for token in query:
            for index in self._postings.get(token, ()):
                shared[index] += self._weight_of(token)
        nearest = sorted(
            ((2 * weight / (query_weight + self._indexed[i].weight), i) for i, weight in shared.items()), reverse=True
        )
        votes: dict[str, float] = defaultdict(float)
        total = 0.0
        for similarity, index in nearest[:NEIGHBOURS]:
            if similarity < MIN_SIMILARITY:
                break
            total += similarity
            for answer in self._indexed[index].answers:
                votes[answer] += similarity
        return dict(votes), total

    def confirm(self, tokens: Iterable[str], slug: str) -> bool:
        """Whether questions worded like this one were mostly answered with `slug`."""
        votes, total = self.votes(tokens)
        return total >= CONFIRMING_EVIDENCE and votes.get(slug, 0.0) >= CONFIRMING_SHARE * total

    def contradict(self, tokens: Iterable[str], slug: str) -> bool:
        """Whether questions worded like this one were clearly answered otherwise (or not answered at all)."""
        votes, total = self.votes(tokens)
        if total < CONTRADICTING_EVIDENCE or votes.get(slug, 0.0) >= CONTRADICTED_BELOW * total:
            return False
        return max(votes.values()) >= CONTRADICTING_SHARE * total
