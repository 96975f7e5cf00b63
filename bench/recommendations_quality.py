"""Offline evaluation of the personal feed on the demo data (prints, never asserts).

Seeds the demo company into a throwaway database (content, the behavioural-model shares of
sichtbar/sharing/demo.py, the clicks sichtbar/links/demo.py makes for them), then hides each sharer's
latest 20 % of shares (at least one; people with at least two shares), together with the tracked links
and clicks those shares produced, rebuilds the engagement counters from what is left and ranks for every
such person:

- feed: sichtbar.recommendations.selectors.feed_rank (what the API serves);
- baseline: newest first over the same candidates (visible, not shared in training, not dismissed).

A hidden share counts as relevant when its item is still visible today. Reported: precision@5 and nDCG@10
(binary gains), averaged over people; the target is feed nDCG@10 ≥ 1.3 × baseline.

Honest split: the evaluated people are divided by a fixed hash of their id into a validation half and a
held-out half. Weights are chosen on the validation half only (`--tune` ranks a grid of weight variants
there and names the best; the served `WEIGHTS` were set from that output); the figures that count are the
held-out half's, which no tuning ever looked at. Both halves are printed.

Honest caveat: the demo shares come from a model in which people prefer items on their skills (plus
department social proof, language, importance and strong personal noise); the ranker uses the same kind of
signals, so this measures how well it recovers that behaviour, not how real employees behave.

Run: DATABASE_URL=postgres://postgres@127.0.0.1/sb_sharing_bench
     .venv/bin/python bench/recommendations_quality.py [--keepdb] [--tune]
"""

import math
import sys
from collections import defaultdict
from typing import Any

from search_common import setup_django, throwaway_database

HIDE_SHARE = 0.2
VARIANTS: dict[str, Any] = {}  # name -> Weights, ranked on the validation half with --tune
SPLITS = ("validation", "held-out")


def split_of(user_id: int) -> str:
    """A fixed pseudo-random half (Knuth's multiplicative hash, so it does not follow id order)."""
    return SPLITS[(user_id * 2654435761 % 2**32) >> 31]


def ndcg(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked[:k]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def precision(ranked: list[int], relevant: set[int], k: int = 5) -> float:
    return sum(1 for pk in ranked[:k] if pk in relevant) / k


def seed_demo() -> None:
    """The demo apps the feed needs, in seed_demo's order (analytics rollups are not needed here)."""
    from django.db import transaction
    from sichtbar.core.layers import demo_seeders

    with transaction.atomic():
        for app, seed in demo_seeders():
            if app == "analytics":
                break
            print(f"demo {app}: {seed()}", file=sys.stderr)


def evaluate() -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone
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
    now = timezone.now()
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
            split = split_of(user_id)
            if split == "validation":  # tuning never sees the held-out half
                for name, weights in VARIANTS.items():
                    ranked = [c.id for c in feed_rank(user=user, count=10, weights=weights, now=now)]
                    results[f"{name}_ndcg"].append(ndcg(ranked, relevant))
            feed = [c.id for c in feed_rank(user=user, count=10, now=now)]
            newest = list(_excluded_visible(user=user).values_list("id", flat=True)[:10])
            results[f"{split}_feed_p5"].append(precision(feed, relevant))
            results[f"{split}_feed_ndcg"].append(ndcg(feed, relevant))
            results[f"{split}_base_p5"].append(precision(newest, relevant))
            results[f"{split}_base_ndcg"].append(ndcg(newest, relevant))
            results["candidates"].append(len(visible))
        transaction.set_rollback(True)

    def mean(key: str) -> float:
        values = results[key]
        return sum(values) / len(values) if values else 0.0

    figures: dict[str, Any] = {
        "hidden_shares": len(hidden_share_ids),
        "candidates_per_person": mean("candidates"),
        "variants": {name: mean(f"{name}_ndcg") for name in VARIANTS},
    }
    for split in SPLITS:
        figures[split] = {
            "people": len(results[f"{split}_feed_ndcg"]),
            **{key: mean(f"{split}_{key}") for key in ("feed_p5", "feed_ndcg", "base_p5", "base_ndcg")},
            "interval": ratio_interval(results[f"{split}_feed_ndcg"], results[f"{split}_base_ndcg"]),
        }
    return figures


def ratio_interval(feed: list[float], base: list[float], rounds: int = 2000) -> tuple[float, float]:
    """A 90 % bootstrap interval of mean(feed) / mean(base), resampling people (how much the ratio could
    move with another sample of people of this size)."""
    import random

    rng = random.Random(7)  # noqa: S311 (resampling, not security)
    n, ratios = len(feed), []
    if not n:
        return (0.0, 0.0)
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        b = sum(base[i] for i in picks)
        ratios.append(sum(feed[i] for i in picks) / b if b else float("inf"))
    ratios.sort()
    return ratios[int(rounds * 0.05)], ratios[int(rounds * 0.95) - 1]


def tuning_grid() -> dict[str, Any]:
    """Weight variants: a grid over freshness × half-life × topic × importance, and language and department
    engagement varied around the served weights."""
    from dataclasses import replace

    from sichtbar.recommendations.selectors import WEIGHTS

    grid: dict[str, Any] = {}
    for freshness in (3.5, 5.0, 6.5, 8.0, 10.0, 12.0):
        for half_life in (7.0, 14.0, 21.0):
            for topic in (1.6, 2.2, 3.0):
                for important in (0.3, 0.8):
                    grid[f"f{freshness}_hl{half_life:g}_t{topic}_i{important}"] = replace(
                        WEIGHTS,
                        freshness=freshness,
                        half_life_days=half_life,
                        topic=topic,
                        important=important,
                    )
    for language in (0.3, 1.2):
        grid[f"served_l{language}"] = replace(WEIGHTS, language=language)
    for engagement in (0.0, 1.6):
        grid[f"served_d{engagement}"] = replace(WEIGHTS, department_engagement=engagement)
    return grid


def main() -> int:
    setup_django()
    if "--tune" in sys.argv:
        VARIANTS.update(tuning_grid())
    keep = "--keepdb" in sys.argv
    with throwaway_database(suffix="_reco_quality", keepdb=keep):
        from sichtbar.recommendations.selectors import WEIGHTS
        from sichtbar.sharing.models import Share

        if not Share.objects.exists():
            seed_demo()
        figures = evaluate()
    print(
        f"hidden shares: {figures['hidden_shares']}, "
        f"candidates per person: {figures['candidates_per_person']:.1f}"
    )
    print(f"served weights: {WEIGHTS}")
    if VARIANTS:
        ranked = sorted(figures["variants"].items(), key=lambda kv: -kv[1])
        print(f"tuning on the validation half ({len(VARIANTS)} variants), best first:")
        for name, value in ranked[:8]:
            print(f"  {name:<24} nDCG@10 {value:.3f}")
        print(f"  served weights           nDCG@10 {figures['validation']['feed_ndcg']:.3f}")
    for split in SPLITS:
        part = figures[split]
        ratio = part["feed_ndcg"] / part["base_ndcg"] if part["base_ndcg"] else float("inf")
        print(f"\n{split} half: {part['people']} people")
        print(f"{'ranking':<14}{'precision@5':>12}{'nDCG@10':>10}")
        print(f"{'feed':<14}{part['feed_p5']:>12.3f}{part['feed_ndcg']:>10.3f}")
        print(f"{'newest first':<14}{part['base_p5']:>12.3f}{part['base_ndcg']:>10.3f}")
        verdict = "met" if ratio >= 1.3 else "MISSED"
        counts = " (this is the figure that counts)" if split == "held-out" else " (tuned on this half)"
        print(f"feed nDCG@10 / baseline = {ratio:.2f} (target ≥ 1.30: {verdict}){counts}")
        low, high = part["interval"]
        print(f"  90 % bootstrap interval over people: {low:.2f}–{high:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
