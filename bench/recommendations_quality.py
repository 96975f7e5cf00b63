"""Offline evaluation of the personal feed on the demo data (prints, never asserts).

Seeds the demo company into a throwaway database (content, the behavioural-model shares of
sichtbar/sharing/demo.py, clicks of sichtbar/links/demo.py), then hides each sharer's latest 20 % of shares
(at least one; people with at least two shares), together with the tracked links and clicks those shares
produced, rebuilds the engagement counters from what is left and ranks for every such person:

- feed: sichtbar.recommendations.selectors.feed_rank (what the API serves);
- baseline: newest first over the same candidates (visible, not shared in training, not dismissed).

A hidden share counts as relevant when its item is still visible today. Reported: precision@5 and nDCG@10
(binary gains), averaged over people; the target is feed nDCG@10 ≥ 1.3 × baseline.
Honest caveat: the demo shares come from a model in which people prefer items on their skills (plus
department social proof, language, importance and strong personal noise); the ranker uses the same kind of
signals, so this measures how well it recovers that behaviour, not how real employees behave.

Run: DATABASE_URL=postgres://postgres@127.0.0.1/sb_sharing .venv/bin/python bench/recommendations_quality.py
"""

import math
import sys
from collections import defaultdict
from typing import Any

from search_common import setup_django, throwaway_database

HIDE_SHARE = 0.2
VARIANTS: dict[str, Any] = {}  # name -> Weights, for tuning with --variants


def ndcg(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked[:k]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def precision(ranked: list[int], relevant: set[int], k: int = 5) -> float:
    return sum(1 for pk in ranked[:k] if pk in relevant) / k


def seed_demo() -> None:
    """The demo apps the feed needs, in seed_demo's order (analytics rollups are not needed here)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.db import transaction
    from sichtbar.core.management.commands.seed_demo import DEMO_APPS

    with transaction.atomic():
        for app in DEMO_APPS[: DEMO_APPS.index("recommendations") + 1]:
            if find_spec(f"sichtbar.{app}.demo"):
                print(f"demo {app}: {import_module(f'sichtbar.{app}.demo').seed()}", file=sys.stderr)


def evaluate() -> dict[str, Any]:
    from django.db import transaction
    from sichtbar.accounts.models import User
    from sichtbar.links.models import TrackedLink
    from sichtbar.recommendations.selectors import SHARED_STATUSES, _excluded_visible, feed_rank
    from sichtbar.recommendations.services import engagement_refresh
    from sichtbar.sharing.models import Share

    by_user: dict[int, list[tuple[Any, int, int]]] = defaultdict(list)
    for pk, user_id, content_id, created in Share.objects.filter(status__in=SHARED_STATUSES).values_list(
        "id", "user_id", "content_id", "created_at"
    ):
        by_user[user_id].append((created, pk, content_id))
    hidden: dict[int, set[int]] = {}
    hidden_share_ids: list[int] = []
    for user_id, rows in by_user.items():
        items = {content for _c, _p, content in rows}
        if len(items) < 2:
            continue
        rows.sort()
        count = max(1, round(len(rows) * HIDE_SHARE))
        test = rows[-count:]
        train_items = {content for _c, _p, content in rows[:-count]}
        hidden[user_id] = {content for _c, _p, content in test} - train_items
        hidden_share_ids += [pk for _c, pk, _content in test]

    results: dict[str, list[float]] = defaultdict(list)
    with transaction.atomic():
        for user_id, items in hidden.items():
            TrackedLink.objects.filter(user_id=user_id, content_id__in=items).delete()  # and their clicks
        Share.objects.filter(pk__in=hidden_share_ids).delete()
        engagement_refresh()
        users = User.objects.in_bulk(list(hidden))
        for user_id, items in hidden.items():
            user = users[user_id]
            visible = set(_excluded_visible(user=user).values_list("id", flat=True))
            relevant = items & visible
            if not relevant:
                continue
            for name, weights in VARIANTS.items():
                ranked = [c.id for c in feed_rank(user=user, count=10, weights=weights)]
                results[f"{name}_ndcg"].append(ndcg(ranked, relevant))
            feed = [c.id for c in feed_rank(user=user, count=10)]
            newest = list(_excluded_visible(user=user).values_list("id", flat=True)[:10])
            results["feed_p5"].append(precision(feed, relevant))
            results["feed_ndcg"].append(ndcg(feed, relevant))
            results["base_p5"].append(precision(newest, relevant))
            results["base_ndcg"].append(ndcg(newest, relevant))
            results["candidates"].append(len(visible))
        transaction.set_rollback(True)

    def mean(key: str) -> float:
        values = results[key]
        return sum(values) / len(values) if values else 0.0

    return {
        "people": len(results["feed_ndcg"]),
        "hidden_shares": len(hidden_share_ids),
        "candidates_per_person": mean("candidates"),
        "feed_p5": mean("feed_p5"),
        "feed_ndcg": mean("feed_ndcg"),
        "base_p5": mean("base_p5"),
        "base_ndcg": mean("base_ndcg"),
        "variants": {name: results[f"{name}_ndcg"] for name in VARIANTS},
    }


def main() -> int:
    setup_django()
    if "--variants" in sys.argv:
        from dataclasses import replace

        from sichtbar.recommendations.selectors import WEIGHTS

        VARIANTS.update(
            {
                "hl14_f5": replace(WEIGHTS, half_life_days=14, freshness=5.0),
                "hl14_f6": replace(WEIGHTS, half_life_days=14, freshness=6.0),
                "hl21_f6": replace(WEIGHTS, half_life_days=21, freshness=6.0),
                "hl14_f5_t3": replace(WEIGHTS, half_life_days=14, freshness=5.0, topic=3.0),
                "hl14_f5_l1": replace(WEIGHTS, half_life_days=14, freshness=5.0, language=1.2),
                "hl14_f5_i0": replace(WEIGHTS, half_life_days=14, freshness=5.0, important=0.3),
            }
        )
    keep = "--keepdb" in sys.argv
    with throwaway_database(suffix="_reco_quality", keepdb=keep):
        from sichtbar.sharing.models import Share

        if not Share.objects.exists():
            seed_demo()
        figures = evaluate()
    ratio = figures["feed_ndcg"] / figures["base_ndcg"] if figures["base_ndcg"] else float("inf")
    print(
        f"people evaluated: {figures['people']}, hidden shares: {figures['hidden_shares']}, "
        f"candidate items per person: {figures['candidates_per_person']:.1f}"
    )
    print(f"{'ranking':<14}{'precision@5':>12}{'nDCG@10':>10}")
    print(f"{'feed':<14}{figures['feed_p5']:>12.3f}{figures['feed_ndcg']:>10.3f}")
    for name in VARIANTS:
        values = figures["variants"][name]
        print(f"variant {name}: nDCG@10 {sum(values) / max(len(values), 1):.3f}")
    print(f"{'newest first':<14}{figures['base_p5']:>12.3f}{figures['base_ndcg']:>10.3f}")
    verdict = "met" if ratio >= 1.3 else "MISSED"
    print(f"feed nDCG@10 / baseline nDCG@10 = {ratio:.2f} (target ≥ 1.30: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
