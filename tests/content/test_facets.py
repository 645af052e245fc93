"""Bluesky facets: byte offsets must point at the entity in the UTF-8 encoded text."""

from content.facets import Facet, bluesky_facets

TEXT = (
    "Grüße aus Dortmund 😀👨\u200d👩\u200d👧\u200d👦! Fragen an @todo.bsky.social, "
    "Programm: https://www.dortmund.de/todo-woche. #ToDoDortmund #NeueArbeit"
)


def _slice(facet: Facet) -> str:
    return TEXT.encode("utf-8")[facet.byte_start : facet.byte_end].decode("utf-8")


def test_facets_after_umlauts_and_emoji_slice_to_the_entity() -> None:
    facets = bluesky_facets(TEXT)
    assert [(f.kind, _slice(f)) for f in facets] == [
        ("mention", "@todo.bsky.social"),
        ("link", "https://www.dortmund.de/todo-woche"),
        ("tag", "#ToDoDortmund"),
        ("tag", "#NeueArbeit"),
    ]


def test_byte_offsets_differ_from_character_offsets() -> None:
    mention = bluesky_facets(TEXT)[0]
    assert mention.byte_start == len(TEXT[: TEXT.index("@")].encode("utf-8"))
    assert mention.byte_start > TEXT.index("@")


def test_values_have_no_markers_and_trailing_punctuation_is_not_linked() -> None:
    values = [(f.kind, f.value) for f in bluesky_facets(TEXT)]
    assert ("mention", "todo.bsky.social") in values
    assert ("link", "https://www.dortmund.de/todo-woche") in values
    assert ("tag", "ToDoDortmund") in values


def test_bare_domain_becomes_an_https_link() -> None:
    [facet] = bluesky_facets("Alles unter dortmund.de")
    assert (facet.kind, facet.value) == ("link", "https://dortmund.de")


def test_plain_text_has_no_facets() -> None:
    assert bluesky_facets("Kein Link, keine Erwähnung, 100 % Text.") == ()
