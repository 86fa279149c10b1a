"""Cutting a message into the questions it asks, each with the statements that set it up.

"We are based in the US. Our importer is in Rotterdam. Where do we report?" is one question with context;
"Where do we file it, and what goes in the notification?" is two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ? ! or a line break, but not after an abbreviation: "Art. 14", "e.g. the", "bijv. de", "(bv. de".
_ABBREVIATIONS = (
    r"(?<!\bart\.)(?<!\bArt\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bbijv\.)(?<!\bbv\.)(?<!\bevt\.)(?<!\bca\.)"
    r"(?<!\bincl\.)(?<!\bo\.a\.)(?<!\bnr\.)(?<!\bno\.)(?<!\bvs\.)"
)
# An emoji ends a chat sentence as a full stop does: "iemand zette een exploit online 😬 moeten we dat melden?"
_SENTENCE_END = re.compile(
    rf"(?<=[.?!]){_ABBREVIATIONS}\s+(?=\S)|(?<=[\u2600-\u27bf\U0001f300-\U0001faff])\s+(?=\S)|\n+"
)
# A second question joined to the first: ", and what ...", "; en waar ...", "? Also, how ...".
_PREPOSITION = (
    r"(?:via|in|naar|bij|aan|voor|met|op|uit|van|vanaf|binnen|through|to|for|with|from|at|by|on|under|onder|within)\s+"
)
_JOINED_QUESTION = re.compile(
    rf"(?:(?:,|;)\s*(?:and|en|also|ook|plus)\s+(?=(?:also\s+|ook\s+)?(?:{_PREPOSITION})?"
    r"(?:what|where|when|which|who|how|whom|is|are|will|would|do|does|can|should|must|"
    r"wat|waar|wanneer|welke|welk|wie|hoe|hoeveel|is er|zijn er|moet|moeten|kan|kunnen|mag|mogen)\b)"
    # Without a comma only before a question word: "where do we submit it and how many hours do we have".
    rf"|\s+(?:and|en)\s+(?=(?:{_PREPOSITION})?(?:what|where|when|which|how|who|wat|waar|wanneer|welke|welk|hoe|hoeveel|"
    r"wie)\b))",
    re.IGNORECASE,
)
# "..., and if so, where ...": the condition joins an applicability question to a how-to question.
# "if it is" / "if we do" are a condition only when a comma or colon closes them: "and if it's an incident
# instead?" asks about an incident.
_CONDITION = (
    r"(?:if so|if yes|in case yes|in case of yes|"
    r"(?:if it does|if it is|if it's|if we do|if we must)(?=\s*[,:])|if that is the case|"
    r"zo ja|indien ja|als dat zo is|als dat moet|in dat geval)"
)
# The condition joins only where punctuation or "and" sets it off: "Zijn wij in dat geval fabrikant?" is one question.
_CONDITIONAL_JOIN = re.compile(
    rf"(?:[,;]\s*(?:(?:and|en)\s*,?\s*)?|\s+(?:and|en)\s*,?\s*|^\s*(?:(?:and|en)\s*,?\s*)?)\b{_CONDITION}\b\s*[,:]?\s*",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    # "and how do i get an account" (chat lines often lack the question mark) is a question too.
    # "and through which country", "en via welk land": a preposition may come before the question word.
    # "en zo ja waar doe ik dat", "if so, to which CSIRT": a condition may come before it.
    rf"^\s*(?:(?:and|or|but|also|en|of|maar|ook|either way|anyway|in any case|hoe dan ook|in elk geval),?\s+)?"
    rf"(?:{_CONDITION}\s*[,:]?\s*)?(?:{_PREPOSITION})?"
    r"(what|whats|where|wheres|when|which|who|whom|why|how|hows|is|are|do|does|did|can|could|should|must|may|will|"
    r"would|have|has|"
    r"wat|waar|wanneer|welke|welk|wie|waarom|hoe|hoeveel|is|zijn|moet|moeten|kan|kunnen|mag|mogen|heb|hebben|"
    r"geldt|gelden|valt|vallen|telt|tellen|klopt|zou|zouden|bestaat|wordt|worden)\b"
    # A Dutch sentence that opens with its verb and subject asks: "komt er nog een deadline achteraan".
    r"|^\s*(?:(?:en|maar|of)\s+)?(?:komt|komen|gaat|gaan|heeft|krijg|krijgen|krijgt|hoef|hoeft|hoeven|zit|zitten|staat|"
    r"staan|weet|weten|doet|werkt|loopt|blijft)\s+(?:er|het|dat|dit|je|jij|u|we|wij|ik|ze|zij|jullie|hij|men)\b",
    re.IGNORECASE,
)
# "if it's not mandatory, can we still report voluntarily": a condition, then the question.
_CONDITION_THEN_QUESTION = re.compile(
    r"^\s*(?:(?:and|en|but|maar)\s+)?(?:if|als|indien|wanneer)\b(?:[^?]{0,80}?\b(?:can|could|may|should|must|do|does|how|"
    r"what|whats|where|kan|kunnen|mag|mogen|moet|moeten|hoe|wat|waar)\s+(?:we|i|you|wij|ik|u|je|jullie)\b"
    # "en als we het vrijwillig willen melden, hoe gaat dat": after the condition's comma, a question word.
    r"|[^?,]{0,80},\s*(?:how|what|whats|where|when|which|hoe|wat|waar|wanneer|welke)\b"
    # "en als dat wel zo is wat moet er in die eerste melding": a question word and its verb, without a comma.
    r"|[^?]{0,80}?\b(?:how|what|where|when|which|hoe|wat|waar|wanneer|welke)\s+(?:moet|moeten|kan|kunnen|mag|mogen|dien|"
    r"dient|should|must|can|do|does|is|are)\b)",
    re.IGNORECASE,
)
# A question's word order: a question word and its verb ("when does the 24h start exactly."), a verb and its subject
# ("zijn er ..."), or a condition before it ("If so, to which CSIRT: ..."), however the sentence ends.
_QUESTION_ORDER = re.compile(
    rf"^\s*(?:(?:and|or|but|so|en|of|maar|dus),?\s+)?(?:{_CONDITION}\b"
    r"|(?:what|where|when|which|who|how|wat|waar|wanneer|welke|welk|wie|hoe|hoeveel)\s+(?:\w+\s+)?(?:do|does|did|is|are|"
    r"was|can|could|should|must|will|would|may|have|has|moet|moeten|kan|kunnen|is|zijn|doe|doen|gaat|gaan|mag|mogen|"
    r"wordt|worden|dien|dient|dienen|heb|hebben|zou|zouden)\b"
    r"|(?:is|are|do|does|can|could|should|must|will|would|may|zijn|moet|moeten|kan|kunnen|mag|mogen|hoeven|hoef|hoeft|"
    r"geldt|valt|telt|wordt|worden)\s+(?:we|i|you|it|this|that|there|they|our|the|a|an|er|wij|ik|u|je|jullie|het|dit|"
    r"dat|de|een|onze|ons|zij|ze)\b)",
    re.IGNORECASE,
)
# "if yes: required fields for final report", "and if it does whats meant to go in the early warning": what follows a
# condition on the question before asks, however it is worded.
_CONDITION_LED = re.compile(
    rf"^\s*(?:(?:and|en|but|maar),?\s+)?(?:{_CONDITION}|if it does|if that'?s so|als het zo is|als het moet|"
    r"als het wel zo is|als dat wel zo is)\b\s*[,:]?\s*\S",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\b((i|we) would like to know|(i|we)'d like to know|we want to know|could you (tell|explain)|please (tell|explain|"
    r"advise)|i wonder|wondering|graag (weten|horen)|ik vraag me af|kunt u (mij )?(vertellen|uitleggen)|"
    r"wil(len)? (graag )?weten|vraag( is)?:|question:|(wij |we )?verzoeken u|we (kindly )?request|could you confirm|"
    r"please confirm|kunt u bevestigen|"
    # Formal requests ask as plainly as a question mark: "Graag verneem ik van u welke gegevens ...", "Ik verzoek u
    # mij te berichten ...", "Please indicate the minimum content ...".
    r"(graag|gaarne) (had ik |hadden wij |hadden we )?vern(e|ee|o)m(en)?|verne(e)?m(en)? (ik|wij|we) (graag|gaarne)|"
    r"(ik |wij |we )?verzoek(en)? (ik |wij |we )?u\b|"
    r"(i|we) (would|should) (be grateful|appreciate)|please (indicate|clarify|specify|let (me|us) know)|"
    r"kindly (advise|confirm|indicate|clarify|share|explain|provide|revert|let (me|us) know)|"
    r"please (share|provide|explain|advise)|(ik|wij|we) (hoor|horen) (graag|gaarne))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    text: str
    context: str = ""
    joined: bool = False  # cut from the sentence of the question before: "..., en binnen welke termijn?"

    @property
    def full(self) -> str:
        """The question with the statements before it, as the matcher should read it."""
        return f"{self.context} {self.text}".strip()


# A list item's marker: "- ", "* ", "• ", "1) ", "2. ", "(a) ", "(ii) ".
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d{1,2}[.)]|\(?[a-z0-9]{1,2}\)|[ivx]{1,4}\))\s+", re.IGNORECASE)


# "ok", "top, thanks": an acknowledgement on a line of its own neither asks nor tells anything.
_ACKNOWLEDGEMENT = re.compile(
    r"^(ok|oke|okay|oké|top|prima|helder|duidelijk|thanks|thank you|thx|bedankt|dank je|dankjewel|great|perfect|"
    r"cool|fijn|goed|alright|understood|begrepen)([ ,]+(thanks|thx|bedankt|dank je))?[.!,]*$",
    re.IGNORECASE,
)


# "Gaarne verneem ik uw antwoord.", "Ik hoor graag van u, want ...", "I look forward to your reply": a courtesy that
# asks for the answer to the questions before it, not a question of its own.
_COURTESY = re.compile(
    r"^\s*((graag|gaarne) vern\w+ (ik|wij|we) (uw|jullie|je) (antwoord|reactie|bericht|mening)|"
    r"(ik|wij|we) (hoor|horen|verneem|vernemen) (graag|gaarne) (van u|van jullie|van je|uw antwoord|uw reactie)|"
    r"(i|we) (look|are looking) forward to (your|hearing from you|a) ?(reply|response|answer|feedback)?|"
    r"(i|we) (would )?(appreciate|be grateful for) (your|a) (quick |prompt |swift |kind )?"
    r"(reply|response|answer|feedback))"
    r"(?![^?]*\b(welke|wat|hoe|of|wanneer|waar|whether|what|how|which|if|when|where)\b)",
    re.IGNORECASE,
)
_LONE_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s*$")


def _items(text: str) -> list[tuple[str, bool]]:
    """The sentences of `text`, each with whether it was a list item ("1. te bevestigen dat ...")."""
    parts: list[str] = []
    for part in (p for p in _SENTENCE_END.split(text) if p):
        # "1. te bevestigen ...": the full stop after the number ended a "sentence"; the marker joins its item.
        if parts and _LONE_MARKER.match(parts[-1]):
            part = f"{parts.pop()} {part}"
        parts.append(part)
    marked = ((s, bool(_BULLET.match(s))) for s in parts)
    unmarked = ((_BULLET.sub("", s).strip(), item) for s, item in marked)
    return [(s, item) for s, item in unmarked if s]


def sentences(text: str) -> list[str]:
    return [s for s, _ in _items(text)]


def is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith(":"):
        return False  # "Please advise on the following:" announces the questions after it
    if sentence.rstrip().endswith("?") or _ASKING.search(sentence) or _CONDITION_LED.match(sentence):
        return True
    if sentence.rstrip().endswith((".", "!")) and not _QUESTION_ORDER.match(sentence):
        # A question word opening a sentence that ends with a full stop, without a question's word order, opens a
        # statement: "Zijn slot is opengegaan.", "Wat we wel hebben: een mailinglijst."
        return False
    return bool(_QUESTION_WORD.match(sentence) or _CONDITION_THEN_QUESTION.match(sentence))


# "...and what they can do themselves", "...en wat ze zelf kunnen doen": a question word with its subject right after it
# is a clause of the sentence before (a question puts the verb first: "what can they do").
_EMBEDDED = re.compile(
    r"^(what|how|when|where|which|who|why|wat|hoe|wanneer|waar|welke|wie|waarom)\s+(they|we|you|i|he|she|it|ze|zij|"
    r"wij|jullie|ik|hij|men)\b",
    re.IGNORECASE,
)


_LONE_QUESTION_WORD = re.compile(r"^(where|when|how|waar|wanneer|hoe)$", re.IGNORECASE)
# "(i) your view on whether ..., and (ii) confirmation of the minimum content": an enumeration inside one sentence,
# numbered the way lawyers number (digits and letters are the Regulation's paragraphs and points: "14(1) and (3)").
_INLINE_ENUMERATION = re.compile(r"\s*[,;]?\s*(?:and |en )?\((?:ii|iii|iv)\)\s+", re.IGNORECASE)


def _enumerated(sentence: str) -> str:
    """The sentence with its inline enumeration "(i) ..., and (ii) ..." cut into parts ("; "), if it has one."""
    return _INLINE_ENUMERATION.sub("; ", sentence) if "(i) " in sentence else sentence


def _rejoin(parts: list[str]) -> list[str]:
    """Undo cuts that left no question behind: a lone question word ("Hoe en wanneer ...") joins the part after it,
    an embedded clause ("and what they can do") the part before it."""
    joined: list[str] = []
    pending = ""
    for number, part in enumerate(parts):
        part = f"{pending}, {part}" if pending else part
        pending = ""
        last_word = part.split()[-1] if part.split() else ""
        if number < len(parts) - 1 and (
            (len(part.split()) == 1 and _QUESTION_WORD.match(part)) or _LONE_QUESTION_WORD.match(last_word)
        ):
            pending = part  # "Zou u willen uitleggen waar, en hoe ...?": the question word asks with the next part
        elif joined and _EMBEDDED.match(part):
            joined[-1] = f"{joined[-1]}, {part}"
        else:
            joined.append(part)
    return joined + ([pending] if pending else [])


def _lead_in(sentence: str) -> tuple[str, str]:
    """ "My manager asks: what happens now?" is the question after the colon; what comes before sets it up. In "CE
    marking for a router: how?" the words before the colon are the question's subject, and stay with it."""
    before, colon, after = sentence.partition(": ")
    if colon and before.strip() and _QUESTION_WORD.match(after) and "?" not in before and len(after.split()) >= 3:
        return before.strip() + ":", after.strip()
    return "", sentence


def split_questions(text: str) -> list[Question]:
    """The questions of a message; a message without any question is one question (chat lines often lack '?')."""
    questions: list[Question] = []
    context: list[str] = []
    listed = False  # the items after "Namens cliënte verzoek ik u:" are what is asked, however they are worded
    for sentence, item in _items(text):
        if _ACKNOWLEDGEMENT.match(sentence) or _COURTESY.match(sentence):
            continue
        listed = (listed and item) or (sentence.endswith(":") and bool(_ASKING.search(sentence)))
        if not is_question(sentence) and not (listed and item):
            context.append(sentence)
            continue
        lead_in, sentence = _lead_in(sentence)
        parts = [
            p.strip(" ,;")
            for p in _JOINED_QUESTION.split(_CONDITIONAL_JOIN.sub("; ", _enumerated(sentence)))
            if p.strip(" ,;")
        ]
        parts = _rejoin(
            [q for p in parts for q in p.split("; ") if q.strip() and not _ACKNOWLEDGEMENT.match(q.strip())]
        )
        for number, part in enumerate(parts):
            # The lead-in sets up the question right after it; a second question joined to it has its own subject.
            set_up = " ".join(context + ([lead_in] if lead_in and number == 0 else []))
            questions.append(Question(part, set_up, joined=number > 0))
        context = []
    if not questions:
        return [Question(text.strip())] if text.strip() else []
    if context:
        # Statements after the last question ("We need to know by Friday.") still belong to the message.
        last = questions[-1]
        questions[-1] = Question(last.text, f"{last.context} {' '.join(context)}".strip())
    return questions
