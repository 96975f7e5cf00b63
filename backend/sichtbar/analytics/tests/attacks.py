"""Differencing and narrowing attacks on works-council mode, as a curious manager would try them: only the
API and the exports, several queries combined. Each attack returns the figure it derives for a person who
did not opt in (None when a figure it needs is withheld); it leaks when that equals the person's real
figure. Shared by the test suite (test_disclosure_attacks.py) and bench/disclosure_attacks.py.

The company (built by `build_company`): all facts lie in the last two published (closed) months M0, M1.
- Vertrieb, 7 people: s0..s5 share an article on LinkedIn in M1 (s0 opted in); the target P (s6) alone
  shares the job posting on XING (reach 4321) on day 10, whose link brings 7 clicks and 1 application.
  P alone has profile views (9) and directory appearances (11), and answered a press request in 5 hours.
- Marketing, 6 people: m0..m4 share the article on LinkedIn in M1; in M0 m0..m4 shared on XING.
- Einkauf, 5 people: e0..e3 opted in; all five share the article; the target Q (e4) gets 13 clicks.
- Recht, 2 people: the target L (l0) shares a press release on LinkedIn (reach 333, 5 clicks).
- Neu, 5 people with no activity (for the reorganisation attack).
"""

import csv
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from django.test import override_settings
from django.utils import timezone, translation

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.analytics import services
from sichtbar.analytics.disclosure import last_published_day
from sichtbar.analytics.models import Kpi, NetworkRate
from sichtbar.directory.models import ContactRequest, ProfileView, SearchAppearance
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.mail.models import OutboxMail
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.organisation.tests.helpers import works_council as choose_works_council
from sichtbar.profiles.tests.factories import ProfileFactory, SkillFactory
from sichtbar.sharing.models import Network

from .factories import (
    AnalyticsClickFactory,
    AnalyticsContentFactory,
    AnalyticsConversionFactory,
    AnalyticsLinkFactory,
    AnalyticsShareFactory,
    TargetFactory,
)

P_CLICKS, P_REACH, P_SHARES, P_CONVERSIONS = 7, 4321, 1, 1
P_RESPONSE_HOURS, P_VIEWS, P_APPEARANCES = 5.0, 9, 11
L_CLICKS, L_REACH, Q_CLICKS = 5, 333, 13


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())


def _share(user: Any, content: Any, network: str, day: date, followers: int, clicks: int) -> Any:
    share = AnalyticsShareFactory(
        user=user, content=content, network=network, followers_at_share=followers, shared_at=at(day)
    )
    link = AnalyticsLinkFactory(share=share)
    for hour in range(clicks):
        AnalyticsClickFactory(link=link, occurred_at=at(day, 13) + timedelta(minutes=hour))
    return link


def build_company(*, works_council: bool = True) -> SimpleNamespace:
    m1_end = last_published_day()
    m1 = m1_end.replace(day=1)
    m0 = (m1 - timedelta(days=1)).replace(day=1)
    day10, day12 = m1 + timedelta(days=9), m1 + timedelta(days=11)
    departments = {
        name: DepartmentFactory(name=name) for name in ["Vertrieb", "Marketing", "Einkauf", "Recht"]
    }
    neu = DepartmentFactory(name="Neu")
    sellers = [UserFactory(department=departments["Vertrieb"]) for _ in range(7)]
    marketers = [UserFactory(department=departments["Marketing"]) for _ in range(6)]
    buyers = [UserFactory(department=departments["Einkauf"]) for _ in range(5)]
    lawyers = [UserFactory(department=departments["Recht"]) for _ in range(2)]
    newcomers = [UserFactory(department=neu) for _ in range(5)]
    manager = UserFactory(role=Role.MANAGER, department=None)
    recruiting = SkillFactory(name_de="Recruiting", name_en="Recruiting")
    cloud = SkillFactory(name_de="Cloud", name_en="Cloud")
    article = AnalyticsContentFactory(title="Cloud im Mittelstand")
    article.topics.add(cloud)
    job = AnalyticsContentFactory(kind="job", title="Backend-Entwickler:in (m/w/d)")
    job.topics.add(recruiting)
    press = AnalyticsContentFactory(kind="press", title="Pressemitteilung")
    target = sellers[6]
    links = {}
    for seller in sellers[:6]:
        _share(seller, article, Network.LINKEDIN, day12, 100, 2)
    links["p"] = _share(target, job, Network.XING, day10, P_REACH, P_CLICKS)
    AnalyticsConversionFactory(link=links["p"], occurred_at=at(day10, 20))
    for marketer in marketers[:5]:
        _share(marketer, article, Network.LINKEDIN, day12, 100, 2)
        _share(marketer, article, Network.XING, m0 + timedelta(days=9), 100, 2)
    for buyer in buyers[:4]:
        _share(buyer, article, Network.LINKEDIN, day12, 100, 2)
    links["q"] = _share(buyers[4], article, Network.LINKEDIN, day12, 100, Q_CLICKS)
    links["l"] = _share(lawyers[0], press, Network.LINKEDIN, day12, L_REACH, L_CLICKS)
    for user in [sellers[0], *buyers[:4]]:
        FiguresOptIn.objects.create(user=user, share_figures=True)
    profile = ProfileFactory(user=target)
    ProfileView.objects.create(profile=profile, audience="public", day=day10, count=P_VIEWS)
    SearchAppearance.objects.create(profile=profile, audience="public", day=day10, count=P_APPEARANCES)
    request = ContactRequestFactory(profile=profile)
    ContactRequest.objects.filter(pk=request.pk).update(
        created_at=at(day10, 8),
        status="answered",
        answered_at=at(day10, 13),
        response_seconds=int(P_RESPONSE_HOURS * 3600),
    )
    NetworkRate.objects.create(network="xing", currency="EUR", cpc=1, cpm=10, view_rate="0.5")
    NetworkRate.objects.create(network="linkedin", currency="EUR", cpc=1, cpm=10, view_rate="0.5")
    choose_works_council(works_council)
    services.rollup_range(start=m0, end=m1_end)
    return SimpleNamespace(
        m0=m0,
        m1=m1,
        m1_end=m1_end,
        day10=day10,
        day12=day12,
        departments=departments,
        neu=neu,
        sellers=sellers,
        marketers=marketers,
        buyers=buyers,
        lawyers=lawyers,
        newcomers=newcomers,
        manager=manager,
        target=target,
        article=article,
        job=job,
        press=press,
        recruiting=recruiting,
        links=links,
        request=request,
    )


# --- helpers a manager would write -------------------------------------------------------------


class Manager:
    """The API as a manager's script uses it."""

    def __init__(self, client: Any, world: SimpleNamespace) -> None:
        self.client = client
        self.world = world

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code, response.content[:300])
        return response.json()

    def month(self, **params: Any) -> dict[str, Any]:
        return {"start": self.world.m1.isoformat(), "end": self.world.m1_end.isoformat(), **params}

    def dept(self, name: str) -> int:
        return self.world.departments[name].pk if name in self.world.departments else self.world.neu.pk

    def kpi(self, key: str, **params: Any) -> Any:
        body = self.get("/api/v1/analytics/overview/", **params)
        return next(k for k in body["kpis"] if k["key"] == key)

    def value(self, key: str, **params: Any) -> Any:
        return self.kpi(key, **params)["value"]

    def rows(self, by: str, **params: Any) -> dict[str, dict[str, Any]]:
        body = self.get("/api/v1/analytics/breakdown/", by=by, **params)
        return {row["label"]: row for row in body["rows"]}

    def csv(self, **params: Any) -> list[list[str]]:
        response = self.client.get("/api/v1/analytics/export/", params)
        assert response.status_code == 200
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def minus(total: Any, *parts: Any) -> Any:
    """total − parts, or None when any figure is withheld (or not a number)."""
    values = [total, *parts]
    if any(value in (None, "") for value in values):
        return None
    numbers = [float(value) for value in values]
    return numbers[0] - sum(numbers[1:])


@dataclass(frozen=True)
class Attack:
    name: str
    secret: float  # the non-opted-in person's real figure
    run: Callable[[Manager], Any]
    setup: Callable[[SimpleNamespace], None] | None = None


ATTACKS: list[Attack] = []


def attack(name: str, secret: float, setup: Callable[[SimpleNamespace], None] | None = None) -> Callable:
    def register(run: Callable[[Manager], Any]) -> Callable[[Manager], Any]:
        ATTACKS.append(Attack(name=name, secret=secret, run=run, setup=setup))
        return run

    return register


# --- narrowing ---------------------------------------------------------------------------------


@attack("department narrowed by network (overview)", P_CLICKS)
def _a1(m: Manager) -> Any:
    return m.value("clicks", **m.month(department=m.dept("Vertrieb"), network="xing"))


@attack("department breakdown by network", P_CLICKS)
def _a2(m: Manager) -> Any:
    return m.rows("network", **m.month(department=m.dept("Vertrieb"))).get("XING", {}).get("clicks")


@attack("department narrowed by content kind: reach", P_REACH)
def _a3(m: Manager) -> Any:
    return m.value("potential_reach", **m.month(department=m.dept("Vertrieb"), content_kind="job"))


@attack("company narrowed to a network used by one person", P_CLICKS)
def _a4(m: Manager) -> Any:
    return m.value("clicks", **m.month(network="xing"))


@attack("company total minus the visible networks", P_CLICKS)
def _a5(m: Manager) -> Any:
    rows = m.rows("network", **m.month())
    visible = [row["clicks"] for label, row in rows.items() if label != "XING"]
    return minus(m.value("clicks", **m.month()), *visible)


@attack("company narrowed to the job kind: applications", P_CONVERSIONS)
def _a6(m: Manager) -> Any:
    return m.value("applications", **m.month(content_kind="job"))


@attack("job funnel of the whole company", P_CLICKS)
def _a7(m: Manager) -> Any:
    funnel = m.get("/api/v1/analytics/overview/", **m.month())["funnel"]
    return funnel["job_clicks"] if funnel else None


@attack("content breakdown row of an item one person shared", P_REACH)
def _a8(m: Manager) -> Any:
    return m.rows("content", **m.month()).get("Backend-Entwickler:in (m/w/d)", {}).get("reach")


@attack("top content", P_CLICKS)
def _a9(m: Manager) -> Any:
    rows = m.get("/api/v1/analytics/top-content/", **m.month())["rows"]
    return next((r["clicks"] for r in rows if r["label"].startswith("Backend")), None)


@attack("topic breakdown row of a topic one person shared", P_CLICKS)
def _a10(m: Manager) -> Any:
    return m.rows("topic", **m.month()).get("Recruiting", {}).get("clicks")


@attack("overview narrowed to a topic", P_REACH)
def _a11(m: Manager) -> Any:
    return m.value("potential_reach", **m.month(topic=m.world.recruiting.pk))


@attack("company topic minus item differences", P_CLICKS)
def _a12(m: Manager) -> Any:
    rows = m.rows("content", **m.month())
    return minus(
        m.value("clicks", **m.month()), *(r["clicks"] for k, r in rows.items() if not k.startswith("Backend"))
    )


@attack("two narrowings at once", P_CLICKS)
def _a13(m: Manager) -> Any:
    return m.value("clicks", **m.month(network="xing", content_kind="job"))


@attack("department breakdown narrowed by network", P_CLICKS)
def _a14(m: Manager) -> Any:
    return m.rows("department", **m.month(network="xing")).get("Vertrieb", {}).get("clicks")


@attack("estimate inputs per network", P_REACH)
def _a15(m: Manager) -> Any:
    estimates = m.get("/api/v1/analytics/overview/", **m.month())["estimates"] or {"inputs": []}
    return next((i["reach"] for i in estimates["inputs"] if i["network"] == "xing"), None)


@attack("the company figure of a narrowed department view", P_CLICKS)
def _a16(m: Manager) -> Any:
    return m.kpi("clicks", **m.month(department=m.dept("Marketing"), network="xing"))["company"]


# --- margins and remainders --------------------------------------------------------------------


@attack("company total minus all visible departments (small department)", L_CLICKS)
def _a17(m: Manager) -> Any:
    rows = m.rows("department", **m.month())
    return minus(m.value("clicks", **m.month()), *(r["clicks"] for k, r in rows.items() if k != "Recht"))


@attack("company total minus visible departments, from the CSV export", L_REACH)
def _a18(m: Manager) -> Any:
    table = m.csv(table="breakdown_department", **m.month())
    column = 3  # label, shares, clicks, reach, … (headers are localised)
    others = [row[column] for row in table[1:] if row[0] != "Recht"]
    return minus(m.value("potential_reach", **m.month()), *others)


@attack("department total minus the opt-in leaderboard", Q_CLICKS)
def _a19(m: Manager) -> Any:
    dept = m.dept("Einkauf")
    board = m.get("/api/v1/analytics/leaderboard/", **m.month(department=dept))
    return minus(m.value("clicks", **m.month(department=dept)), *(r["clicks"] for r in board))


@attack("department breakdown row minus the leaderboard export", Q_CLICKS)
def _a20(m: Manager) -> Any:
    row = m.rows("department", **m.month()).get("Einkauf", {})
    board = m.csv(table="leaderboard", **m.month(department=m.dept("Einkauf")))
    return minus(row.get("clicks"), *(r[4] for r in board[1:]))


@attack("a small department's overview", L_CLICKS)
def _a21(m: Manager) -> Any:
    return m.value("clicks", **m.month(department=m.dept("Recht")))


@attack("department profile views (one person viewed)", P_VIEWS)
def _a22(m: Manager) -> Any:
    return m.value("profile_views", **m.month(department=m.dept("Vertrieb")))


@attack("department directory appearances", P_APPEARANCES)
def _a23(m: Manager) -> Any:
    return m.rows("department", **m.month()).get("Vertrieb", {}).get("search_appearances")


@attack("department median response time with one answered request", P_RESPONSE_HOURS)
def _a24(m: Manager) -> Any:
    return m.value("median_response_hours", **m.month(department=m.dept("Vertrieb")))


@attack("company median response time with one answered request", P_RESPONSE_HOURS)
def _a25(m: Manager) -> Any:
    return m.value("median_response_hours", **m.month())


# --- periods -----------------------------------------------------------------------------------


@attack("a 7-day window minus a 6-day window", P_CLICKS)
def _a26(m: Manager) -> Any:
    w = m.world
    week = m.value("clicks", start=(w.day10 - timedelta(days=6)).isoformat(), end=w.day10.isoformat())
    six = m.value(
        "clicks",
        start=(w.day10 - timedelta(days=6)).isoformat(),
        end=(w.day10 - timedelta(days=1)).isoformat(),
    )
    return minus(week, six)


@attack("a one-day department view", P_REACH)
def _a27(m: Manager) -> Any:
    day = m.world.day10.isoformat()
    return m.value("potential_reach", start=day, end=day, department=m.dept("Vertrieb"))


@attack("daily trend of the company", P_CLICKS)
def _a28(m: Manager) -> Any:
    points = m.get("/api/v1/analytics/trends/", interval="day", **m.month())["points"]
    return next((p["clicks"] for p in points if p["date"] == m.world.day10.isoformat()), None)


@attack("daily trend export of a department", P_CLICKS)
def _a29(m: Manager) -> Any:
    table = m.csv(table="trends", interval="day", **m.month(department=m.dept("Vertrieb")))
    column = 2  # date, shares, clicks, … (headers are localised)
    return next((row[column] for row in table[1:] if row[0] == m.world.day10.isoformat()), None)


@attack("previous-period values of an allowed view", P_CLICKS)
def _a30(m: Manager) -> Any:
    w = m.world
    after = w.m1_end + timedelta(days=1)
    kpi = m.kpi(
        "clicks", start=after.isoformat(), end=(after + timedelta(days=29)).isoformat(), network="xing"
    )
    return kpi["previous"]


@attack("two months minus the earlier month (narrowed)", P_CLICKS)
def _a31(m: Manager) -> Any:
    w = m.world
    both = m.value("clicks", start=w.m0.isoformat(), end=w.m1_end.isoformat(), network="xing")
    first = m.value(
        "clicks", start=w.m0.isoformat(), end=(w.m1 - timedelta(days=1)).isoformat(), network="xing"
    )
    return minus(both, first)


@attack("a one-day target on a department", P_CLICKS)
def _a32(m: Manager) -> Any:
    day = m.world.day10
    target = TargetFactory(
        kpi="clicks",
        scope="department",
        department=m.world.departments["Vertrieb"],
        period_start=day,
        period_end=day,
    )
    row = next(r for r in m.get("/api/v1/analytics/targets/") if r["id"] == target.pk)
    return row["current"]


@attack("a target on a small department", L_CLICKS)
def _a33(m: Manager) -> Any:
    target = TargetFactory(
        kpi="clicks",
        scope="department",
        department=m.world.departments["Recht"],
        period_start=m.world.m1,
        period_end=m.world.m1_end,
    )
    row = next(r for r in m.get("/api/v1/analytics/targets/") if r["id"] == target.pk)
    return row["current"]


@attack("weekly e-mail report of the week with one person's job share", P_CLICKS)
def _a34(m: Manager) -> Any:
    """Reads the report as it reaches the manager: the outbox row is delivered by the outbox's own sender
    through SMTP to a real server on loopback, and the figure is read from the received text and HTML
    parts (in the manager's language)."""
    week_end = m.world.day10 + timedelta(days=(6 - m.world.day10.weekday()))
    manager = m.world.manager
    assert services.weekly_report_send(user_id=manager.pk, week_end=week_end), "no report was written"
    outbox = OutboxMail.objects.get(reference=f"weekly-report:{manager.pk}:{week_end.isoformat()}")
    received = deliver_over_smtp(outbox.pk)
    assert received, "the report did not reach the SMTP server"
    with translation.override(outbox.language):
        label = str(Kpi.JOB_CLICKS.label)
    found = [figure_after(label, part, outbox.language) for part in mail_parts(received[-1])]
    return next((value for value in found if value is not None), None)


def deliver_over_smtp(mail_id: int) -> list[Any]:
    """Send one outbox mail with the outbox's sender to a loopback SMTP server; the messages it got."""
    from sichtbar.mail.services import mail_send
    from sichtbar.mail.tests.smtpd import LoopbackSmtp

    server = LoopbackSmtp()
    server.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=10,
        ):
            assert mail_send(mail_id=mail_id), "the outbox did not send the mail"
    finally:
        server.stop()
    return [item.message for item in server.received]


def mail_parts(message: Any) -> list[str]:
    """The text of every text part of a received message (HTML without its tags)."""
    texts = []
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        content = part.get_content()
        if part.get_content_subtype() == "html":
            content = html.unescape(re.sub(r"<[^>]+>", "", content))
        texts.append(content)
    return texts


def figure_after(label: str, text: str, language: str) -> float | None:
    """The number on the line `label: …` (German or English number format), None without one."""
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith(f"{label}:"):
            continue
        value = line[len(label) + 1 :].strip().replace("\u202f", "").replace("\xa0", "")
        de = language == "de"
        value = value.replace(".", "").replace(",", ".") if de else value.replace(",", "")
        try:
            return float(value)
        except ValueError:
            return None
    return None


# --- single facts ------------------------------------------------------------------------------


@attack("share-level drill-down without a department filter", P_REACH)
def _a35(m: Manager) -> Any:
    items = m.get("/api/v1/analytics/drilldown/", **m.month())["items"]
    return next((i["reach"] for i in items if i["content_kind"] == "job"), None)


@attack("share-level drill-down CSV", P_CLICKS)
def _a36(m: Manager) -> Any:
    table = m.csv(table="drilldown", **m.month())
    return next((row[6] for row in table[1:] if row[1] == "xing"), None)


@attack("drill-down of one content item: total", P_SHARES)
def _a37(m: Manager) -> Any:
    return m.get("/api/v1/analytics/drilldown/", content=m.world.job.pk, **m.month())["total"]


@attack("drill-down of a department narrowed to a network", P_REACH)
def _a38(m: Manager) -> Any:
    body = m.get("/api/v1/analytics/drilldown/", department=m.dept("Vertrieb"), network="xing", **m.month())
    return sum(i["reach"] for i in body["items"]) if body["items"] else body["total"]


@attack("a person's figures directly", P_CLICKS)
def _a39(m: Manager) -> Any:
    response = m.client.get(f"/api/v1/analytics/people/{m.world.target.pk}/", m.month())
    return response.json()["totals"]["clicks"] if response.status_code == 200 else None


@attack("everyone's tracked links", P_CLICKS)
def _a40(m: Manager) -> Any:
    rows = m.get("/api/v1/links/", scope="all")["results"]
    return next((r["clicks"] for r in rows if r["id"] == m.world.links["p"].pk), None)


@attack("one link's statistics by id", P_CLICKS)
def _a41(m: Manager) -> Any:
    response = m.client.get(f"/api/v1/links/{m.world.links['p'].pk}/stats/")
    return response.json()["clicks"] if response.status_code == 200 else None


@attack("a named expert's response time in the press triage", P_RESPONSE_HOURS)
def _a42(m: Manager) -> Any:
    rows = m.get("/api/v1/contact-requests/triage/")["results"]
    seconds = next((r["response_seconds"] for r in rows if r["id"] == str(m.world.request.pk)), None)
    return None if seconds is None else seconds / 3600


# --- reorganisation ----------------------------------------------------------------------------


def _move_target(world: SimpleNamespace) -> None:
    world.target.department = world.neu
    world.target.save(update_fields=["department"])


@attack("move one person into an idle department, rebuild, read the department", P_CLICKS, setup=None)
def _a43(m: Manager) -> Any:
    before = m.value("clicks", **m.month(department=m.dept("Neu")))
    _move_target(m.world)
    services.rollup_range(start=m.world.m0, end=m.world.m1_end)
    after = m.value("clicks", **m.month(department=m.dept("Neu")))
    return minus(after, before)


@attack("move one person out, rebuild, compare the old department", P_REACH)
def _a44(m: Manager) -> Any:
    before = m.value("potential_reach", **m.month(department=m.dept("Vertrieb")))
    _move_target(m.world)
    services.rollup_range(start=m.world.m0, end=m.world.m1_end)
    after = m.value("potential_reach", **m.month(department=m.dept("Vertrieb")))
    return minus(before, after)


@attack("move one person out, rebuild, compare the department breakdown export", P_CLICKS)
def _a45(m: Manager) -> Any:
    def vertrieb() -> Any:
        table = m.csv(table="breakdown_department", **m.month())
        column = 2  # label, shares, clicks, … (headers are localised)
        return next((row[column] for row in table[1:] if row[0] == "Vertrieb"), None)

    before = vertrieb()
    _move_target(m.world)
    services.rollup_range(start=m.world.m0, end=m.world.m1_end)
    return minus(before, vertrieb())


def leaked(derived: Any, secret: float) -> bool:
    if derived in (None, ""):
        return False
    try:
        return abs(float(derived) - secret) < 1e-6
    except (TypeError, ValueError):
        return False
