"""A second opinion learned from precedents: how were questions worded like this one answered?

The matcher compares a question with the articles' own wording. The questions other people asked
(`knowledge/precedents.py`), labelled with what answered them, teach a logistic regression over the same tokens
(scikit-learn; the articles' example questions are taught beside them, so every article is known). Its probabilities
confirm an unsure reading, contradict a barely confident one, and, when it is nearly certain, choose the article
itself. It weighs each word by how well it told answers apart in the precedents, where the matcher can only weigh it
by how rare it is. Measured leave-one-set-out on the blind sets (`bench/precedents.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from helpdesk.knowledge.precedents import APPLICABILITY, NOT_ANSWERED, Precedent

# The learned reading confirms the matcher's best guess when that guess is also its own most likely answer, with at
# least this probability.
CONFIRMING = 0.4
# It contradicts an answer it gives less than the first probability while giving another at least the second.
CONTRADICTED_BELOW = 0.1
CONTRADICTING = 0.5
# From this probability it chooses an article on its own, whatever the matcher read.
CHOOSING = 0.9
# A question the matcher is unsure of is read as asking whether the CRA applies from this probability of that label.
WONDERING = 0.5
# Regularisation of the regression (scikit-learn's C): smaller trusts single words less.
REGULARISATION = 1.0


class Precedents:
    def __init__(
        self,
        precedents: Iterable[Precedent],
        examples: Iterable[tuple[str, str, str]],
        tokens_of: Callable[[str, str], tuple[str, ...]],
    ) -> None:
        """`examples` are the articles' own (question, language, slug); they are learned only beside precedents,
        so that with none there is no second opinion at all. `tokens_of(text, lang)` analyses as the matcher does."""
        rows: list[dict[str, float]] = []
        labels: list[str] = []
        weights: list[float] = []
        for precedent in precedents:
            tokens = dict.fromkeys(tokens_of(precedent.text, precedent.lang), 1.0)
            # A question several articles answer teaches each of them a share.
            for answer in sorted(precedent.answers):
                rows.append(tokens)
                labels.append(answer)
                weights.append(1 / len(precedent.answers))
        self._classes: list[str] = []
        # One question is asked for its confirmation, contradiction and choice: it is read once.
        self._cached = lru_cache(maxsize=1024)(self.probabilities)
        if not rows:
            return
        for text, lang, slug in examples:
            rows.append(dict.fromkeys(tokens_of(text, lang), 1.0))
            labels.append(slug)
            weights.append(1.0)
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=REGULARISATION, max_iter=1000)
        model.fit(vectorizer.fit_transform(rows), labels, sample_weight=weights)
        self._classes = [str(c) for c in model.classes_]
        self._column = {str(token): column for token, column in vectorizer.vocabulary_.items()}
        self._weights = model.coef_.T.copy()  # one row per token, one column per answer
        self._intercept = model.intercept_.copy()

    def probabilities(self, tokens: Iterable[str]) -> Mapping[str, float]:
        """Each answer's probability for a question with these tokens; empty without precedents."""
        if not self._classes:
            return {}
        columns = [self._column[t] for t in set(tokens) if t in self._column]
        scores = self._intercept + self._weights[columns].sum(axis=0)
        exp = np.exp(scores - scores.max())
        return dict(zip(self._classes, (exp / exp.sum()).tolist(), strict=True))

    def _likeliest(self, tokens: Iterable[str]) -> tuple[str | None, float, Mapping[str, float]]:
        probabilities = self._cached(frozenset(tokens))
        if not probabilities:
            return None, 0.0, probabilities
        answer = max(probabilities, key=probabilities.__getitem__)
        return answer, probabilities[answer], probabilities

    def confirm(self, tokens: Iterable[str], slug: str) -> bool:
        """Whether questions worded like this one were most likely answered with `slug`."""
        answer, probability, _ = self._likeliest(tokens)
        return answer == slug and probability >= CONFIRMING

    def contradict(self, tokens: Iterable[str], slug: str) -> bool:
        """Whether questions worded like this one were clearly answered otherwise (or not answered at all)."""
        answer, probability, probabilities = self._likeliest(tokens)
        return answer is not None and probabilities.get(slug, 0.0) < CONTRADICTED_BELOW and probability >= CONTRADICTING

    def choose(self, tokens: Iterable[str]) -> str | None:
        """The article questions worded like this one were almost always answered with, if any."""
        answer, probability, _ = self._likeliest(tokens)
        return answer if answer not in (None, *NOT_ANSWERED) and probability >= CHOOSING else None

    def wonders(self, tokens: Iterable[str]) -> bool:
        """Whether questions worded like this one mostly asked whether the CRA applies ("Who's on the hook for
        reporting, us or them?")."""
        answer, probability, _ = self._likeliest(tokens)
        return answer == APPLICABILITY and probability >= WONDERING
