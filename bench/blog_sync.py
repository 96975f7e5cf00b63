"""Blog sync throughput and conditional GET savings with a real Celery worker (prints, never asserts).

Serves N RSS feeds (default 1,000, 10 posts each, with ETag and Last-Modified) from a threaded HTTP server
on 127.0.0.1, creates one blog connection per feed for N employees in the database DATABASE_URL names
(PostgreSQL; the bench's rows are deleted at the end), starts a Celery worker like docker-compose's
worker-integrations (prefork, --concurrency 4, queue "integrations", broker Redis from REDIS_URL) and
enqueues the periodic fan-out twice:

  1. first sync: every feed is fetched, parsed and imported;
  2. second sync of the unchanged feeds: conditional GET (If-None-Match / If-Modified-Since) → 304, so
     nothing is parsed.

Parsing work is counted in the worker processes (bench/blog_sync_settings.py wraps the parser the sync
service calls: calls and bytes). The SSRF guard allows loopback only through OUTBOUND_HTTP_ALLOW_LOOPBACK /
OUTBOUND_HTTP_EXTRA_PORTS, the settings the tests use.

  DATABASE_URL=postgres://postgres@127.0.0.1/sb_evidence_bench REDIS_URL=redis://127.0.0.1:6379/4 \
    .venv/bin/python bench/blog_sync.py [--feeds 1000] [--concurrency 4] [--posts 10]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BACKEND_DIR = BENCH_DIR.parent / "backend"
sys.path[:0] = [str(BACKEND_DIR), str(BENCH_DIR)]
os.environ["DJANGO_SETTINGS_MODULE"] = "blog_sync_settings"

EMAIL_DOMAIN = "blog-sync.bench.invalid"
TOPICS = ["Kubernetes", "Datenschutz", "Cloud-Migration", "Machine Learning", "SAP S/4HANA", "Python"]


def feed(index: int, posts: int) -> bytes:
    items = "".join(
        "<item>"
        f"<title>{TOPICS[(index + n) % len(TOPICS)]} in der Praxis, Teil {n}</title>"
        f"<link>https://blog{index}.example.com/{n}</link>"
        f'<guid isPermaLink="false">blog{index}-post{n}</guid>'
        f"<description><![CDATA[<p>Erfahrungen aus Projekt {n}: {TOPICS[n % len(TOPICS)]} und "
        "was wir dabei gelernt haben. " + "Ein Absatz mit Inhalt. " * 20 + "</p>]]></description>"
        f"<pubDate>Sun, {1 + n % 28:02d} Nov 2026 08:00:00 GMT</pubDate>"
        "</item>"
        for n in range(posts)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Blog {index}</title><link>https://blog{index}.example.com/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


def _process_tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids += _process_tree(int(child))
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (Linux /proc), load-independent."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for each in _process_tree(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=10, help="posts per feed")
    parser.add_argument("--concurrency", type=int, default=4, help="worker processes (compose: 4)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL", "").startswith("redis://"):
        sys.exit("REDIS_URL must name a Redis database (broker and the parse counters)")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    os.environ.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])

    from sichtbar.integrations.tests.blog_server import BlogServer, Page

    server = BlogServer()
    os.environ["BENCH_OUTBOUND_PORTS"] = str(server.port)

    import django

    django.setup()
    import redis
    from config.celery_app import app as celery_app
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection as db
    from django.utils import timezone
    from sichtbar.accounts.models import User
    from sichtbar.integrations import services, tasks
    from sichtbar.integrations.models import Connection, FeedKind, ImportedPost, Provider
    from sichtbar.profiles import demo as profiles_demo

    call_command("migrate", verbosity=0)
    profiles_demo._taxonomy()  # suggestions after the import match against a realistic taxonomy
    counters = redis.Redis.from_url(os.environ["REDIS_URL"])

    def cleanup() -> None:
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()

    def parse_counts() -> tuple[int, int]:
        prefix = settings.BENCH_COUNTER_PREFIX
        return int(counters.get(f"{prefix}calls") or 0), int(counters.get(f"{prefix}bytes") or 0)

    def reset_counts() -> None:
        counters.delete(f"{settings.BENCH_COUNTER_PREFIX}calls", f"{settings.BENCH_COUNTER_PREFIX}bytes")

    cleanup()
    users = User.objects.bulk_create(
        User(email=f"blogger{i}@{EMAIL_DOMAIN}", first_name="Blog", last_name=f"Bench {i}", is_active=True)
        for i in range(args.feeds)
    )
    for i in range(args.feeds):
        body = feed(i, args.posts)
        server.pages[f"/feed/{i}"] = Page(
            body,
            content_type="application/rss+xml; charset=utf-8",
            etag=f'"feed-{i}-v1"',
            last_modified="Sun, 22 Nov 2026 08:00:00 GMT",
        )
    Connection.objects.bulk_create(
        Connection(
            user=user,
            provider=Provider.BLOG,
            url=f"https://blog{i}.example.com/",
            title=f"Blog {i}",
            feed_url=f"{server.url}/feed/{i}",
            feed_kind=FeedKind.RSS,
        )
        for i, user in enumerate(users)
    )
    ids = list(Connection.objects.filter(user__in=users).values_list("id", flat=True))
    feed_bytes = sum(len(page.body) for page in server.pages.values())

    env = {
        **os.environ,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(BACKEND_DIR), str(BENCH_DIR)]),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "integrations"]
    command += [
        "--concurrency",
        str(args.concurrency),
        "-l",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
    ]
    celery_app.conf.update(task_always_eager=False, broker_url=os.environ["CELERY_BROKER_URL"])
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge("integrations")
    worker = subprocess.Popen(command, cwd=BACKEND_DIR, env=env)  # noqa: S603 - our own interpreter
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=1.0):
            if time.monotonic() > deadline or worker.poll() is not None:
                sys.exit("the Celery worker did not start")

        def run(label: str) -> tuple[float, int, int, int]:
            reset_counts()
            cpu_before = cpu_seconds(worker.pid)
            before_hits = len(server.hits)
            started_at = timezone.now()
            start = time.perf_counter()
            tasks.blogs_sync_all.apply_async()
            synced = 0
            while time.perf_counter() - start < args.timeout:
                synced = Connection.objects.filter(id__in=ids, last_sync_at__gte=started_at).count()
                if synced == len(ids):
                    break
                time.sleep(0.2)
            elapsed = time.perf_counter() - start
            worker_cpu = cpu_seconds(worker.pid) - cpu_before
            calls, parsed = parse_counts()
            errors = Connection.objects.filter(id__in=ids).exclude(last_error_code="").count()
            print(
                f"{label}: {synced}/{len(ids)} feeds synced in {elapsed:.1f} s "
                f"({synced / elapsed:.0f} feeds/s), HTTP requests {len(server.hits) - before_hits}, "
                f"parse calls {calls}, parsed bytes {parsed:,}, connections with errors {errors}; "
                f"worker CPU {worker_cpu:.1f} s ({1000 * worker_cpu / max(synced, 1):.0f} ms per feed)"
            )
            return elapsed, calls, parsed, synced

        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} when the bench started")
        print(
            f"blog_sync: {args.feeds} feeds × {args.posts} posts ({feed_bytes:,} bytes of RSS) on loopback, "
            f"Celery worker prefork --concurrency {args.concurrency}, broker Redis, database "
            f"{db.settings_dict['NAME']}; fan-out in tasks of {tasks.BLOG_SYNC_BATCH} blogs, "
            f"up to {services.BLOG_FETCH_THREADS} concurrent fetches per task"
        )
        first, first_calls, first_bytes, _ = run("first sync")
        posts = ImportedPost.objects.filter(connection_id__in=ids).count()
        print(f"  imported posts: {posts} (expected {args.feeds * args.posts})")
        # The imports enqueued their follow-ups (skill suggestions and activity score per blog, a mention
        # scan per batch) on the same queue; let them finish so the second sync is measured on its own.
        drain = time.perf_counter()
        while counters.llen("integrations") and time.perf_counter() - drain < args.timeout:
            time.sleep(0.5)
        time.sleep(2)  # the last prefetched follow-ups
        print(f"  follow-up tasks (evidence refresh, …) drained {time.perf_counter() - drain:.1f} s later")
        second, second_calls, second_bytes, _ = run("second sync (unchanged feeds)")
        print(
            f"second/first parsing work: {100 * second_calls / max(first_calls, 1):.1f} % of parse calls, "
            f"{100 * second_bytes / max(first_bytes, 1):.1f} % of parsed bytes "
            f"(target ≤ 5 %); first sync {first:.1f} s (target ≤ 60 s), second {second:.1f} s"
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        with celery_app.connection_for_write() as conn:
            for queue in ("integrations", "search"):
                conn.default_channel.queue_purge(queue)
        cleanup()
        server.close()


if __name__ == "__main__":
    main()
