"""Does a German reply ask the team something? The inbox's "open questions" and the weekly
report's "questions waiting for an answer" rest on this.

A question mark is not enough and not needed: "Wie immer." and "Wer braucht sowas?" ask
nothing, "Weiß jemand, ob das bei Regen stattfindet" does. So each sentence is judged on
its own: one with a question mark asks unless it is a known rhetorical formula; one without
asks only when it opens the way German questions and requests for information open (an
asking phrase, a question word and a verb, or a verb and its subject). Measured on
tests/sentiment/questions/questions_de.csv.
"""

from __future__ import annotations

import regex as re

_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD_CHARS = re.compile(r"[\p{L}']+")

#: Questions that expect no answer: outrage, mockery and set phrases.
_RHETORICAL = re.compile(
    r"^(?:"
    r"ernsthaft|echt jetzt|wirklich|sonst noch (?:was|wünsche)|geht'?s noch"
    r"|was soll (?:das|der (?:quatsch|mist))(?: denn)?"
    r"|wer (?:braucht|will) (?:sowas|so was|das)"
    r"|wer soll (?:das|sowas) (?:denn |bitte |eigentlich )*(?:bezahlen|glauben|verstehen)"
    r"|wer (?:denkt sich|hätte (?:das|es) gedacht|hat sich (?:das|sowas) (?:denn )?ausgedacht)"
    r"|wen (?:interessiert|juckt)"
    r"|(?:wie|warum) kann man (?:nur|bloß|denn)"
    r"|wie (?:blöd|dumm|doof|naiv|geil|cool|peinlich|schön|toll) "
    r"|warum wundert (?:mich|uns)"
    r"|was habt ihr euch (?:dabei|da) gedacht"
    r"|habt ihr (?:sie|euch) noch alle"
    r"|ist das (?:euer|dein|ihr) ernst"
    r"|merkt ihr (?:eigentlich|noch)"
    r"|wie oft (?:denn )?noch"
    r"|und das soll .+ sein"
    r"|(?:wie|wer|was) soll (?:man|ich|da|das)\b.*\bnoch\b"
    r"|was (?:denken|glauben) (?:die|sie|ihr) (?:sich|euch) (?:eigentlich|dabei|denn)"
    r"|muss das sein|wozu (?:das ganze|der aufwand)"
    r")",
)

#: Openings that ask for information without a question mark.
_ASKING = re.compile(
    r"^(?:"
    r"weiß (?:hier )?(?:jemand|einer|wer)|kann mir (?:jemand|einer|wer) sagen"
    r"|hat (?:jemand|einer) (?:eine )?ahnung|ich frage mich,? (?:ob|wann|wo|wie|wer|was|warum)"
    r"|mich würde interessieren|ich wüsste gerne?|wäre (?:nett|gut|schön) zu wissen"
    r"|(?:sagt|schreibt|verratet) (?:mir |uns )?(?:doch )?(?:bitte )?(?:mal )?"
    r"(?:wann|wo|wie|ob|wer|was|welche)"
    r"|bitte um (?:info|infos|auskunft|antwort)|könnt ihr (?:mir|uns) sagen"
    r"|(?:kurze |eine )?frage(?: an [^:]+)?:"
    r")",
)

_QUESTION_WORDS = (
    r"(?:wann|wo|wohin|woher|wie(?: (?:lange|viele?|spät|oft|weit|hoch|teuer))?|was|warum"
    r"|wieso|weshalb|wer|wem|wen|welche[rsmn]?|ab wann|bis wann|ab welchem \w+|an wen)"
)
_FINITE_VERBS = (
    r"(?:ist|sind|geht|gehts|geht's|gibt|gibts|gibt's|kann|kannst|könnt|können|muss|müssen"
    r"|soll|sollen|darf|dürfen|findet|beginnt|startet|fängt|öffnet|endet|kommt|kommen|komme"
    r"|bekomme|bekommt|finde|findet|dauert|kostet|hat|haben|habt|wird|werden|fährt|melde"
    r"|erreiche|passiert|läuft|war|waren)"
)
_W_QUESTION = re.compile(rf"^{_QUESTION_WORDS} {_FINITE_VERBS}\b")
_VERB_FIRST = re.compile(
    r"^(?:gibt|gibts|gibt's|kann|könnt|können|ist|sind|habt|hat|muss|darf|findet|kommt"
    r"|seid|wird|werden|gilt)"
    r" (?:es|man|ich|ihr|jemand|der|die|das|da|euch"
    r"|(?:schon|denn|eigentlich) (?:klar|bekannt|entschieden|sicher|geplant))\b"
)
#: Verb-first sayings that state, not ask.
_VERB_FIRST_SAYINGS = re.compile(
    r"^(?:kann man (?:machen|so sehen|nichts machen)|muss man mögen|ist das schön)$"
)


def is_question(text: str) -> bool:
    """True when some sentence of `text` asks the team for an answer."""
    return any(_asks(sentence) for sentence in _SENTENCES.split(text.strip()))


def _asks(sentence: str) -> bool:
    plain = sentence.strip().replace("’", "'").lower()
    words = " ".join(_WORD_CHARS.findall(plain))
    if not words or _RHETORICAL.match(words):
        return False
    if "?" in plain:
        return True
    if _ASKING.match(plain) or _ASKING.match(words):
        return True
    if _W_QUESTION.match(words):
        return True
    # Verb first is also how German states things ("Kann ich nur empfehlen."): without a
    # question mark it asks only when the writer set no full stop either.
    return bool(
        _VERB_FIRST.match(words)
        and len(words.split()) >= 3
        and not plain.endswith((".", "!"))
        and not _VERB_FIRST_SAYINGS.match(words)
    )
