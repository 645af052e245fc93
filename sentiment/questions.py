"""Does a German reply ask the team something? The inbox's "open questions" and the weekly
report's "questions waiting for an answer" rest on this.

A question mark is not enough and not needed: "Wie immer." and "Wer braucht sowas?" ask
nothing, "Weiß jemand, ob das bei Regen stattfindet" does. So each sentence (and each part
after a colon) is judged on its own, after greetings, handles and links are set aside:

- a *request* asks whatever else the reply says: an asking phrase ("Bitte um Info",
  "Weiß jemand", "Könnt ihr bitte …", "Ich suche …", "Frage: …");
- a *question* asks unless the reply takes it back: a question mark, a question word followed
  by its verb ("wo kann man …"), or a verb and its subject first ("Habt ihr …") without a
  full stop. Taken back are known rhetorical formulas ("Soll das ein Witz sein?"), questions
  in a reply marked as ironic ("Na toll.", "Aha.", 🙄), questions the writer answers in the
  next sentence ("…? Niemand, wie immer."), a tag question on a complaint ("…, oder?" asks for
  confirmation; "doch wieder nur Show, oder?" and "…, oder wie?" do not), and an echoed
  fragment ("Neue Arbeit? …") that is not the reply's last word.

Verbs are recognised from a small lexicon of present-tense forms, also with one typo
("kan", "funktionirt"). Measured on the labelled sets in tests/sentiment/questions/: one
for tuning, three written before the detector met them (tests/sentiment/test_questions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

_SENTENCES = re.compile(
    r"(?<=[.!?…][\"'“”»)]*)\s+|\n+|(?<=\p{Extended_Pictographic})\s+|(?<=\p{L}):\s+"
)
_WORD_CHARS = re.compile(r"[\p{L}']+")
_TOKENS = re.compile(r"[\p{L}']+|,")
#: Handles and links say nothing about asking; a full stop right after them stays.
_HANDLES_AND_LINKS = re.compile(
    r"(?:https?://|www\.)\S+?(?=[.,!?)]*(?:\s|$))|(?<![\w@])@\w+(?:\.\w+)*"
)

#: Openings that only greet or address: set aside before a sentence is judged.
_LEADS = re.compile(
    r"^(?:(?:hallo|hi|hey|moin|servus|guten (?:morgen|tag|abend)|hömma|hör mal|sorry"
    r"|entschuldigung|sagt mal|sag mal|ey|also|ähm|äh|übrigens|ach|na|und|aber|ok|okay"
    r"|zusammen|(?:liebe[sr]?|an das) (?:to do )?team)(?: ,)? |(?:liebe )?leute , )+"
)

#: Questions that expect no answer: outrage, mockery and set phrases.
_RHETORICAL = re.compile(
    r"^(?:"
    r"(?:ernsthaft|echt jetzt|echt|wirklich)\b|sonst noch (?:was|wünsche)|geht'?s noch"
    r"|was soll (?:das|der (?:quatsch|mist))(?: denn)?$"
    r"|was soll (?:das|der|die|ein|eine|so ein|sowas|so was)\b.*\b"
    r"(?:bringen|ausrichten|ändern|helfen|nützen|bewirken)"
    r"|wer (?:braucht|will|liest|versteht) (?:denn )?(?:schon|sowas|so was|das)\b"
    r"|wen (?:interessiert|juckt|kümmert)"
    r"|was (?:bringt|nützt|hilft) (?:das|sowas|es) (?:denn )?schon"
    r"|was (?:bringt|nützt|hilft) (?:das|sowas|es)\b.*\baußer\b"
    r"|wer soll (?:das|sowas) (?:denn |bitte |eigentlich )*(?:bezahlen|glauben|verstehen)"
    r"|wer glaubt (?:denn |ernsthaft |wirklich |noch )*(?:sowas|so was|das|daran|dran|euch)"
    r"|wer (?:denkt sich|hätte (?:das |es )?(?:denn )?gedacht|hat sich (?:denn )?.*ausgedacht)"
    r"|wer (?:hat|darf|muss|zahlt|bezahlt|soll) (?:\S+ )?(?:schon |mal )?wieder\b"
    r"|(?:wie|warum) kann man (?:nur|bloß|denn)"
    r"|wie (?:blöd|dumm|doof|naiv|geil|cool|peinlich|schön|toll|krass|genial|lächerlich) "
    r"|(?:warum|wieso) (?:wundert|überrascht|erstaunt) (?:mich|uns|einen)"
    r"|was habt ihr euch (?:dabei|da) gedacht|habt ihr (?:sie|euch) noch alle"
    r"|ist das (?:euer|dein|ihr) ernst|merkt ihr (?:eigentlich|noch)"
    r"|(?:habt|hat) ihr (?:euch )?(?:eigentlich |überhaupt |schon )*(?:mal|jemals|je)\b.*"
    r"\b(?:gesehen|gedacht|nachgedacht|gesprochen|überlegt|gefragt|angeschaut)\b"
    r"|(?:glaubt|meint|denkt) ihr (?:eigentlich |wirklich |ernsthaft |echt |allen ernstes )+"
    r"|wie oft (?:denn )?noch|wie lange (?:wollt|will|wollen) (?:ihr|die|sie|man)\b.*\bnoch\b"
    r"|(?:das|dies) (?:soll .+ sein|nennt ihr|nennt sich|nennen die)"
    r"|(?:soll|ist) das (?:ein |eure )?(?:witz|scherz|satire)"
    r"|wo wart ihr (?:denn |eigentlich )?(?:da|damals|als)\b|was kommt als nächstes"
    r"|wie kommt man (?:denn |bloß |nur |bitte )?(?:auf (?:die|so eine|sone) idee|darauf|auf sowas)"
    r"|(?:wie|wer|was) (?:soll|sollen) (?:man|ich|wir|da|das)\b.*\bnoch\b"
    r"|\S+ \S+ (?:\S+ )?denn bitte\b|dafür (?:zahlen|bezahlen|zahlt|gibt|geben|haben) \w+"
    r"|.*\bwenn (?:\w+ ){0,2}(?:eh|sowieso|ohnehin)\b|.*\bwenn ihr doch\b"
    r"|.*\b(?:alles immer|immer alles)\b|was soll (?:ich|man) (?:da |dazu )?(?:noch )?sagen"
    r"|was (?:denken|glauben) (?:die|sie|ihr) (?:sich|euch) (?:eigentlich|dabei|denn)"
    r"|muss das sein|wozu (?:das ganze|der aufwand)"
    r"|(?:toll|super|klasse|prima|schön|großartig|aha|ok|okay) und (?:dann|jetzt|nun|weiter)\b"
    r")",
)

#: Words that mark the whole reply as ironic: its questions expect no answer.
_IRONY = re.compile(
    r"🙄|😒|🤡|(?:^|[.!?]\s*)aha\b|\bna (?:toll|super|klasse|prima|großartig|bravo)\b"
    r"|\?\s*😂|\bfragt? für einen freund\b|\bschon klar\b(?!\s*\w)|\bja ?ja\b|\bja klar\b"
    r"|\b(?:jetzt|nun) (?:auf einmal|plötzlich)\b",
)

#: A sentence that answers the question before it ("Niemand, wie immer.", "Genau: …").
_SELF_ANSWER = re.compile(
    r"^(?:niemand|keiner|keine[rn]?(?! ahnung)|nichts|nix|genau|eben|natürlich|logisch|weil"
    r"|nein|nee|nö|glaub(?:e)?(?: ich)? nicht|wohl kaum|sicher nicht|bestimmt|vermutlich"
    r"|richtig|tja"
    r"|(?:\w+ )?jedenfalls$|wie (?:immer|üblich)$|typisch$)\b"
)

#: Questions about who (or since when) that the writer answers with a bare name or phrase:
#: "Wer hat was davon? Die Beraterfirma.", "Seit wann …? Seit nie."
_WHO = re.compile(r"^(?:und )?(?:wer|wen|wem|wessen|seit wann|für wen)\b")
_THANKS = re.compile(r"\b(?:danke|dank|grüße?|gruß|lg|mfg|bitte|hilfe)\b")

#: Tag questions: "…, oder?" asks for confirmation, unless it caps a complaint.
_TAG = re.compile(r",\s*(?:oder|gell|gelle|ne|nä|oder nicht|nicht wahr|richtig|stimmt's|woll)\W*$")
_SCORNFUL_TAG = re.compile(r",\s*oder (?:wie|was)\W*$")
_COMPLAINT = re.compile(
    r"\b(?:(?:doch|mal|schon) wieder|wieder (?:so|nur|mal)|typisch|show|quatsch|unsinn"
    r"|blödsinn|verschwendung|witz|lächerlich|peinlich|augenwischerei)\b"
)

#: Openings that ask for information, with or without a question mark.
_REQUEST = re.compile(
    r"^(?:"
    r"weiß (?:hier )?(?:jemand|einer|wer|ihr|jmd)|kann (?:mir|uns) (?:hier )?(?:jemand|einer|wer)"
    r"|(?:hat|hätte) (?:hier )?(?:jemand|einer|wer|jmd) (?:\S+ )?(?:ahnung|tipp|idee|infos?"
    r"|erfahrung|link|nummer|kontakt)"
    r"|(?:könnt|können|würden) (?:ihr|sie) (?:mir |uns )?(?:bitte|mal|vielleicht)"
    r"|(?:könntet|würdet) ihr|(?:können|könnten|würden) sie (?:mir|uns) (?:\S+ )?(?:mitteilen|sagen"
    r"|schicken|erklären|helfen)"
    r"|(?:könnt|könntet) ihr (?:mir|uns) sagen"
    r"|(?:sagt|schreibt|verratet|erklärt|schickt|nennt|postet|gebt) (?:mir|uns)\b"
    r"|(?:sagt|schreibt|verratet) (?:doch )?(?:bitte )?(?:mal )?(?:wann|wo|wie|ob|wer|was|welche)"
    r"|(?:ich )?bitte um (?:\w+ )?(?:info|auskunft|antwort|rückmeldung|rückruf|hilfe)"
    r"|(?:wäre|wär|fände ich) (?:\w+ )?(?:super|toll|nett|schön|klasse|prima|lieb|hilfreich) wenn"
    r" (?:mir|uns) (?:jemand|einer|wer|ihr)\b"
    r"|(?:gibt(?:'?s| es) )(?:\w+ )?(?:infos?|informationen|unterlagen|material)\b"
    r"|(?:ich )?(?:suche|such|bräuchte|brauche|brauch) (?:mal )?(?:eine?n?|den|die|das|jemanden"
    r"|infos?|informationen|hilfe|rat|ansprechpartner|kontakt|tipps?)\b"
    r"|(?:infos?|informationen|ein link|eine antwort|rückmeldung|tipps?|hinweise)\b.*\b"
    r"(?:wären?|würden mir) (?:super|toll|nett|gut|schön|hilfreich|klasse|prima|top)"
    r"|(?:(?:kurze|eine|meine|noch eine|ne) )?frage(?: (?:an|zu|zur|zum|wegen) .+)?$"
    r"|ich (?:hätte|hab|habe) (?:da )?(?:mal )?(?:eine|ne|noch eine) frage"
    r"|ich (?:hätte|hätt) gerne? (?:\w+ )?(?:infos?|informationen|auskunft|rückmeldung|tipps?"
    r"|unterlagen|einen termin)\b"
    r")",
)

#: Indirect questions: the writer says what they would like to know.
_INDIRECT = re.compile(
    r"^(?:"
    r"(?:ich )?frag(?:e)? "
    r"(?:(?:mich|mal|euch|hier|vorsichtig|kurz|echt|ehrlich|ernsthaft|wirklich|gerade) )*"
    r"(?:ob|wann|wo|wie|wer|was|warum|wieso|welche)\b"
    r"|mich (?:würde|würd) interessieren|mich interessiert (?:ob|wann|wo|wie|wer|was|warum|welche)"
    r"|(?:ich )?(?:würde|würd|möchte|will) (?:gerne? |gern )?(?:mal )?wissen"
    r"|ich wüsste gerne?|wäre (?:nett|gut|schön|super|hilfreich) zu wissen"
    r"|ich hätte gerne? gewusst"
    r")",
)

_QUESTION_WORD = re.compile(
    r"^(?:(?P<phrase>welche[rsmn]?|wie viele?|wieviele?|was für(?: eine?n?)?)"
    r"|wann|wo|wohin|woher|worauf|womit|wofür|wie(?: (?:lange|lang|viele?|spät|oft|weit"
    r"|hoch|teuer|alt|genau))?|was|wat|watt|warum|wieso|weshalb|wer|wem|wen"
    r"|(?:ab|bis|seit) wann|(?:an|für|mit|bei|von) (?:wen|wem))\b"
)
#: What a verb may have first instead of a subject: "Ist schon klar, wer …".
_SETTLED = re.compile(r"^(?:schon|denn|eigentlich) (?:klar|bekannt|entschieden|sicher|geplant)$")
_PARTICLES = frozenset(["genau", "denn", "eigentlich", "jetzt", "dann", "so"])
#: Short words that are one letter away from a verb form but never one ("auch", "dann").
_NOT_VERBS = frozenset(
    ["auch", "noch", "doch", "dann", "denn", "wann", "wenn", "mal", "man", "nur", "schon", "seit"]
)
#: Who a verb-first question asks about ("Habt ihr …", "Gibt es …", "Kommt die Bahn …").
_SUBJECTS_TEXT = (
    "es man ich du ihr wir sie er jemand einer wer der die das dat et den dem da hier dies"
    " diese ein eine einen ne nen mein meine euer eure"
)
_SUBJECTS = frozenset(_SUBJECTS_TEXT.split())
_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem"])
#: Verb-first sayings that state, not ask.
_VERB_FIRST_SAYINGS = re.compile(
    r"^(?:kann man (?:machen|so sehen|nichts machen)|muss man mögen|ist das schön)$"
)

#: Verbs replies ask with, as infinitives; their present-tense forms are derived.
_VERBS = (
    "arbeiten beginnen bekommen bieten brauchen dauern enden entscheiden erreichen finden"
    " fehlen fördern funktionieren gehen gehören gelten klappen kosten kommen kriegen laufen"
    " lernen liegen lohnen machen melden öffnen passen passieren planen reichen schicken"
    " schließen sehen starten stehen stimmen suchen teilen wenden wohnen zahlen bezahlen"
    " zählen zeigen übernehmen unterstützen bringen nehmen geben fahren laden aussehen"
    " heißen bedeuten erfahren streamen warten antworten helfen bewerben treffen"
    " parken wechseln holen buchen bauen bleiben verdienen füllen kennen schaffen ändern"
)
_IRREGULAR = (
    "bin bist ist is isset sind seid war waren wart wäre wären hab habe hast hat habt hatte"
    " hätte hätten hättet wird wirst werde werden werdet würde würden würdet wurde wurden"
    " kann kannst kannste kannze können könnt könnte könnten könntet konnte muss musst"
    " müssen müsst müsste soll sollst sollen sollt sollte sollten darf darfst dürfen dürft"
    " dürfte will willst wollen wollt mag magst möchte möchtest möchten möchtet weiß weißt"
    " wissen wisst gibt gibst gibbet nimmt nimmst sieht siehst fährt fährst läuft läufst"
    " fängt hält gilt trifft hilft lädt übernimmt bewirbt erfährt tut tust"
    # Spoken first person without its -e ("Brauch ich …").
    " brauch komm geh find krieg seh steh"
)


@dataclass(frozen=True)
class _Sentence:
    """One sentence, lower-cased, with greetings and handles set aside."""

    text: str
    #: Its words without punctuation, and the same split at its commas.
    words: str
    clauses: tuple[str, ...]
    #: Words written with a capital inside the sentence: German nouns, never mistyped verbs.
    nouns: frozenset[str]


def is_question(text: str) -> bool:
    """True when some sentence of `text` asks the team for an answer."""
    plain = _HANDLES_AND_LINKS.sub(" ", text)
    sentences = [s for s in map(_sentence, _SENTENCES.split(plain)) if s.words]
    ironic = bool(_IRONY.search(plain.lower()))
    for index, sentence in enumerate(sentences):
        if any(_REQUEST.match(clause) for clause in sentence.clauses):
            return True
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        answered = following is not None and _answers(sentence, following)
        # A verbless fragment ("Neue Arbeit?", "Die Jungen etwa?") asks only as the reply's
        # last word after no other question: first it echoes, after a question it elaborates.
        echo = _is_fragment(sentence) and (
            following is not None or (index > 0 and "?" in sentences[index - 1].text)
        )
        if not (ironic or answered or echo) and _asks(sentence):
            return True
    return False


def _answers(question: _Sentence, following: _Sentence) -> bool:
    """Does the next sentence answer the question itself, so that it expects no answer?"""
    if _SELF_ANSWER.match(following.words):
        return True
    words = following.words.split()
    return bool(
        _WHO.match(question.words)
        and "?" not in following.text
        and len(words) <= 4
        and not _THANKS.search(following.words)
        and not any(_is_finite(word, following.nouns) for word in words)
    )


def _sentence(part: str) -> _Sentence:
    original = part.strip().replace("’", "'")
    tokens = _LEADS.sub("", " ".join(_TOKENS.findall(original.lower())))
    clauses = tuple(c.strip() for c in tokens.split(",") if c.strip())
    capitalised = [w for w in _WORD_CHARS.findall(original)[1:] if w[0].isupper()]
    return _Sentence(
        text=original.lower(),
        words=" ".join(clauses),
        clauses=clauses,
        nouns=frozenset(w.lower() for w in capitalised),
    )


def _asks(sentence: _Sentence) -> bool:
    words = sentence.words
    if _RHETORICAL.match(words):
        return False
    if "?" in sentence.text:
        scornful = _SCORNFUL_TAG.search(sentence.text)
        return not (scornful or (_TAG.search(sentence.text) and _COMPLAINT.search(words)))
    if _INDIRECT.match(words):
        return True
    if _w_question(sentence):
        return True
    # Verb first is also how German states things ("Kann ich nur empfehlen."): without a
    # question mark it asks only when the writer set no full stop either.
    first, *rest = words.split()
    return bool(
        len(rest) >= 2
        and _is_finite(first, sentence.nouns)
        and (rest[0] in _SUBJECTS or _SETTLED.match(" ".join(rest[:2])))
        and not sentence.text.endswith((".", "!"))
        and not _VERB_FIRST_SAYINGS.match(words)
    )


def _w_question(sentence: _Sentence) -> bool:
    """A question word followed by its verb ("wo kan man", "welche berufe gelten"); in
    statements a subject or an adverb follows it ("wie man sieht", "wie immer")."""
    clause = sentence.clauses[0]
    opening = _QUESTION_WORD.match(clause)
    if not opening:
        return False
    rest = [word for word in clause[opening.end() :].split() if word not in _PARTICLES]
    if not opening.group("phrase"):
        return bool(rest) and _is_finite(rest[0], sentence.nouns)
    # After "welche" or "wie viele" come the noun and its adjectives, then the verb; a
    # mistyped word there is more likely one of those than the verb.
    forms = _lexicon()[0]
    return any(word in forms for word in rest[:3])


def _is_fragment(sentence: _Sentence) -> bool:
    """A question without a verb or a question word: a few words ("Podcast?"), or a noun
    phrase ("Ein Container als Zukunft der Arbeit?", "Und die Rentner, die …?")."""
    tokens = sentence.clauses[0].split()
    return (
        "?" in sentence.text
        and (len(tokens) <= 3 or tokens[0] in _ARTICLES)
        and not _QUESTION_WORD.match(sentence.words)
        and not any(_is_finite(token, sentence.nouns) for token in tokens)
    )


def _is_finite(word: str, nouns: frozenset[str] = frozenset()) -> bool:
    """A present-tense (or modal) verb form, also with one letter wrong, missing or extra
    unless the writer capitalised it ("Arbeit" is no mistyped "arbeite")."""
    forms, shortened, replaced = _lexicon()
    word = word.removesuffix("'s")
    if word in forms:
        return True
    if len(word) < 3 or word in _NOT_VERBS or word in nouns:
        return False
    cuts = _cuts(word)
    return (
        word in shortened
        or any(cut in forms for _, cut in cuts)
        or any(c in replaced for c in cuts)
    )


def _cuts(word: str) -> set[tuple[int, str]]:
    """The word with one letter cut out, and where: two words one substitution apart share one."""
    return {(i, word[:i] + word[i + 1 :]) for i in range(len(word))}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[int, str]]]:
    """Known forms; forms of four letters or more with a letter missing; and their cuts, so
    that one edit away is a set lookup instead of a comparison with every form."""
    forms = set(_IRREGULAR.split())
    for infinitive in _VERBS.split():
        forms.update(_present_forms(infinitive))
    forms |= {form + "s" for form in forms if form.endswith("t")}
    cuts = set().union(*(_cuts(form) for form in forms if len(form) >= 4))
    return frozenset(forms), frozenset(cut for _, cut in cuts), frozenset(cuts)


def _present_forms(infinitive: str) -> set[str]:
    """ich, du, er/ihr, wir/sie of a regular verb: "melden" → melde, meldest, meldet, melden.
    The bare stem ("meld") is left out: too many stems are nouns ("Arbeit", "Plan", "Zahl")."""
    if infinitive.endswith(("ern", "eln")):
        stem = infinitive[:-1]
        return {infinitive, stem + "t", stem + "st", stem + "e"}
    stem = infinitive[:-2]
    joint = "e" if stem.endswith(("d", "t")) or re.search(r"[^lrmnh][mn]$", stem) else ""
    return {infinitive, stem + "e", f"{stem}{joint}st", f"{stem}{joint}t"}
