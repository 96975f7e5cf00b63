"""Per-network length limits of share texts, in one place (sources and assumptions in docs/content.md).

- LinkedIn: 3,000 characters for a post's commentary (LinkedIn Help, "character limits for posts").
- X: 280 characters (weighted; every URL counts as 23 because of t.co). We count plain characters and add
  nothing for the tracked link, which the sharing app appends: the limit here leaves room for it.
- Mastodon: 500 characters, the default of mastodon.social and most instances (instances may raise it).
- XING: 420 characters was the limit of XING status updates; XING no longer accepts posts through an API and
  its share intent does not prefill text, so the limit only keeps copied texts short. An assumption.
- Facebook: 63,206 characters per post.
- E-mail: no network limit; 10,000 keeps messages reasonable.
"""

from sichtbar.core.networks import Network

NETWORK_TEXT_LIMITS: dict[str, int] = {
    Network.LINKEDIN: 3000,
    Network.X: 280,
    Network.MASTODON: 500,
    Network.XING: 420,
    Network.FACEBOOK: 63206,
    Network.EMAIL: 10000,
}

# Characters X counts for any URL (t.co wrapping); the sharing app appends one tracked link.
X_URL_LENGTH = 23


def text_limit(network: str) -> int:
    return NETWORK_TEXT_LIMITS[network]


def text_length(text: str) -> int:
    """Length as the networks count it: Unicode code points (X's weighting of CJK is ignored)."""
    return len(text)
