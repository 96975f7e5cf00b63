"""Demo data: a tracked link for every demo share and realistic clicks (and a few conversions) on them
over the last 90 days. Shares sit a floor above links, so this module has no `seed()` of its own in the
demo registry: sharing's demo hands the shares it posted to `seed_clicks`."""

import random
import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone

from sichtbar.content.models import ContentKind

from .models import Click, Conversion, DeviceClass, TrackedLink
from .services import link_code_generate, link_destination_build

REFERRERS = {
    "linkedin": [("www.linkedin.com", 6), ("lnkd.in", 3), ("", 2)],
    "xing": [("www.xing.com", 6), ("", 2)],
    "mastodon": [("mastodon.social", 4), ("chaos.social", 2), ("norden.social", 1), ("", 2)],
    "x": [("t.co", 6), ("", 2)],
    "facebook": [("l.facebook.com", 5), ("m.facebook.com", 2), ("", 1)],
    "email": [("", 5), ("outlook.office.com", 1)],
}
DEVICES = [(DeviceClass.MOBILE, 6), (DeviceClass.DESKTOP, 5), (DeviceClass.TABLET, 1), (DeviceClass.OTHER, 1)]


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _links_for(shares: list[Any]) -> dict[int, TrackedLink]:
    """The tracked link of every share, as `link_for_share` makes them (one per person × content × network,
    the first share of each owning it), created in one statement: one at a time they were 40 % of the
    demo's loading time."""
    links: dict[tuple[int | None, int, str], TrackedLink] = {
        (link.user_id, link.content_id, link.network): link
        for link in TrackedLink.objects.filter(user_id__in={share.user_id for share in shares})
    }
    new = []
    for share in shares:
        key = (share.user_id, share.content_id, share.network)
        if key not in links:
            links[key] = TrackedLink(
                code=link_code_generate(),
                share=share,
                user_id=share.user_id,
                content=share.content,
                network=share.network,
                destination=link_destination_build(
                    url=share.content.url, network=share.network, campaign=share.content.slug
                ),
            )
            new.append(links[key])
    TrackedLink.objects.bulk_create(new, batch_size=1000)
    return {share.pk: links[(share.user_id, share.content_id, share.network)] for share in shares}


def seed_clicks(*, shares: list[Any], seed: int = 42) -> dict[str, Any]:
    """Links and clicks for `shares` (posted or opened shares with their content, in id order)."""
    if Click.objects.exists():
        return {"links": TrackedLink.objects.count(), "note": "already loaded"}
    if not shares:
        return {"links": 0, "clicks": 0, "note": "no demo shares"}
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    now = timezone.now()
    horizon = now - timedelta(days=90)
    clicks: list[Click] = []
    conversions: list[Conversion] = []
    links = 0
    link_of = _links_for(shares)
    for share in shares:
        link = link_of[share.pk]
        links += 1
        shared_at = max(share.shared_at or share.created_at, horizon)
        # Reach varies a lot: most shares bring a handful of visitors, a few bring many.
        count = min(int(rng.lognormvariate(2.0, 1.0)), 400)
        visitors = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(max(1, count * 4 // 5))]
        seen: dict[str, Any] = {}
        for _ in range(count):
            at = shared_at + timedelta(hours=rng.expovariate(1 / 36))
            if at >= now:
                continue
            visitor = rng.choice(visitors)
            first_today = seen.get(visitor) != at.date()
            seen[visitor] = at.date()
            clicks.append(
                Click(
                    event_id=uuid.uuid4(),
                    link=link,
                    occurred_at=at,
                    user_id_at_click=link.user_id,
                    content_id_at_click=link.content_id,
                    network=link.network,
                    # Hashes older than a day are blanked by retention; the demo shows the same.
                    visitor_hash=visitor if now - at < timedelta(days=1) else "",
                    referrer_host=_pick(rng, REFERRERS.get(link.network, [("", 1)])),
                    device_class=_pick(rng, DEVICES),
                    unique_of_day=first_today,
                )
            )
        if share.content.kind == ContentKind.JOB and count and rng.random() < 0.35:
            for n in range(rng.randint(1, 3)):
                conversions.append(
                    Conversion(
                        link=link,
                        key=f"demo-application-{link.pk}-{n}",
                        kind="application",
                        occurred_at=min(now, shared_at + timedelta(days=rng.uniform(0.5, 10))),
                    )
                )
    Click.objects.bulk_create(clicks, batch_size=2000)
    Conversion.objects.bulk_create(conversions, batch_size=2000, ignore_conflicts=True)
    return {"links": links, "clicks": len(clicks), "conversions": len(conversions)}
