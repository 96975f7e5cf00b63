"""Reads of the recommendations app: the personal feed, ranked and explained.

How an item is scored for one employee (weights in `Weights`, documented in docs/recommendations.md):

- topic match: the item's topics against the employee's skills. A skill weighs by its level, more with
  the "want to grow in this" flag; a parent or child of one of the employee's skills counts half. Topics of
  items the employee shared before weigh more (learning from shares); a topic dismissed as "not interested"
  weighs much less, and every dismissed item lowers its topics a little.
- language (the employee's interface language, then the languages on the profile), audience (items aimed at
  the employee's department or location), freshness (half-life of two weeks), colleagues' engagement
  (recent shares and clicks, more for the same department, from precomputed counters), importance.
- diversity: a greedy re-rank damps an item whose main topic is already above it (0.6× per item) and
  allows at most `TOPIC_CAP` items per main topic in every window of ten.

The feed only scores a bounded candidate set (items on the employee's topics, the newest, the important
and the most engaged), so a request costs a fixed number of queries whatever the catalogue's size.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.content.selectors import content_visible_to
from sichtbar.profiles.models import ProfileLanguage, ProfileSkill, Skill
from sichtbar.sharing.models import Share, ShareStatus

from .models import (
    CatalogueChange,
    ContentEngagement,
    DepartmentEngagement,
    Dismissal,
    DismissReason,
    FeedReader,
)

_Topics = ContentItem.topics.through
_Departments = ContentItem.departments.through
_Locations = ContentItem.locations.through

MAX_LIMIT = 50
TOPIC_CANDIDATES = 200
NEWEST_CANDIDATES = 60
IMPORTANT_CANDIDATES = 20
ENGAGED_CANDIDATES = 30
CACHED_PLACES = 60  # ranked places kept in the per-person cache
TOPIC_CAP = 3  # items with the same main topic in any ten consecutive places
DIVERSITY_DAMPING = 0.6
NEW_DAYS = 3
FRESHNESS_HALF_LIFE_DAYS = 14.0
# Shares that count as "the employee shared it": a cancelled or failed share does not.
SHARED_STATUSES = [ShareStatus.SCHEDULED, ShareStatus.QUEUED, ShareStatus.POSTED, ShareStatus.OPENED]


@dataclass(frozen=True)
class Weights:
    topic: float = 2.2
    language: float = 0.6
    audience: float = 0.4
    freshness: float = 8.0
    engagement: float = 0.5
    department_engagement: float = 0.8
    important: float = 0.8
    half_life_days: float = FRESHNESS_HALF_LIFE_DAYS


WEIGHTS = Weights()


@dataclass
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class FeedEntry:
    item: ContentItem
    score: float
    reasons: list[Reason]
    # The item's other language versions the reader may see (the card offers a switch to them).
    translations: list[ContentItem] = field(default_factory=list)


@dataclass
class _Affinity:
    weight: float
    skill_id: int  # the employee's own skill behind the weight (for the reason)
    kind: str  # "skill", "interest", "related" or "shared"


@dataclass
class _Candidate:
    id: int
    language: str
    published_at: datetime | None
    important: bool
    topics: list[int] = field(default_factory=list)
    targeted: bool = False
    shares: int = 0
    clicks: int = 0
    department_shares: int = 0
    department_clicks: int = 0
    score: float = 0.0
    main_topic: int | None = None
    topic_reason: _Affinity | None = None
    group: str = ""  # translation group: the language versions of one item rank as one place


def _skill_level_weight(level: int, interest: bool) -> float:
    return (0.4 + 0.15 * level) * (1.3 if interest else 1.0)


def topic_affinities(*, user: User) -> dict[int, _Affinity]:
    """The employee's weight per topic (skill id) from profile skills, shares and dismissals."""
    affinities: dict[int, _Affinity] = {}
    own = list(
        ProfileSkill.objects.filter(profile__user=user).values_list(
            "skill_id", "level", "interest", "skill__parent_id"
        )
    )
    for skill_id, level, interest, _parent in own:
        affinities[skill_id] = _Affinity(
            _skill_level_weight(level, interest), skill_id, "interest" if interest else "skill"
        )
    # Parents and children of one's skills count half (Kubernetes → Cloud, Cloud → Kubernetes).
    related: list[tuple[int, _Affinity]] = [
        (parent, affinities[skill_id]) for skill_id, _l, _i, parent in own if parent is not None
    ]
    children = Skill.objects.filter(parent_id__in=list(affinities)).values_list("id", "parent_id")
    related += [(child, affinities[parent]) for child, parent in children]
    for topic, source in related:
        current = affinities.get(topic)
        if current is None or (current.kind == "related" and current.weight < source.weight * 0.5):
            affinities[topic] = _Affinity(source.weight * 0.5, source.skill_id, "related")

    # Learning from shares: each earlier share adds to its topics (capped).
    shared_topics = _Topics.objects.filter(
        contentitem__shares__user=user, contentitem__shares__status__in=SHARED_STATUSES
    ).values_list("skill_id", flat=True)
    boosts: dict[int, int] = defaultdict(int)
    for topic in shared_topics:
        boosts[topic] += 1
    for topic, count in boosts.items():
        boost = min(0.2 * count, 0.8)
        current = affinities.get(topic)
        if current is None:
            affinities[topic] = _Affinity(boost, topic, "shared")
        else:
            current.weight += boost

    # "Not interested": a dismissed topic weighs much less, every dismissed item's topics a little less.
    dismissed = Dismissal.objects.filter(user=user).values_list("reason", "topic_id", "content_id")
    topic_dismissals: dict[int, int] = defaultdict(int)
    item_ids = []
    for reason, topic_id, content_id in dismissed:
        if reason == DismissReason.TOPIC and topic_id is not None:
            topic_dismissals[topic_id] += 1
        item_ids.append(content_id)
    item_topic_dismissals: dict[int, int] = defaultdict(int)
    if item_ids:
        for topic in _Topics.objects.filter(contentitem_id__in=item_ids).values_list("skill_id", flat=True):
            item_topic_dismissals[topic] += 1
    penalised = set(topic_dismissals) | set(item_topic_dismissals)
    for topic in penalised:
        factor = 0.25 ** topic_dismissals[topic] * 0.85 ** item_topic_dismissals[topic]
        current = affinities.get(topic)
        if current is None:
            # A topic the profile does not mention at all becomes negative: it pushes items down.
            affinities[topic] = _Affinity(-0.3 * (1 - factor), topic, "dismissed")
        else:
            current.weight *= factor
    return affinities


def _excluded_visible(*, user: User) -> QuerySet[ContentItem]:
    """What the employee may see, minus what they shared or dismissed (expired items are not visible).
    Sharing or dismissing one language version of an item takes all its versions out of the feed."""
    shared = Share.objects.filter(user=user, status__in=SHARED_STATUSES).values("content_id")
    dismissed = Dismissal.objects.filter(user=user).values("content_id")
    done = ContentItem.objects.filter(Q(pk__in=shared) | Q(pk__in=dismissed)).values("translation_group")
    return content_visible_to(user=user).exclude(translation_group__in=done)


def _candidate_ids(*, user: User, topics: list[int], now: datetime) -> list[int]:
    """Ids worth scoring, from cheap index-backed queries over published items (items on the employee's
    topics, the newest, the important, the most engaged overall and in the department). Audience, expiry
    and exclusions are applied afterwards to this bounded set only."""
    published = ContentItem.objects.filter(status=ContentStatus.PUBLISHED, published_at__lte=now)
    newest = published.order_by("-published_at").values_list("id", flat=True)
    parts: list[Any] = [
        newest[:NEWEST_CANDIDATES],
        newest.filter(important=True)[:IMPORTANT_CANDIDATES],
        ContentEngagement.objects.order_by("-shares", "-clicks").values_list("content_id", flat=True)[
            :ENGAGED_CANDIDATES
        ],
    ]
    if topics:
        parts.append(
            _Topics.objects.filter(
                skill_id__in=topics,
                contentitem__status=ContentStatus.PUBLISHED,
                contentitem__published_at__lte=now,
            )
            .order_by("-contentitem__published_at")
            .values_list("contentitem_id", flat=True)[:TOPIC_CANDIDATES]
        )
    if user.department_id:
        parts.append(
            DepartmentEngagement.objects.filter(department_id=user.department_id)
            .order_by("-shares", "-clicks")
            .values_list("content_id", flat=True)[:ENGAGED_CANDIDATES]
        )
    # One round trip where the database allows ORDER BY … LIMIT inside a UNION (PostgreSQL); SQLite, the
    # embedded default of `make run`, does not, so there each part is its own query.
    if connection.features.supports_slicing_ordering_in_compound:
        return list(set(parts[0].union(*parts[1:], all=True)))
    return list({content_id for part in parts for content_id in part})


def _load_candidates(*, user: User, ids: list[int]) -> dict[int, _Candidate]:
    """Scoring inputs of the visible candidates: two queries (items with their audience match and
    engagement counters as correlated subqueries, then their topics)."""
    department, location = user.department_id or 0, user.location_id or 0
    engagement = ContentEngagement.objects.filter(content_id=OuterRef("pk"))
    local = DepartmentEngagement.objects.filter(content_id=OuterRef("pk"), department_id=department)
    visible = (
        _excluded_visible(user=user)
        .filter(pk__in=ids)
        .order_by()
        .annotate(
            targeted=Exists(
                _Departments.objects.filter(contentitem_id=OuterRef("pk"), department_id=department)
            )
            | Exists(_Locations.objects.filter(contentitem_id=OuterRef("pk"), location_id=location)),
            e_shares=Subquery(engagement.values("shares")[:1]),
            e_clicks=Subquery(engagement.values("clicks")[:1]),
            d_shares=Subquery(local.values("shares")[:1]),
            d_clicks=Subquery(local.values("clicks")[:1]),
        )
    )
    candidates = {}
    for row in visible.values_list(
        "id",
        "language",
        "published_at",
        "created_at",
        "important",
        "targeted",
        "e_shares",
        "e_clicks",
        "d_shares",
        "d_clicks",
        "translation_group",
    ):
        pk, language, published_at, created_at, important, targeted, shares, clicks, d_shares, d_clicks = row[
            :10
        ]
        candidates[pk] = _Candidate(
            pk,
            language,
            published_at or created_at,
            important,
            targeted=bool(targeted),
            shares=shares or 0,
            clicks=clicks or 0,
            department_shares=d_shares or 0,
            department_clicks=d_clicks or 0,
            group=str(row[10]),
        )
    for item_id, skill_id in _Topics.objects.filter(contentitem_id__in=list(candidates)).values_list(
        "contentitem_id", "skill_id"
    ):
        candidates[item_id].topics.append(skill_id)
    return candidates


def _score(
    candidate: _Candidate,
    *,
    affinities: dict[int, _Affinity],
    languages: tuple[str, set[str]],
    now: datetime,
    weights: Weights,
) -> None:
    matched = sorted(
        (affinities[t] for t in candidate.topics if t in affinities), key=lambda a: a.weight, reverse=True
    )
    positive = [a.weight for a in matched if a.weight > 0]
    topic = sum(w * 0.5**rank for rank, w in enumerate(positive)) + sum(
        a.weight for a in matched if a.weight < 0
    )
    if matched and matched[0].weight > 0:
        candidate.topic_reason = matched[0]
        candidate.main_topic = next(t for t in candidate.topics if affinities.get(t) is matched[0])
    elif candidate.topics:
        candidate.main_topic = min(candidate.topics)
    interface_language, spoken = languages
    language = (
        1.0 if candidate.language == interface_language else 0.8 if candidate.language in spoken else 0.0
    )
    age_days = (
        max((now - candidate.published_at).total_seconds() / 86400, 0.0) if candidate.published_at else 365
    )
    freshness = 0.5 ** (age_days / weights.half_life_days)
    engagement = min(1.0, math.log1p(candidate.shares + 0.2 * candidate.clicks) / math.log1p(30))
    local = min(
        1.0, math.log1p(candidate.department_shares + 0.2 * candidate.department_clicks) / math.log1p(10)
    )
    candidate.score = (
        weights.topic * topic
        + weights.language * language
        + weights.audience * candidate.targeted
        + weights.freshness * freshness
        + weights.engagement * engagement
        + weights.department_engagement * local
        + weights.important * candidate.important
    )


def diversify(candidates: list[_Candidate], *, count: int) -> list[_Candidate]:
    """Greedy re-rank: damp items whose main topic is already placed; cap a topic per window of ten."""
    remaining = sorted(candidates, key=lambda c: (-c.score, -c.id))
    placed: list[_Candidate] = []
    per_topic: dict[int | None, int] = defaultdict(int)
    while remaining and len(placed) < count:
        window = [c.main_topic for c in placed[-9:]]
        best_index, best_value = -1, -math.inf
        for index, candidate in enumerate(remaining):
            if candidate.score <= best_value:
                break  # sorted by score and damping only lowers it: nothing further down can win
            topic = candidate.main_topic
            if topic is not None and window.count(topic) >= TOPIC_CAP:
                continue
            value = candidate.score * (DIVERSITY_DAMPING ** per_topic[topic] if topic is not None else 1.0)
            if value > best_value:
                best_index, best_value = index, value
        if best_index < 0:
            best_index = 0  # only capped topics are left: take them in score order
        chosen = remaining.pop(best_index)
        per_topic[chosen.main_topic] += 1
        placed.append(chosen)
    return placed


def feed_rank(
    *, user: User, count: int, weights: Weights = WEIGHTS, now: datetime | None = None
) -> list[_Candidate]:
    """The employee's top `count` candidates, scored and diversified (ids and scores only)."""
    now = now or timezone.now()
    affinities = topic_affinities(user=user)
    ids = _candidate_ids(user=user, topics=[t for t, a in affinities.items() if a.weight > 0], now=now)
    candidates = _load_candidates(user=user, ids=ids)
    spoken = set(ProfileLanguage.objects.filter(profile__user=user).values_list("code", flat=True))
    for candidate in candidates.values():
        _score(candidate, affinities=affinities, languages=(user.language, spoken), now=now, weights=weights)
    return diversify(one_per_item(list(candidates.values()), language=user.language), count=count)


def one_per_item(candidates: list[_Candidate], *, language: str) -> list[_Candidate]:
    """One place per item: of its language versions, the one in the reader's language, else the best."""
    best: dict[str, _Candidate] = {}
    for candidate in candidates:
        key = candidate.group or f"item:{candidate.id}"
        held = best.get(key)
        rank = (candidate.language == language, candidate.score, -candidate.id)
        if held is None or rank > (held.language == language, held.score, -held.id):
            best[key] = candidate
    return list(best.values())


def _reasons(candidate: _Candidate, *, user: User, names: dict[int, str], now: datetime) -> list[Reason]:
    reasons: list[Reason] = []
    affinity = candidate.topic_reason
    if affinity is not None and affinity.weight >= 0.3:
        if affinity.kind == "shared":
            reasons.append(Reason("shared_topic", {"topic": names.get(affinity.skill_id, "")}))
        elif affinity.kind == "related":
            reasons.append(Reason("related_skill", {"skill": names.get(affinity.skill_id, "")}))
        else:
            reasons.append(Reason(affinity.kind, {"skill": names.get(affinity.skill_id, "")}))
    if candidate.department_shares >= 2 and user.department is not None:
        reasons.append(
            Reason(
                "department_popular",
                {"department": user.department.name, "count": candidate.department_shares},
            )
        )
    elif candidate.shares >= 3:
        reasons.append(Reason("popular", {"count": candidate.shares}))
    if candidate.targeted:
        reasons.append(Reason("audience"))
    if candidate.published_at and (now - candidate.published_at).days < NEW_DAYS:
        reasons.append(Reason("new"))
    if candidate.important:
        reasons.append(Reason("important"))
    return reasons


def _version_key(user_id: int) -> str:
    return f"recommendations:feed-version:{user_id}"


def _ranking_key(user_id: int, version: int) -> str:
    return f"recommendations:ranking:{user_id}:{version}"


class CachedRanking(NamedTuple):
    computed_at: datetime
    # the catalogue's last change as the ranking process read it BEFORE ranking (None: never changed)
    catalogue_seen: datetime | None
    ranked: list[_Candidate]

    def behind(self, changed: datetime | None) -> bool:
        """Whether the catalogue changed since this ranking read it. A publication stamps its mark before
        its transaction commits; a ranking that starts in between reads the old mark and the old
        catalogue, so the two are compared as read, never against the ranking's own clock."""
        return changed is not None and (self.catalogue_seen is None or self.catalogue_seen < changed)


def feed_rankings_cached(*, user_ids: list[int]) -> dict[int, CachedRanking]:
    """The cached rankings of these people, where there is one (two cache round trips)."""
    versions = cache.get_many([_version_key(pk) for pk in user_ids])
    keys = {_ranking_key(pk, versions.get(_version_key(pk), 0)): pk for pk in user_ids}
    return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}


def feed_ranking_store(
    *, user: User, now: datetime | None = None, catalogue_seen: datetime | Literal["read"] | None = "read"
) -> list[_Candidate]:
    """Compute the person's ranking (CACHED_PLACES places) and keep it under their current version, with
    the catalogue mark read before ranking (`catalogue_seen`, read here unless the caller just read it)."""
    now = now or timezone.now()
    if catalogue_seen == "read":
        catalogue_seen = catalogue_changed_at(now=now)
    version = cache.get(_version_key(user.pk), 0)
    ranked = feed_rank(user=user, count=CACHED_PLACES, now=now)
    ranking = CachedRanking(computed_at=now, catalogue_seen=catalogue_seen, ranked=ranked)
    cache.set(_ranking_key(user.pk, version), ranking, settings.RECOMMENDATIONS_FEED_CACHE_SECONDS)
    return ranked


def catalogue_changed_at(*, now: datetime) -> datetime | None:
    """The last moment the set of feed candidates changed: the last catalogue change (publishing, editing,
    archiving, audience), or a publication, start or expiry date that has passed since (no event marks
    those). One query; rankings that read an earlier value are stale."""
    published = ContentItem.objects.filter(status=ContentStatus.PUBLISHED).order_by()
    row = (
        CatalogueChange.objects.filter(pk=1)
        .annotate(
            published=Subquery(
                published.filter(published_at__lte=now).order_by("-published_at").values("published_at")[:1]
            ),
            started=Subquery(
                published.filter(starts_at__lte=now).order_by("-starts_at").values("starts_at")[:1]
            ),
            expired=Subquery(
                published.filter(expires_at__lte=now).order_by("-expires_at").values("expires_at")[:1]
            ),
        )
        .values_list("changed_at", "published", "started", "expired")
        .first()
    )
    moments = [moment for moment in row or () if moment is not None]
    return max(moments) if moments else None


def feed_ranked_cached(*, user: User, count: int, now: datetime) -> list[_Candidate]:
    """feed_rank, kept for RECOMMENDATIONS_FEED_CACHE_SECONDS per person. Dismissing or sharing bumps the
    person's version (a new key, recomputed in the background at once), so feedback shows at once; the
    beat task `feed_rankings_refresh` recomputes the rankings of recent readers when they are older than
    RECOMMENDATIONS_FEED_REFRESH_SECONDS or the catalogue changed, so readers rarely wait for a ranking.
    A ranking that read an earlier catalogue mark than the database holds now (`catalogue_changed_at`) is
    not served: new content reaches the feed on the next read, in every process."""
    seconds = settings.RECOMMENDATIONS_FEED_CACHE_SECONDS
    if seconds <= 0 or count > CACHED_PLACES:
        return feed_rank(user=user, count=count, now=now)
    cached = feed_rankings_cached(user_ids=[user.pk]).get(user.pk)
    changed = catalogue_changed_at(now=now)
    if cached is None or cached.behind(changed):
        return feed_ranking_store(user=user, now=now, catalogue_seen=changed)[:count]
    return cached.ranked[:count]


def feed_cache_invalidate(*, user_id: int) -> None:
    """The person's ranking is out of date (they shared or dismissed): a new version key, and the ranking
    under it is computed in the background after the commit (or on their next request, if that is first)."""
    key = _version_key(user_id)
    if not cache.add(key, 1, None):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, None)
    if settings.RECOMMENDATIONS_FEED_CACHE_SECONDS > 0:
        from sichtbar.core.tasks import enqueue_on_commit

        from .tasks import feed_ranking_refresh  # tasks → services → selectors

        enqueue_on_commit(feed_ranking_refresh, user_id=user_id)


def feed_cache_forget(*, user_id: int) -> None:
    """Erasure: the person's cached rankings and version go, nothing is recomputed."""
    version = cache.get(_version_key(user_id), 0)
    cache.delete_many([_version_key(user_id), *(_ranking_key(user_id, v) for v in range(version + 1))])


def feed_readers_stale(*, now: datetime) -> list[int]:
    """Recent readers (last RECOMMENDATIONS_FEED_ACTIVE_DAYS) whose ranking is missing, older than
    RECOMMENDATIONS_FEED_REFRESH_SECONDS or older than the last catalogue change; most recent readers first,
    at most RECOMMENDATIONS_FEED_REFRESH_BATCH."""
    active_since = now - timedelta(days=settings.RECOMMENDATIONS_FEED_ACTIVE_DAYS)
    readers = list(
        FeedReader.objects.filter(last_read_at__gte=active_since)
        .order_by("-last_read_at")
        .values_list("user_id", flat=True)
    )
    fresh_after = now - timedelta(seconds=settings.RECOMMENDATIONS_FEED_REFRESH_SECONDS)
    changed = catalogue_changed_at(now=now)
    stale: list[int] = []
    for start in range(0, len(readers), 500):
        chunk = readers[start : start + 500]
        cached = feed_rankings_cached(user_ids=chunk)
        stale += [
            pk
            for pk in chunk
            if pk not in cached or cached[pk].computed_at < fresh_after or cached[pk].behind(changed)
        ]
        if len(stale) >= settings.RECOMMENDATIONS_FEED_REFRESH_BATCH:
            break
    return stale[: settings.RECOMMENDATIONS_FEED_REFRESH_BATCH]


def personal_feed(
    *, user: User, language: str, limit: int = 20, offset: int = 0
) -> tuple[list[FeedEntry], bool]:
    """One page of the employee's feed (entries with their reasons) and whether more follow."""
    now = timezone.now()
    limit = max(1, min(limit, MAX_LIMIT))
    ranked = feed_ranked_cached(user=user, count=offset + limit + 1, now=now)
    page, has_more = ranked[offset : offset + limit], len(ranked) > offset + limit
    if not page:
        return [], False
    # The ranking may be a little older than this request: what expired, was shared or dismissed since
    # (on another device) drops out here.
    # One query for the page's items and all their language versions the reader may see (plus topics).
    groups = ContentItem.objects.filter(pk__in=[c.id for c in page]).values("translation_group")
    versions: dict[Any, list[ContentItem]] = defaultdict(list)
    for version in (
        _excluded_visible(user=user)
        .filter(translation_group__in=groups)
        .order_by("language", "id")
        .prefetch_related("topics")
    ):
        versions[version.translation_group].append(version)
    ids = {c.id for c in page}
    items = {v.pk: v for group in versions.values() for v in group if v.pk in ids}
    page = [c for c in page if c.id in items]
    skill_ids = {c.topic_reason.skill_id for c in page if c.topic_reason is not None}
    names = {
        pk: (name_en if language == "en" else name_de)
        for pk, name_de, name_en in Skill.objects.filter(pk__in=skill_ids).values_list(
            "id", "name_de", "name_en"
        )
    }
    entries = []
    for c in page:
        item = items[c.id]
        group = versions.get(item.translation_group) or [item]
        # The version in the language the reader reads now (the ranking chose by their account's).
        shown = next((v for v in group if v.language == language), item)
        entry = FeedEntry(shown, round(c.score, 4), _reasons(c, user=user, names=names, now=now))
        entry.translations = [v for v in group if v.pk != shown.pk]
        entries.append(entry)
    return entries, has_more


def dismissal_get(*, user: User, content_id: int) -> Dismissal | None:
    return Dismissal.objects.filter(user=user, content_id=content_id).first()
