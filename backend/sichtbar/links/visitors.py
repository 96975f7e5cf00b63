"""Who clicked, as far as we may know: bot or human, device class, referrer domain and a daily-salted
visitor hash. IP addresses are used only inside the hash and never stored anywhere."""

import hashlib
import hmac
import re
import secrets
import threading
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DailySalt, DeviceClass

# Link-preview fetchers and crawlers the maintained list might describe differently; checked first.
_PREVIEW_FETCHERS = re.compile(
    r"slackbot|linkedinbot|facebookexternalhit|facebookcatalog|twitterbot|whatsapp|telegrambot|"
    r"discordbot|skypeuripreview|mastodon|xing-contenttabreceiver|embedly|pinterestbot|redditbot|"
    r"bingpreview|google-inspectiontool|applebot|iframely|outbrain|vkshare|w3c_validator|"
    r"headlesschrome|python-requests|python-httpx|curl/|wget/|go-http-client|okhttp|java/",
    re.IGNORECASE,
)
_TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|(android(?!.*mobile))", re.IGNORECASE)
_MOBILE = re.compile(r"mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone", re.IGNORECASE)
_DESKTOP = re.compile(r"windows nt|macintosh|x11|linux|cros", re.IGNORECASE)
_detector = CrawlerDetect()
_detector_lock = threading.Lock()  # CrawlerDetect keeps per-call state on the instance


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Known crawlers, link-preview fetchers and HTTP libraries; an empty user agent counts as a bot."""
    if not user_agent.strip():
        return True
    if _PREVIEW_FETCHERS.search(user_agent):
        return True
    with _detector_lock:
        return bool(_detector.isCrawler(user_agent))


@lru_cache(maxsize=4096)
def device_class(user_agent: str) -> str:
    if _TABLET.search(user_agent):
        return DeviceClass.TABLET.value
    if _MOBILE.search(user_agent):
        return DeviceClass.MOBILE.value
    if _DESKTOP.search(user_agent):
        return DeviceClass.DESKTOP.value
    return DeviceClass.OTHER.value


def referrer_host(referrer: str) -> str:
    """Only the referring domain is kept (never the path or query, which can name a person)."""
    try:
        host = urlsplit(referrer).hostname or ""
    except ValueError:
        return ""
    return host.lower()[:255]


# --- daily salt -----------------------------------------------------------------------------------

_salt_cache: tuple[date, bytes] | None = None


def daily_salt(day: date | None = None) -> bytes:
    """Today's (UTC) salt, created by whichever process needs it first; cached in the process."""
    global _salt_cache
    day = day or timezone.now().date()
    cached = _salt_cache
    if cached is not None and cached[0] == day:
        return cached[1]
    row = DailySalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = DailySalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another process created it first
            row = DailySalt.objects.get(day=day)
    salt = row.salt.encode()
    _salt_cache = (day, salt)
    return salt


def daily_salt_in_memory() -> bytes | None:
    """Today's salt if this process holds it already (no database access), else None."""
    cached = _salt_cache
    return cached[1] if cached is not None and cached[0] == timezone.now().date() else None


def daily_salt_forget() -> None:
    """Drop the process's cached salt (retention deletes old salts; tests rotate days)."""
    global _salt_cache
    _salt_cache = None


def visitor_hash(*, ip: str, user_agent: str, salt: bytes) -> str:
    return hmac.new(salt, f"{ip}\n{user_agent}".encode(errors="replace"), hashlib.sha256).hexdigest()
