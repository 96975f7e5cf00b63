#!/usr/bin/env python
"""Container health check of the web service: GET /api/v1/health/ready/ must answer 200.

Django rejects unknown Host headers, so the request names the first entry of DJANGO_ALLOWED_HOSTS
(a wildcard or leading-dot entry becomes a concrete name). The readiness endpoint is exempt from the
HTTPS redirect (SECURE_REDIRECT_EXEMPT in config/settings/production.py).
"""

import os
import sys
import urllib.error
import urllib.request

URL = "http://127.0.0.1:8000/api/v1/health/ready/"


def host_header() -> str:
    first = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    if not first or first == "*":
        return "localhost"
    return first.lstrip(".").replace("*", "health") or "localhost"


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  (fixed loopback URL)
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"not ready: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
