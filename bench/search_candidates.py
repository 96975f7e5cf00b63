"""Print the candidates of judged queries for hand-grading (prints, never asserts).

Seeds the demo company into a throwaway test database and, for each chosen query of
backend/sichtbar/search/judgements.yaml, prints the union of the database backend's top 15 and every
public profile the rule-based grades list, each with what a visitor sees: headline, skills with levels,
availability and the start of the bio. The hand grades in bench/judgements_hand.yaml were written by
reading this output. Run: .venv/bin/python bench/search_candidates.py [query …]
"""

import argparse
import textwrap

import yaml
from search_common import JUDGEMENTS, seed_demo, setup_django, throwaway_database

HAND = JUDGEMENTS.parents[3] / "bench" / "judgements_hand.yaml"
TOP = 15


def describe(slug: str) -> str:
    from sichtbar.core.richtext import html_to_text
    from sichtbar.profiles.models import Audience
    from sichtbar.profiles.selectors import expert_detail, visible_profiles

    profile = visible_profiles(audience=Audience.PUBLIC).filter(slug=slug).first()
    if profile is None:
        return f"{slug}: not public"
    d = expert_detail(profile=profile, audience=Audience.PUBLIC, language="de")
    skills = ", ".join(f"{s['skill']['name']} {s['level']}" for s in d["skills"] or [])
    bio = html_to_text(d["bio"] or "")[:260]
    return textwrap.indent(
        f"{slug} — {d['name']}: {d['headline']}\n  skills: {skills}\n  bio: {bio}", "    "
    ).lstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="*", help="default: the queries of judgements_hand.yaml")
    args = parser.parse_args()
    setup_django()
    judged = {item["query"]: item for item in yaml.safe_load(JUDGEMENTS.read_text())}
    wanted = args.queries or [item["query"] for item in yaml.safe_load(HAND.read_text())["queries"]]
    with throwaway_database(suffix="_candidates"):
        seed_demo()
        from sichtbar.profiles.models import Audience
        from sichtbar.search.backends.base import SearchFilters
        from sichtbar.search.selectors import expert_match, expert_search

        for query in wanted:
            item = judged[query]
            if item["kind"] == "problem":
                cards, _ = expert_match(text=query, audience=Audience.PUBLIC, language=item["language"])
            else:
                cards = expert_search(
                    query=query,
                    filters=SearchFilters(),
                    audience=Audience.PUBLIC,
                    language=item["language"],
                    page_size=TOP,
                ).results
            slugs = list(dict.fromkeys([c["slug"] for c in cards[:TOP]] + sorted(item["grades"])))
            print(f"\n=== {query} ({item['kind']}, {item['language']}): {len(slugs)} candidates")
            for slug in slugs:
                print("  " + describe(slug))


if __name__ == "__main__":
    main()
