"""Demo data for monitoring: the company's terms, two (inactive) example feeds and about a dozen mentions
found by the real matcher in canned articles naming demo colleagues. Safe to run twice."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from sichtbar.accounts.models import User

from .models import MentionSource, MonitoredTerm, MonitoredTermKind, MonitoringFeed, MonitoringFeedKind
from .services import matcher_build, store_mention

TERMS = [
    ("Sichtbar", MonitoredTermKind.COMPANY, ["unsichtbar"]),
    ("Sichtbar Expertenverzeichnis", MonitoredTermKind.PRODUCT, []),
    ("Expertenradar", MonitoredTermKind.BRAND, []),
]
FEEDS = [
    ("Branchennews (Beispiel)", "https://news.example.com/sichtbar.xml", MonitoringFeedKind.NEWS),
    (
        "Google Alert „Sichtbar“ (Beispiel)",
        "https://alerts.example.com/feeds/sichtbar",
        MonitoringFeedKind.ALERT,
    ),
]
# (title, text with {person} placeholders, days ago)
ARTICLES = [
    (
        "Sichtbar gewinnt HR-Innovationspreis",
        "Die Jury lobte, wie Sichtbar Fachwissen im Unternehmen sichtbar macht. {0} nahm den Preis entgegen.",
        2,
    ),
    (
        "Cloud-Migration im Mittelstand",
        "Im Interview erklärt {1}, warum Plattform-Teams wichtiger werden als Werkzeuge.",
        4,
    ),
    (
        "Expertenradar: Wer spricht über KI?",
        "Das Expertenradar listet diese Woche {0} und {2} als gefragte Stimmen.",
        6,
    ),
    (
        "Sichtbar Expertenverzeichnis jetzt öffentlich",
        "Journalistinnen finden Ansprechpartner jetzt direkt im Sichtbar Expertenverzeichnis.",
        9,
    ),
    (
        "Podcast: Datenschutz in der Praxis",
        "Zu Gast: {2}. Es geht um Einwilligungen, Löschfristen und den Betriebsrat.",
        12,
    ),
    ("Employer Branding 2026", "Unternehmen wie Sichtbar setzen auf Mitarbeitende als Botschafter.", 15),
    ("Konferenzbericht Cloud Summit München", "{1} und {0} sprachen über Kubernetes im Alltag.", 21),
    (
        "Forum: Erfahrungen mit Sichtbar?",
        "Hat jemand Erfahrungen mit Sichtbar als Advocacy-Plattform gesammelt?",
        25,
    ),
    ("Fachartikel: Passkeys im Unternehmen", "Ein Gastbeitrag von {1}.", 33),
    (
        "Warum Expertenprofile wirken",
        "Eine Studie zeigt: Profile mit Beiträgen werden öfter gefunden. Sichtbar hat mitgewirkt.",
        40,
    ),
]


def seed() -> dict[str, Any]:
    if MonitoringFeed.objects.filter(url=FEEDS[0][1]).exists():
        return {"mentions": 0, "note": "already loaded"}
    people = list(
        User.objects.filter(is_active=True).exclude(first_name="").exclude(last_name="").order_by("pk")[:3]
    )
    names = [person.full_name for person in people] or ["Erika Mustermann"]
    while len(names) < 3:
        names.append(names[-1])
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for text, kind, excludes in TERMS:
            MonitoredTerm.objects.get_or_create(text=text, defaults={"kind": kind, "exclude_words": excludes})
        feeds = [
            MonitoringFeed.objects.create(name=name, url=url, kind=kind, active=False)
            for name, url, kind in FEEDS
        ]
        matcher = matcher_build()
        for index, (title, body, days) in enumerate(ARTICLES):
            text = f"{title} {body.format(*names)}"
            feed = feeds[index % len(feeds)]
            values = {
                "source": MentionSource.FEED,
                "feed": feed,
                "external_id": f"demo-{index}",
                "url": f"https://news.example.com/artikel/{index}",
                "title": title,
                "published_at": now - timedelta(days=days, hours=index),
            }
            mention, _action = store_mention(
                mention=None, values=values, match=matcher.match(text), text=text
            )
            created += mention is not None
    return {"mentions": created, "terms": len(TERMS), "feeds": len(FEEDS)}


__all__ = ["seed"]
