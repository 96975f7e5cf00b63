"""Demo data for the directory: contact requests in German and English to published demo profiles,
in every status, some of them press requests for the triage. Safe to run twice."""

import random
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import selectors
from .models import ContactRequest, ContactStatus, ContactTopic
from .services import CONSENT_VERSION

DEMO_EMAIL_DOMAIN = "besucher.example"
COUNT = 30

# (language, topic, name, organisation, message)
REQUESTS: list[tuple[str, str, str, str, str]] = [
    (
        "de",
        ContactTopic.PRESS,
        "Katrin Vogel",
        "Süddeutsche Wirtschaftszeitung",
        "Wir planen einen Beitrag über Cloud-Migration im Mittelstand. Hätten Sie nächste Woche 20 Minuten "
        "für ein Telefoninterview?",
    ),
    (
        "de",
        ContactTopic.PRESS,
        "Thomas Brandl",
        "Radio Bayern 2",
        "Für unsere Sendung zum Thema Datenschutz und KI suchen wir eine Expertin oder einen Experten für "
        "ein kurzes O-Ton-Interview.",
    ),
    (
        "en",
        ContactTopic.PRESS,
        "Emily Carter",
        "Tech Europe Weekly",
        "We're writing a feature on how German companies adopt Kubernetes. Could we quote you?",
    ),
    (
        "de",
        ContactTopic.PRESS,
        "Sabine Krüger",
        "c't Magazin",
        "Wir recherchieren zu Passkeys in Unternehmen und würden gern Ihre Einschätzung einholen.",
    ),
    (
        "de",
        ContactTopic.TALK,
        "Dr. Michael Haas",
        "Cloud Summit München",
        "Wir würden Sie gern als Sprecher für unsere Konferenz im Frühjahr gewinnen. Thema frei wählbar, "
        "gern rund um Plattform-Engineering.",
    ),
    (
        "en",
        ContactTopic.TALK,
        "Sofia Rossi",
        "Data Days Vienna",
        "Would you be interested in giving a 30-minute talk on data quality in production ML systems?",
    ),
    (
        "de",
        ContactTopic.TALK,
        "Jonas Meier",
        "Hochschule München",
        "Wir laden regelmäßig Praktikerinnen und Praktiker in unsere Vorlesung ein. Hätten Sie Lust auf "
        "einen Gastvortrag?",
    ),
    (
        "de",
        ContactTopic.TALK,
        "Laura Schmitt",
        "Meetup Kubernetes Köln",
        "Unser nächstes Meetup sucht noch einen Vortrag – gern auch etwas Kurzes (15 Minuten).",
    ),
    (
        "en",
        ContactTopic.TALK,
        "Daniel Novak",
        "DevOps Days Zürich",
        "Our CFP is open until the end of the month; we'd love a talk on observability at scale.",
    ),
    (
        "de",
        ContactTopic.CUSTOMER,
        "Andreas Wolf",
        "Wolf Logistik GmbH",
        "Wir überlegen, unsere Lagerverwaltung in die Cloud zu verlagern. Können Sie uns zu Ihren "
        "Erfahrungen beraten?",
    ),
    (
        "de",
        ContactTopic.CUSTOMER,
        "Petra Lange",
        "Stadtwerke Beispielstadt",
        "Wir haben eine Frage zur DSGVO-konformen Auswertung von Zählerdaten. Wer ist bei Ihnen der richtige "
        "Ansprechpartner?",
    ),
    (
        "en",
        ContactTopic.CUSTOMER,
        "James O'Connor",
        "Northwind Retail",
        "We're evaluating your platform for our DACH rollout. Could we schedule a short technical call?",
    ),
    (
        "de",
        ContactTopic.CUSTOMER,
        "Markus Fischer",
        "Fischer & Partner Steuerberatung",
        "Gibt es eine Möglichkeit, Ihre Schnittstelle an DATEV anzubinden?",
    ),
    (
        "de",
        ContactTopic.CUSTOMER,
        "Julia Neumann",
        "Klinikum Nord",
        "Wir suchen Unterstützung bei der Einführung von Single Sign-on für unsere Anwendungen.",
    ),
    (
        "en",
        ContactTopic.CUSTOMER,
        "Anna Kowalska",
        "Baltic Shipping",
        "Do you have experience with migrating Oracle databases to PostgreSQL?",
    ),
    (
        "de",
        ContactTopic.OTHER,
        "Lukas Becker",
        "",
        "Ich studiere Informatik und interessiere mich für ein Praktikum in Ihrem Team. An wen kann ich mich "
        "wenden?",
    ),
    (
        "de",
        ContactTopic.OTHER,
        "Miriam Schulz",
        "IHK München",
        "Wir stellen eine Arbeitsgruppe zu Fachkräftegewinnung zusammen und würden Sie gern dabeihaben.",
    ),
    (
        "en",
        ContactTopic.OTHER,
        "Lucas Martin",
        "Open Source Foundation",
        "Would you consider mentoring in our summer programme?",
    ),
    (
        "de",
        ContactTopic.OTHER,
        "Sarah Hoffmann",
        "",
        "Ich habe Ihren Blogbeitrag zu Teststrategien gelesen – gibt es die Folien zum Vortrag irgendwo?",
    ),
    (
        "de",
        ContactTopic.CUSTOMER,
        "Florian Weiß",
        "Weiß Maschinenbau AG",
        "Können Sie uns bei der Digitalisierung unserer Wartungsprozesse unterstützen?",
    ),
]
REPLIES = {
    "de": [
        "Vielen Dank für Ihre Anfrage! Gern – passt Ihnen Donnerstag um 10 Uhr?",
        "Danke für die Nachricht. Ich melde mich mit einem Terminvorschlag bei Ihnen.",
        "Sehr gern. Ich habe Ihre Anfrage an die zuständige Kollegin weitergegeben, sie meldet sich direkt.",
    ],
    "en": [
        "Thanks for reaching out! Happy to help – does Thursday at 10 am CET work for you?",
        "Thank you, I'll get back to you with a few dates next week.",
    ],
}


@transaction.atomic
def seed(*, seed: int = 42) -> dict[str, Any]:
    """Add about 30 contact requests to published demo profiles (none when there are no such profiles)."""
    if ContactRequest.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        return {"contact_requests": 0, "note": "already loaded"}
    profiles = [p for p in selectors.expert_get_all_public()[:200] if selectors.contact_allowed(profile=p)]
    if not profiles:
        return {"contact_requests": 0, "note": "no published, contactable profiles"}
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    now = timezone.now()
    created = 0
    for index in range(COUNT):
        language, topic, name, organisation, message = REQUESTS[index % len(REQUESTS)]
        profile = rng.choice(profiles)
        created_at = now - timedelta(
            days=rng.randint(0, 60), hours=rng.randint(0, 23), minutes=rng.randint(0, 59)
        )
        status = rng.choices(
            [ContactStatus.NEW, ContactStatus.ANSWERED, ContactStatus.CLOSED], weights=[4, 4, 2]
        )[0]
        if index < 3:
            status = ContactStatus.NEW  # the triage and the inboxes always have something open
        contact = ContactRequest.objects.create(
            profile=profile,
            assigned_to=profile,
            name=name,
            email=f"{name.split()[-1].lower().replace(chr(39), '')}.{index}@{DEMO_EMAIL_DOMAIN}",
            organisation=organisation,
            topic=topic,
            message=message,
            language=language,
            consent=True,
            consent_version=CONSENT_VERSION,
            status=status,
            # Demo requests never mail anybody: mark every notification as sent.
            assignee_notified_at=created_at,
            acknowledgement_sent_at=created_at,
        )
        fields: dict[str, Any] = {"created_at": created_at}
        if status != ContactStatus.NEW:
            response = timedelta(hours=rng.randint(1, 72), minutes=rng.randint(0, 59))
            done_at = min(created_at + response, now)
            if status == ContactStatus.ANSWERED:
                fields.update(
                    reply=rng.choice(REPLIES[language]),
                    answered_at=done_at,
                    response_seconds=int((done_at - created_at).total_seconds()),
                    reply_sent_at=done_at,
                )
            else:
                fields["closed_at"] = done_at
        ContactRequest.objects.filter(pk=contact.pk).update(**fields)
        created += 1
    return {"contact_requests": created, "experts": len({p.pk for p in profiles})}
