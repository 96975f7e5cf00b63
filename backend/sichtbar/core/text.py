"""Plain-text hygiene shared by every app: what a name or title may not carry."""

import re

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), directional marks
# (U+200E, U+200F, U+061C), zero-width space/joiners (U+200B–U+200D), word joiner (U+2060), the byte order
# mark (U+FEFF) and the soft hyphen (U+00AD): invisible, they make one name look like another or reorder
# what a reader sees ("Trojan Source").
INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(value: str) -> str:
    """`value` without invisible formatting characters, trimmed."""
    return INVISIBLE.sub("", value).strip()
