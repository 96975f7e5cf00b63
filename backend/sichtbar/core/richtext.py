"""Rich text: the one sanitiser for user-written HTML (bios, notes), built on nh3 (ammonia)."""

import html

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_HTML_LENGTH = 20_000
MAX_PLAIN_TEXT_LENGTH = 70_000


def sanitize_html(html: str) -> str:
    """Keep paragraphs, emphasis, lists and links; drop scripts, event handlers, styles and unsafe URLs.

    Links get rel="noopener noreferrer nofollow" so a profile cannot pass on ranking or the opener.
    """
    cleaned = nh3.clean(
        html[:MAX_HTML_LENGTH],
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned.strip()


def html_to_text(markup: str) -> str:
    """Plain text of sanitised HTML, for search indexes and meta descriptions."""
    text = nh3.clean(markup.replace("</p>", "</p> ").replace("<br>", " "), tags=set())
    return " ".join(html.unescape(text).split())


def sanitize_plain_text(text: str) -> str:
    """Plain text (share texts): markup and scripts removed, entities decoded, line breaks normalised."""
    cleaned = nh3.clean(text[:MAX_PLAIN_TEXT_LENGTH], tags=set())
    cleaned = html.unescape(cleaned).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in cleaned.strip().split("\n"))
