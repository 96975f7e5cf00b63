"""Demo data for connected networks: the demo employee has Mastodon connected (public posts with boosts,
favourites and replies), LinkedIn close to its ~60-day expiry (so the re-consent prompt shows) and a XING
profile address; a few colleagues have Mastodon posts too. The tokens are placeholders that cannot post
(no write scope), so nothing ever reaches a real network. Safe to run twice."""

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from sichtbar.accounts.demo import DEMO_LOGINS
from sichtbar.accounts.models import Role, User

from .models import Connection, ConnectionStatus, ImportedPost, Provider
from .services import token_store

INSTANCE = "https://mastodon.social"
POSTS = [
    (
        "de",
        "<p>Wir haben unsere Kubernetes-Cluster nach Frankfurt umgezogen – "
        "was wir über Betrieb gelernt haben.</p>",
    ),
    ("de", "<p>Datenschutz by Design: drei Fragen, die wir jedem neuen Projekt stellen.</p>"),
    ("en", "<p>Slides from my talk on platform engineering for mid-sized companies are online.</p>"),
    ("de", "<p>Terraform-Module wiederverwenden, ohne sich festzufahren: unser Weg.</p>"),
    ("en", "<p>Why we moved our CI runners to spot instances, and what it cost us.</p>"),
    ("de", "<p>Barrierefreiheit ist kein Extra: Erfahrungen aus dem Relaunch unseres Kundenportals.</p>"),
]


def _mastodon(user: User, rng: random.Random, handle: str, now: Any) -> Connection:
    connection, _created = Connection.objects.get_or_create(
        user=user,
        provider=Provider.MASTODON,
        url=f"{INSTANCE}/@{handle}",
        defaults={
            "title": f"{user.first_name} {user.last_name}".strip() or handle,
            "instance_url": INSTANCE,
            "external_account_id": str(100000 + user.pk),
            "scopes": "read:accounts read:statuses",  # no write scope: the demo never posts
            "followers": rng.randint(80, 2400),
            "status": ConnectionStatus.CONNECTED,
            "last_sync_at": now - timedelta(minutes=rng.randint(3, 40)),
            "suggestions": {"profile_url": f"{INSTANCE}/@{handle}"},
        },
    )
    token_store(connection=connection, access_token=f"demo-placeholder-{user.pk}", scopes=connection.scopes)
    for index, (language, html) in enumerate(rng.sample(POSTS, k=4)):
        external_id = f"demo-{user.pk}-{index}"
        ImportedPost.objects.get_or_create(
            connection=connection,
            external_id=external_id,
            defaults={
                "author": user,
                "url": f"{INSTANCE}/@{handle}/{110000000 + user.pk * 10 + index}",
                "summary": html,
                "language": language,
                "published_at": now - timedelta(days=rng.randint(1, 90)),
                "likes": rng.randint(0, 120),
                "reposts": rng.randint(0, 40),
                "replies": rng.randint(0, 15),
                "metrics_updated_at": now,
                "show_on_profile": index < 2,
            },
        )
    return connection


def seed() -> dict[str, int]:
    rng = random.Random(7)  # noqa: S311 - demo data, not security
    now = timezone.now()
    employee = User.objects.filter(email=DEMO_LOGINS[0].email).first()
    count = 0
    if employee is not None:
        _mastodon(employee, rng, "lena", now)
        linkedin, _created = Connection.objects.get_or_create(
            user=employee,
            provider=Provider.LINKEDIN,
            url="",
            defaults={
                "title": f"{employee.first_name} {employee.last_name}",
                "external_account_id": "demo-linkedin-member",
                "scopes": "openid profile email",
                "expires_at": now + timedelta(days=5),  # inside the warning window: "needs re-consent"
                "status": ConnectionStatus.CONNECTED,
                "suggestions": {
                    "name": f"{employee.first_name} {employee.last_name}",
                    "given_name": employee.first_name,
                    "family_name": employee.last_name,
                },
            },
        )
        token_store(
            connection=linkedin,
            access_token="demo-placeholder-linkedin",
            expires_at=linkedin.expires_at,
            scopes=linkedin.scopes,
        )
        Connection.objects.get_or_create(
            user=employee,
            provider=Provider.XING,
            url="https://www.xing.com/profile/Lena_Hoffmann",
            defaults={
                "title": "XING",
                "suggestions": {"profile_url": "https://www.xing.com/profile/Lena_Hoffmann"},
            },
        )
        count += 3
    colleagues = User.objects.filter(role=Role.EMPLOYEE, is_active=True)
    if employee is not None:
        colleagues = colleagues.exclude(pk=employee.pk)
    for user in colleagues.order_by("id")[:8]:
        _mastodon(user, rng, f"{user.first_name.lower() or 'user'}{user.pk}", now)
        count += 1
    return {
        "connections": count,
        "imported_posts": ImportedPost.objects.filter(external_id__startswith="demo-").count(),
    }
