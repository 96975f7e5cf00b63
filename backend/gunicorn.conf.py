"""Gunicorn settings, read from backend/ by every way the app is served (compose, Kubernetes, `make run`):
access and error logs on stdout/stderr without client addresses (docs/privacy.md)."""

import sys
from pathlib import Path

from gunicorn.glogging import Logger

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sichtbar.core.logfilters import AddressScrubFilter

accesslog = "-"
errorlog = "-"
# Time, method and path (no query string), status, size, duration: no address, referrer or user agent.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class AddressFreeLogger(Logger):
    """Gunicorn's logger with every record scrubbed of IP addresses (its error log names the client on
    invalid requests: "Invalid request from ip=…")."""

    def setup(self, cfg: object) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(AddressScrubFilter())


logger_class = AddressFreeLogger
