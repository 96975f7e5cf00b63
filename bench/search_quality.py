"""Search quality on the judged query set: nDCG@10 and MRR per available backend (prints, never asserts).

Seeds the demo company into a throwaway test database (SQLite unless DATABASE_URL is set) and runs every
query of backend/sichtbar/search/judgements.yaml through the public search. Elasticsearch is measured
too when ELASTICSEARCH_URL is set. Besides the rule-graded set it reports the hand-graded subset
(bench/judgements_hand.yaml: 20 of the queries, graded by reading the candidates) on its own, and the
rule grades of the same 20 queries for comparison.
The hand-judged set of issue 15 (bench/judged_queries.yaml: 168 queries, 40 of them described problems in
German, English and across languages) is measured too, with semantic retrieval on, nDCG@10 per kind.
Run: .venv/bin/python bench/search_quality.py [--by-kind] [--verbose]
     DATABASE_URL=postgres://… .venv/bin/python bench/search_quality.py   (the PostgreSQL figures)
     --only-judged  (only the set of issue 15)   --no-semantic  (lexical only, for comparison)
     --show TEXT  (the ranked page and the missed people of each query containing TEXT)
"""

import argparse
import math
import os
from collections import defaultdict
from typing import Any

import yaml
from search_common import JUDGEMENTS, seed_demo, setup_django, throwaway_database

K = 10
HAND = JUDGEMENTS.parents[3] / "bench" / "judgements_hand.yaml"
JUDGED = JUDGEMENTS.parents[3] / "bench" / "judged_queries.yaml"
PROBLEM_KINDS = ("problem-de", "problem-en", "cross-language")


def judged_set() -> list[dict[str, Any]]:
    """The queries of bench/judged_queries.yaml with a grade per public profile: the hand-written topic
    grades of the query applied to what a visitor sees (see the file's header)."""
    from sichtbar.search.models import SearchDocument, SearchTerm, TermFacet

    data = yaml.safe_load(JUDGED.read_text())
    roles: dict[str, list[str]] = data["roles"]
    skills: dict[str, dict[str, int]] = defaultdict(dict)
    for slug, value, level in SearchTerm.objects.filter(
        document__audience="public", facet=TermFacet.SKILL
    ).values_list("document__slug", "value", "level"):
        skills[slug][value] = level
    for slug, headline in SearchDocument.objects.filter(audience="public").values_list("slug", "headline_en"):
        if not skills.get(slug):  # skills hidden from visitors: the role's skills at level 3
            skills[slug] = dict.fromkeys(roles.get(headline.split(" · ")[0].strip(), []), 3)
    judged = []
    for item in data["queries"]:
        grades: dict[str, int] = dict(item.get("people", {}))
        for slug, levels in skills.items():
            best = 0
            for topic, grade in item.get("topics", {}).items():
                level = levels.get(topic, 0)
                if level:
                    best = max(best, grade - (0 if level >= 4 else 1 if level == 3 else 2))
            if best > 0:
                grades[slug] = max(best, grades.get(slug, 0))
        judged.append({"query": item["q"], "language": item["lang"], "kind": item["kind"], "grades": grades})
    return judged


def hand_graded(judged: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The hand-graded queries (with their kind and language from the judged set), and the rule-graded
    entries of the same queries."""
    by_query = {item["query"]: item for item in judged}
    hand = [
        {**by_query[entry["query"]], "grades": entry["grades"]}
        for entry in yaml.safe_load(HAND.read_text())["queries"]
        if entry.get("grades")
    ]
    return hand, [by_query[item["query"]] for item in hand]


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(slug, 0) for slug in ranked[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for index, slug in enumerate(ranked):
        if grades.get(slug, 0) >= 2:
            return 1 / (index + 1)
    return 0.0


def evaluate(
    backend_name: str, judged: list[dict[str, Any]], *, verbose: bool, show: str = ""
) -> dict[str, Any]:
    from django.test import override_settings
    from sichtbar.profiles.models import Audience
    from sichtbar.search.backends.base import SearchFilters
    from sichtbar.search.selectors import expert_match, expert_search

    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with override_settings(SEARCH_BACKEND=backend_name):
        for item in judged:
            if item["kind"] == "problem" or item["kind"] in PROBLEM_KINDS:
                cards, _skills = expert_match(
                    text=item["query"], audience=Audience.PUBLIC, language=item["language"]
                )
            else:
                cards = expert_search(
                    query=item["query"],
                    filters=SearchFilters(),
                    audience=Audience.PUBLIC,
                    language=item["language"],
                    page_size=K,
                ).results
            ranked = [card["slug"] for card in cards]
            n, rr = ndcg_at_k(ranked, item["grades"]), reciprocal_rank(ranked, item["grades"])
            per_kind[item["kind"]].append((n, rr))
            if verbose:
                print(f"  {backend_name:<13} nDCG={n:.3f} RR={rr:.2f}  {item['query'][:70]}")
            if show and show.lower() in item["query"].lower():
                _show(item, cards)
    everything = [pair for pairs in per_kind.values() for pair in pairs]
    return {
        "ndcg": sum(p[0] for p in everything) / len(everything),
        "mrr": sum(p[1] for p in everything) / len(everything),
        "kinds": {
            k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v), len(v))
            for k, v in per_kind.items()
        },
    }


def _show(item: dict[str, Any], cards: list[dict[str, Any]]) -> None:
    """The ranked page beside the grades: what was found, and the best-graded people it missed."""
    grades = item["grades"]
    print(f"    {item['query']!r} ({item['kind']})")
    for rank, card in enumerate(cards[:K], 1):
        match = card.get("match") or ""
        print(f"    {rank:>2}. grade {grades.get(card['slug'], 0)}  {card['slug']:<28} {match}")
    shown = {card["slug"] for card in cards[:K]}
    missed = sorted((g, slug) for slug, g in grades.items() if slug not in shown and g >= 2)
    print("    missed: " + ", ".join(f"{slug} ({g})" for g, slug in reversed(missed[-8:])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--by-kind", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only-judged", action="store_true")
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--show", default="", help="the ranked page of the queries containing this text")
    args = parser.parse_args()
    os.environ.setdefault("SEARCH_SEMANTIC", "false" if args.no_semantic else "true")
    setup_django()
    from django.db import connection

    judged = yaml.safe_load(JUDGEMENTS.read_text())
    backends = ["database"]
    if os.environ.get("ELASTICSEARCH_URL"):
        backends.append("elasticsearch")
    with throwaway_database(suffix="_quality"):
        seed_demo()
        if "elasticsearch" in backends:
            from django.core.management import call_command
            from django.test import override_settings

            with override_settings(
                SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"]
            ):
                call_command("search_rebuild")
        from django.conf import settings

        issue = judged_set()
        semantic = "on" if settings.SEARCH_SEMANTIC else "off"
        print(
            f"{len(issue)} hand-judged queries (issue 15), public audience, {connection.vendor},"
            f" semantic {semantic}"
        )
        print(f"  load average before: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})")
        for name in backends:
            result = evaluate(name, issue, verbose=args.verbose, show=args.show)
            print(f"{name:<14} nDCG@10 {result['ndcg']:.3f}  MRR {result['mrr']:.3f}   all {len(issue)}")
            problems = [pair for kind in PROBLEM_KINDS for pair in [result["kinds"].get(kind)] if pair]
            if problems:
                count = sum(p[2] for p in problems)
                print(
                    f"{'':<14} nDCG@10 {sum(p[0] * p[2] for p in problems) / count:.3f}"
                    f"  MRR {sum(p[1] * p[2] for p in problems) / count:.3f}   problem descriptions, {count}"
                )
            for kind, (n, rr, count) in sorted(result["kinds"].items()):
                print(f"  {kind:<16} {n:>6.3f} {rr:>6.3f}  ({count} queries)")
        if args.only_judged:
            return
        print(f"{len(judged)} judged queries, public audience, {connection.vendor} database")
        print(f"{'backend':<14} {'nDCG@10':>8} {'MRR':>6}")
        hand, rule_same = hand_graded(judged)
        for name in backends:
            result = evaluate(name, judged, verbose=args.verbose)
            print(f"{name:<14} {result['ndcg']:>8.3f} {result['mrr']:>6.3f}   rule-graded, all {len(judged)}")
            if args.by_kind:
                for kind, (n, rr, count) in sorted(result["kinds"].items()):
                    print(f"  {kind:<12} {n:>8.3f} {rr:>6.3f}  ({count} queries)")
            if hand:
                by_hand = evaluate(name, hand, verbose=args.verbose)
                by_rule = evaluate(name, rule_same, verbose=False)
                print(f"{name:<14} {by_hand['ndcg']:>8.3f} {by_hand['mrr']:>6.3f}   hand-graded, {len(hand)}")
                print(f"{name:<14} {by_rule['ndcg']:>8.3f} {by_rule['mrr']:>6.3f}  rule, same {len(hand)}")


if __name__ == "__main__":
    main()
