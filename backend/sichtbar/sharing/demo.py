"""Demo shares from a behavioural model (documented here because bench/recommendations_quality.py
evaluates the feed on them).

Each employee has an activity level (log-normal: a few share a lot, most a little, about a third never)
and picks the items they share among those visible to them by a random utility:

    utility = 1.0 × skill affinity (level / 5 per matching topic, ×1.3 with "want to grow";
              a parent or child of a skill counts 0.4)
            + 0.5 × same language as the person's interface
            + 0.4 × important
            + 0.6 × social proof (share of colleagues in the same department who shared it before)
            + 1.0 × Gumbel noise (personal taste the model knows nothing about)

The person shares their top-k items (k from the activity level), each some hours to days after
publication, on a network drawn from realistic proportions. The feed ranker does not see this formula: it
sees profiles, earlier shares and clicks, like in production. The affinity term shares its inputs with the
ranker (that is the hypothesis being tested: people share what they know), the noise and the weights
differ. Loaded once; running it again adds nothing."""

import math
import random
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.utils import timezone

from sichtbar.accounts.models import Role, User
from sichtbar.content.models import ContentItem
from sichtbar.content.selectors import live_q
from sichtbar.core.networks import Network
from sichtbar.links.demo import seed_clicks
from sichtbar.profiles.models import ProfileSkill, Skill

from .models import Share, ShareMethod, ShareStatus

NETWORKS = [
    (Network.LINKEDIN, 45),
    (Network.XING, 25),
    (Network.MASTODON, 10),
    (Network.X, 10),
    (Network.FACEBOOK, 5),
    (Network.EMAIL, 5),
]
TEXTS = [
    "Lesenswert – von meinen Kolleginnen und Kollegen:",
    "Spannendes Thema, bei dem wir viel Erfahrung haben.",
    "Das haben wir bei uns so gelöst:",
    "Worth a read – from my colleagues:",
    "",
]


def _affinity(
    topics: list[int], skills: dict[int, tuple[int, bool]], parents: dict[int, int | None]
) -> float:
    total = 0.0
    for topic in topics:
        if topic in skills:
            level, interest = skills[topic]
            total += level / 5 * (1.3 if interest else 1.0)
            continue
        related = [s for s in skills if parents.get(s) == topic or parents.get(topic) == s]
        if related:
            total += 0.4 * max(skills[s][0] for s in related) / 5
    return total


def _audience_ok(user: User, departments: set[int], locations: set[int]) -> bool:
    return (not departments or user.department_id in departments) and (
        not locations or user.location_id in locations
    )


def seed(*, seed: int = 11) -> dict[str, Any]:
    if Share.objects.exists():
        return {"shares": 0, "note": "already loaded"}
    rng = random.Random(seed)  # noqa: S311 (demo data)
    now = timezone.now()
    items = list(
        ContentItem.objects.filter(live_q(now=now)).prefetch_related("topics", "departments", "locations")
    )
    if not items:
        return {"shares": 0, "note": "no published content"}
    parents: dict[int, int | None] = dict(Skill.objects.values_list("id", "parent_id"))
    skills_of: dict[int, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for user_id, skill_id, level, interest in ProfileSkill.objects.values_list(
        "profile__user_id", "skill_id", "level", "interest"
    ):
        skills_of[user_id][skill_id] = (level, interest)
    item_data = [
        (
            item,
            [t.pk for t in item.topics.all()],
            {d.pk for d in item.departments.all()},
            {loc.pk for loc in item.locations.all()},
        )
        for item in items
    ]
    users = list(User.objects.filter(is_active=True, role=Role.EMPLOYEE).order_by("id"))
    rng.shuffle(users)  # social proof builds up in this order
    shared_by_department: dict[tuple[int | None, int], int] = defaultdict(int)
    department_size: dict[int | None, int] = defaultdict(int)
    for user in users:
        department_size[user.department_id] += 1

    shares: list[Share] = []
    for user in users:
        activity = rng.lognormvariate(0.6, 0.9)
        if rng.random() < 0.3:
            continue  # a third of the staff never shares
        k = min(int(activity * 2) + 1, 15)
        utilities = []
        for item, topics, departments, locations in item_data:
            if not _audience_ok(user, departments, locations):
                continue
            social = shared_by_department[(user.department_id, item.pk)] / max(
                department_size[user.department_id], 1
            )
            gumbel = -math.log(-math.log(rng.random() or 1e-12))
            utility = (
                1.0 * _affinity(topics, skills_of.get(user.pk, {}), parents)
                + 0.5 * (item.language == user.language)
                + 0.4 * item.important
                + 0.6 * min(social * 10, 1.0)
                + 1.0 * gumbel
            )
            utilities.append((utility, item))
        utilities.sort(key=lambda pair: pair[0], reverse=True)
        for _utility, item in utilities[:k]:
            network = rng.choices([n for n, _ in NETWORKS], weights=[w for _, w in NETWORKS])[0]
            published = item.published_at or item.created_at
            at = min(published + timedelta(hours=rng.expovariate(1 / 60)), now - timedelta(minutes=5))
            api = network in (Network.LINKEDIN, Network.MASTODON) and rng.random() < 0.4
            shares.append(
                Share(
                    user=user,
                    content=item,
                    network=network,
                    method=ShareMethod.API if api else ShareMethod.INTENT,
                    status=ShareStatus.POSTED if api else ShareStatus.OPENED,
                    text=rng.choice(TEXTS),
                    shared_at=at,
                    external_url=f"https://social.example/{network}/{user.pk}-{item.pk}" if api else "",
                    followers_at_share=rng.randint(50, 3000) if api else None,
                )
            )
            shared_by_department[(user.department_id, item.pk)] += 1
    created = Share.objects.bulk_create(shares, batch_size=1000)
    # created_at is auto_now_add: align it with the modelled share time (the ranker and analytics read it).
    for share in created:
        if share.shared_at is not None:
            share.created_at = share.shared_at
    Share.objects.bulk_update(created, ["created_at"], batch_size=1000)
    # Tracked links and their clicks: the links app is a floor below, its demo module makes them.
    clicked = (
        Share.objects.filter(status__in=[ShareStatus.POSTED, ShareStatus.OPENED])
        .select_related("content")
        .order_by("id")
    )
    return {
        "shares": len(created),
        "sharers": len({s.user_id for s in created}),
        "links": seed_clicks(shares=list(clicked)),
    }
