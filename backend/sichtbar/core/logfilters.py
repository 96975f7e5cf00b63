"""Log filters: no client address in any log line (docs/privacy.md). Django's logging and gunicorn's
(backend/gunicorn.conf.py) both pass every record through `AddressScrubFilter`."""

import ipaddress
import logging
import re

# Candidates only: every match is checked by `ipaddress` before it is replaced (times like 12:30:45 stay).
_IPV6 = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:])"
)
_IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)")
REDACTED = "[address]"


def _redact(match: re.Match[str]) -> str:
    text = match.group(0)
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return text
    return REDACTED


def scrub_addresses(text: str) -> str:
    """`text` with every IPv4 and IPv6 address replaced by "[address]"."""
    return _IPV4.sub(_redact, _IPV6.sub(_redact, text))


class AddressScrubFilter(logging.Filter):
    """Rewrites a record's message (arguments merged in) without IP addresses; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub_addresses(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True
