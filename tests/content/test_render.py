"""render_variant: normalised text, its length, and facets only for Bluesky."""

from content.platforms import Platform
from content.render import render_variant

DECOMPOSED = "Gru\u0308ße aus Dortmund #ToDoDortmund   \n\n"


def test_text_is_nfc_and_trailing_whitespace_is_stripped() -> None:
    rendered = render_variant(Platform.MASTODON, DECOMPOSED)
    assert rendered.text == "Grüße aus Dortmund #ToDoDortmund"
    assert rendered.length == len(rendered.text)


def test_facets_only_on_bluesky_and_computed_on_the_normalised_text() -> None:
    assert render_variant(Platform.X, DECOMPOSED).facets == ()
    assert render_variant(Platform.MASTODON, DECOMPOSED).facets == ()
    rendered = render_variant(Platform.BLUESKY, DECOMPOSED)
    [tag] = rendered.facets
    assert rendered.text.encode()[tag.byte_start : tag.byte_end] == b"#ToDoDortmund"


def test_fits_uses_the_given_limit() -> None:
    text = "a" * 600
    assert not render_variant(Platform.MASTODON, text).fits
    rendered = render_variant(Platform.MASTODON, text, limit=1000)
    assert (rendered.limit, rendered.fits) == (1000, True)
