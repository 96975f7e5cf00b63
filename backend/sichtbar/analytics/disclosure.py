"""Disclosure control of works-council mode: every aggregate a manager or admin sees passes through here.

The method (docs/adr/0010-works-council-disclosure-control.md) is cell suppression as statistical offices
do it for tables (threshold rule plus complementary suppression), on a fixed grid of cells:

- periods are whole, closed calendar months (publication periods); a month is published once it ended
  and the late-event window (`ANALYTICS_REROLL_DAYS`) has passed;
- a cell is one month × one group: the company or one department (membership at the time of the event),
  narrowed by at most one of network, content kind (with its items), content item or topic;
- each figure family of a cell (shares, clicks, conversions, imported posts, profile views, directory
  appearances, contact requests, answered requests) is published only if the group has at least
  `ANALYTICS_MIN_GROUP_SIZE` members and the people behind that family's figure, leaving out those who
  opted in and the viewer (whose figures the viewer may know), number 0 or at least the minimum;
- complementary suppression: in each line of cells that add up to a published total (the departments
  of the company, the networks, the content kinds, the items of a kind) the withheld cells together
  must again form a group that passes the rule, otherwise more cells are withheld; topics (which
  overlap) are also withheld when their difference from another published topic, item, kind or the
  company would fail the rule;
- a period of several months is published only if each of its months is.

With works-council mode off nothing here changes a figure."""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, Role, User
from sichtbar.content.models import ContentItem, ContentKind
from sichtbar.integrations.models import ImportedPost
from sichtbar.links.models import Click, Conversion

# Works-council mode and the opt-ins are the organisation's privacy settings (sichtbar.organisation).
from sichtbar.organisation.selectors import opted_in_ids as opted_in_ids
from sichtbar.organisation.selectors import works_council_mode as works_council_mode
from sichtbar.sharing.models import Network, Share

from .models import DisclosureDecision, MembershipPeriod, UserDayFact
from .rollup import COUNTED_SHARE_STATUSES, day_bounds

# Figure families: the people behind a figure are the people with such a fact in the cell.
SHARE, CLICK, CONVERSION, POST = "share", "click", "conversion", "post"
VIEW, APPEARANCE, CONTACT, ANSWER = "view", "appearance", "contact", "answer"
PEOPLE = "people"  # stocks and headcount: the group's members
ACTIVITY_FAMILIES = (SHARE, CLICK, CONVERSION, POST)
PERSON_FAMILIES = (VIEW, APPEARANCE, CONTACT, ANSWER)

# Why a figure is withheld (`suppressed_reason` in the API; the SPA translates it).
MIN_GROUP = "min_group"  # the group behind the figure is smaller than the minimum
COMPLEMENTARY = "complementary"  # withheld so that another withheld cell cannot be recovered
COMBINATION = "combination"  # a department with a narrowing, or two narrowings: not a published cell
NO_PERIOD = "period"  # no closed month in the period yet

NARROWINGS = ("network", "content_kind", "topic", "content")

# Which families each KPI (docs/metrics.md) and each breakdown/trend metric is made of.
KPI_FAMILIES: dict[str, tuple[str, ...]] = {
    "invited": (PEOPLE,),
    "enrolled": (PEOPLE,),
    "onboarded": (PEOPLE,),
    "active_advocates": (PEOPLE, SHARE),
    "adoption_rate": (PEOPLE, SHARE),
    "shares": (SHARE,),
    "clicks": (CLICK,),
    "clicks_per_share": (SHARE, CLICK),
    "potential_reach": (SHARE,),
    "estimated_impressions": (SHARE,),
    "engagement_rate": (POST,),
    "media_value": (SHARE, CLICK),
    "content_utilisation": (SHARE,),
    "profile_views": (PEOPLE, VIEW),
    "search_appearances": (PEOPLE, APPEARANCE),
    "contact_requests": (PEOPLE, CONTACT),
    "median_response_hours": (PEOPLE, ANSWER),
    "conversions": (CONVERSION,),
    "applications": (CONVERSION,),
    "job_shares": (SHARE,),
    "job_clicks": (CLICK,),
    "reach": (SHARE,),
}
JOB_KPIS = {
    "job_shares",
    "job_clicks",
    "applications",
}  # narrowed to jobs (applications: a kind of conversion)


def reason_label(reason: str | None, min_group: int) -> str:
    """The marker exports and e-mails show instead of a withheld figure."""
    if not reason:
        return ""
    if reason == COMBINATION:
        return _("hidden: not a published group (works council)")
    if reason == NO_PERIOD:
        return _("hidden: no closed month yet (works council)")
    return _("hidden to protect individuals (min. group %(n)d)") % {"n": min_group}


def months_of(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def month_end(month: date) -> date:
    return (month.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def last_published_day(today: date | None = None) -> date:
    """The last day of the newest month that is closed and past the late-event window."""
    today = today or timezone.localdate()
    settled = today - timedelta(days=settings.ANALYTICS_REROLL_DAYS)
    return settled.replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    snapped: bool  # the requested window was moved to whole months
    empty: bool = False  # no closed month in the requested window

    @property
    def months(self) -> list[date]:
        return months_of(self.start, self.end)


def publication_period(*, start: date, end: date, today: date | None = None) -> Period:
    """The whole, closed months covering `start`..`end`: the start goes back to the first of its month,
    the end forward to the last day of its month, and back to the last published month when that month
    is still open. A window of only open days gives the last published month (`empty` if none)."""
    last = last_published_day(today)
    snapped_start = start.replace(day=1)
    snapped_end = min(month_end(end), last)
    empty = False
    if snapped_end < snapped_start:
        snapped_start, empty = last.replace(day=1), True
        snapped_end = last
    return Period(
        start=snapped_start,
        end=snapped_end,
        snapped=(snapped_start, snapped_end) != (start, end),
        empty=empty,
    )


def previous_period(period: Period) -> Period:
    """The same number of whole months just before."""
    count = len(period.months)
    start = period.start
    for _month in range(count):
        start = (start - timedelta(days=1)).replace(day=1)
    return Period(start=start, end=period.start - timedelta(days=1), snapped=False)


# --- the people behind the cells ---------------------------------------------------------------

Key = Any  # a line's cell key: a department id (or None), a network, a kind, an item id, a topic id


@dataclass
class Cell:
    """One cell of one month: the group's members and, per family, the people with a fact in it."""

    population: int = 0
    people: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def _month_range(month: date) -> tuple[datetime, datetime]:
    return day_bounds(month)[0], day_bounds(month_end(month))[1]


class Index:
    """The contributors of every cell of the months asked for, loaded once per request."""

    def __init__(self) -> None:
        self._departments: dict[date, dict[Key, Cell]] = {}
        self._company_facts: dict[date, list[tuple[int, str, str, int | None, str]]] = {}
        self._members: dict[date, dict[Key, set[int]]] = {}
        self._periods: dict[int, list[tuple[datetime, int | None]]] | None = None
        self._unknown: list[tuple[int, int | None]] = []
        self._kinds: dict[int, str] | None = None
        self._topics: dict[int, set[int]] | None = None
        self._company: dict[date, Cell] = {}
        self._narrowed: dict[tuple[date, str], dict[Key, Cell]] = {}

    def members(self, month: date) -> dict[Key, set[int]]:
        """The members of each department during the month (membership history): a person who moved
        within the month was a member of both."""
        if self._periods is None:
            self._periods = defaultdict(list)
            for user_id, department_id, valid_from in MembershipPeriod.objects.order_by(
                "user_id", "valid_from"
            ).values_list("user_id", "department_id", "valid_from"):
                self._periods[user_id].append((valid_from, department_id))
            # people without history yet (created since the last rollup) count where they are now
            self._unknown = list(
                User.objects.filter(is_active=True)
                .exclude(id__in=MembershipPeriod.objects.values("user_id"))
                .values_list("id", "department_id")
            )
        if month not in self._members:
            start, end = _month_range(month)
            groups: dict[Key, set[int]] = defaultdict(set)
            for user_id, rows in self._periods.items():
                for position, (valid_from, department_id) in enumerate(rows):
                    valid_to = rows[position + 1][0] if position + 1 < len(rows) else None
                    if valid_from < end and (valid_to is None or valid_to > start):
                        groups[department_id].add(user_id)
            for user_id, department_id in self._unknown:
                groups[department_id].add(user_id)
            self._members[month] = dict(groups)
        return self._members[month]

    def departments(self, month: date) -> dict[Key, Cell]:
        """Per department (as the rollups attribute facts): members and contributors per family."""
        if month not in self._departments:
            cells: dict[Key, Cell] = defaultdict(Cell)
            for department_id, users in self.members(month).items():
                cells[department_id].population = len(users)
            rows = (
                UserDayFact.objects.filter(day__gte=month, day__lte=month_end(month))
                .values("user_id", "department_id")
                .annotate(
                    s=Count("id", filter=Q(shares__gt=0)),
                    c=Count("id", filter=Q(clicks__gt=0)),
                    v=Count("id", filter=Q(conversions__gt=0)),
                    pv=Count("id", filter=Q(profile_views__gt=0)),
                    sa=Count("id", filter=Q(search_appearances__gt=0)),
                    cr=Count("id", filter=Q(contact_requests__gt=0)),
                    ar=Count("id", filter=Q(answered_requests__gt=0)),
                )
                .order_by()
            )
            flags = {"s": SHARE, "c": CLICK, "v": CONVERSION, "pv": VIEW, "sa": APPEARANCE}
            flags |= {"cr": CONTACT, "ar": ANSWER}
            for row in rows:
                values: dict[str, Any] = dict(row)
                cell = cells[values["department_id"]]
                for flag, family in flags.items():
                    if values[flag]:
                        cell.people[family].add(values["user_id"])
            for user_id, department_id in self._post_authors(month):
                cells[department_id].people[POST].add(user_id)
            self._departments[month] = dict(cells)
        return self._departments[month]

    def _post_authors(self, month: date) -> list[tuple[int, Key]]:
        """Authors of imported posts with the department of the post's day."""
        start, end = _month_range(month)
        posts = ImportedPost.objects.filter(
            published_at__gte=start, published_at__lt=end, author__isnull=False
        )
        result = []
        history: dict[int, list[tuple[datetime, int | None]]] = defaultdict(list)
        rows = list(posts.values_list("author_id", "published_at"))
        for user_id, department_id, valid_from in MembershipPeriod.objects.filter(
            user_id__in={row[0] for row in rows}
        ).values_list("user_id", "department_id", "valid_from"):
            history[user_id].append((valid_from, department_id))
        current = dict(
            User.objects.filter(id__in={row[0] for row in rows}).values_list("id", "department_id")
        )
        for user_id, published_at in rows:
            periods = sorted(history.get(user_id, []), key=lambda item: item[0])
            department = current.get(user_id)
            if periods:
                department = periods[0][1]
                for valid_from, department_id in periods:
                    if valid_from <= day_bounds(timezone.localtime(published_at).date())[0]:
                        department = department_id
            result.append((user_id, department))
        return result

    def company_facts(self, month: date) -> list[tuple[int, str, str, int | None, str]]:
        """(person, family, network, content item, kind) of every activity fact of the month, distinct."""
        if month not in self._company_facts:
            start, end = _month_range(month)
            kinds = self.kinds()
            facts: set[tuple[int, str, str, int | None, str]] = set()
            shares = Share.objects.filter(
                shared_at__gte=start, shared_at__lt=end, status__in=COUNTED_SHARE_STATUSES
            ).values_list("user_id", "network", "content_id")
            for user_id, network, content_id in shares.distinct():
                facts.add((user_id, SHARE, network, content_id, kinds.get(content_id, "")))
            clicks = Click.objects.filter(
                occurred_at__gte=start, occurred_at__lt=end, user_id_at_click__isnull=False
            ).values_list("user_id_at_click", "network", "content_id_at_click")
            for clicker, network, clicked in clicks.distinct():
                if clicker is not None:
                    facts.add((clicker, CLICK, network, clicked, kinds.get(clicked or 0, "")))
            conversions = Conversion.objects.filter(
                occurred_at__gte=start, occurred_at__lt=end, link__user_id__isnull=False
            ).values_list("link__user_id", "link__network", "link__content_id")
            for user_id, network, content_id in conversions.distinct():
                facts.add((user_id, CONVERSION, network, content_id, kinds.get(content_id, "")))
            posts = ImportedPost.objects.filter(
                published_at__gte=start, published_at__lt=end, author__isnull=False
            ).values_list("author_id", "connection__provider")
            for user_id, provider in posts.distinct():
                facts.add((user_id, POST, provider, None, ""))
            self._company_facts[month] = sorted(facts, key=repr)
        return self._company_facts[month]

    def kinds(self) -> dict[int, str]:
        if self._kinds is None:
            self._kinds = dict(ContentItem.objects.values_list("id", "kind"))
        return self._kinds

    def topics(self) -> dict[int, set[int]]:
        """Items per topic."""
        if self._topics is None:
            self._topics = defaultdict(set)
            for item_id, topic_id in ContentItem.topics.through.objects.values_list(
                "contentitem_id", "skill_id"
            ):
                self._topics[topic_id].add(item_id)
        return self._topics

    def company(self, month: date) -> Cell:
        if month not in self._company:
            cell = Cell(population=sum(len(users) for users in self.members(month).values()))
            for department in self.departments(month).values():
                for family, people in department.people.items():
                    cell.people[family] |= people
            self._company[month] = cell
        return self._company[month]

    def narrowed(self, month: date, dimension: str) -> dict[Key, Cell]:
        """Company-wide cells of one narrowing dimension: network, content_kind, content or topic."""
        if (month, dimension) not in self._narrowed:
            self._narrowed[(month, dimension)] = self._narrow(month, dimension)
        return self._narrowed[(month, dimension)]

    def _narrow(self, month: date, dimension: str) -> dict[Key, Cell]:
        population = self.company(month).population
        cells: dict[Key, Cell] = defaultdict(lambda: Cell(population=population))
        for user_id, family, network, content_id, kind in self.company_facts(month):
            if dimension == "network":
                cells[network].people[family].add(user_id)
            elif dimension == "content_kind" and kind:
                cells[kind].people[family].add(user_id)
            elif dimension == "content" and content_id is not None:
                cells[content_id].people[family].add(user_id)
        if dimension == "topic":
            items = self.narrowed(month, "content")
            for topic_id, item_ids in self.topics().items():
                for item_id in item_ids & set(items):
                    for family, people in items[item_id].people.items():
                        cells[topic_id].people[family] |= people
        return dict(cells)


# --- the rule and the lines --------------------------------------------------------------------


@dataclass
class Disclosure:
    """What one viewer may see. `restricted` is works-council mode; outside it every figure is exact."""

    viewer_id: int | None
    restricted: bool
    min_group: int
    exempt: frozenset[int]  # people whose figures the viewer may know: opted in, and the viewer
    index: Index | None = None
    _lines: dict[tuple[date, str, str], dict[Key, str | None]] = field(default_factory=dict)
    _stored: dict[date, dict[str, dict[Key, str | None]]] = field(default_factory=dict)
    _world: str | None = None
    _viewer_months: set[date] | None = None

    @classmethod
    def of(cls, user: User | None) -> "Disclosure":
        restricted = works_council_mode()
        exempt = opted_in_ids() if restricted else set()
        if user is not None and user.pk is not None:
            exempt.add(user.pk)
        return cls(
            viewer_id=user.pk if user is not None else None,
            restricted=restricted,
            min_group=settings.ANALYTICS_MIN_GROUP_SIZE,
            exempt=frozenset(exempt),
        )

    def _index(self) -> Index:
        if self.index is None:
            self.index = Index()
        return self.index

    def may_see_person(self, user_id: int | None) -> bool:
        return not self.restricted or (user_id is not None and user_id in self.exempt)

    # the threshold rule
    def passes(self, population: int, people: set[int]) -> bool:
        protected = len(people - self.exempt)
        return population >= self.min_group and (protected == 0 or protected >= self.min_group)

    def _cell_reason(self, cell: Cell | None, family: str) -> str | None:
        cell = cell or Cell()
        if family == PEOPLE:
            return None if cell.population >= self.min_group else MIN_GROUP
        return None if self.passes(cell.population, cell.people.get(family, set())) else MIN_GROUP

    def _line(
        self, cells: dict[Key, Cell], family: str, parent_published: bool, keys: Iterable[Key]
    ) -> dict[Key, str | None]:
        """Primary suppression, then complementary: while the withheld cells of a line under a published
        total do not form a group that passes the rule, also withhold the published cell with the fewest
        protected people (the usual "smallest cell first" heuristic)."""
        status = {key: self._cell_reason(cells.get(key), family) for key in keys}
        if not parent_published:
            return status
        while True:
            withheld = [key for key, reason in status.items() if reason]
            if not withheld:
                return status
            people: set[int] = set()
            population = 0
            for key in withheld:
                cell = cells.get(key) or Cell()
                people |= cell.people.get(family, set()) if family != PEOPLE else set()
                population += cell.population
            ok = population >= self.min_group if family == PEOPLE else self.passes(population, people)
            if ok:
                return status
            published = [key for key, reason in status.items() if not reason]
            if not published:
                return status

            def cost(
                key: Key, union: set[int] = people, size: int = population
            ) -> tuple[bool, int, int, str]:
                # cells that add nothing to the failing remainder are no use; then the smallest first
                cell = cells.get(key) or Cell()
                protected = cell.people.get(family, set()) - self.exempt
                useless = not (protected - union) and size >= self.min_group
                return (useless, len(protected), cell.population, repr(key))

            smallest = min(published, key=cost)
            status[smallest] = COMPLEMENTARY

    # --- the decisions of a month, kept between requests (DisclosureDecision) ----------------------

    def _world_fingerprint(self) -> str:
        """Everything a month's decisions depend on besides its facts and the opt-ins (cheap probes)."""
        if self._world is None:
            tables = {
                "period": MembershipPeriod._meta.db_table,
                "user": User._meta.db_table,
                "department": Department._meta.db_table,
                "item": ContentItem._meta.db_table,
                "topic": ContentItem.topics.through._meta.db_table,
                "post": ImportedPost._meta.db_table,
            }
            sql = (  # noqa: S608 - table names of our models, no input
                "SELECT (SELECT COUNT(*) FROM {period}), (SELECT MAX(id) FROM {period}), "
                "(SELECT COUNT(*) FROM {user} WHERE is_active = %s), (SELECT MAX(id) FROM {user}), "
                "(SELECT COUNT(*) FROM {department}), (SELECT MAX(id) FROM {department}), "
                "(SELECT COUNT(*) FROM {item}), (SELECT MAX(updated_at) FROM {item}), "
                "(SELECT COUNT(*) FROM {topic}), (SELECT MAX(id) FROM {topic}), (SELECT MAX(id) FROM {post})"
            ).format(**tables)
            with connection.cursor() as cursor:
                cursor.execute(sql, [True])
                probes = cursor.fetchone()
            self._world = repr((probes, self.min_group, sorted(self.exempt - {self.viewer_id})))
        return self._world

    def _viewer_has_facts(self, month: date) -> bool:
        """Whether the viewer's own facts (which they may know) are in the month's cells."""
        if self.viewer_id is None:
            return False
        if self._viewer_months is None:
            days = UserDayFact.objects.filter(user_id=self.viewer_id).dates("day", "month")
            posts = ImportedPost.objects.filter(author_id=self.viewer_id).values_list(
                "published_at", flat=True
            )
            self._viewer_months = set(days) | {
                timezone.localtime(value).date().replace(day=1) for value in posts if value is not None
            }
        return month in self._viewer_months

    def _fingerprint(self, month: date) -> str:
        viewer = self.viewer_id if self._viewer_has_facts(month) else None
        return hashlib.sha256(f"{self._world_fingerprint()}|{viewer}".encode()).hexdigest()

    def _load(self, months: Iterable[date]) -> None:
        wanted = {month: self._fingerprint(month) for month in months if month not in self._stored}
        if not wanted:
            return
        for month in wanted:
            self._stored[month] = {}
        rows = DisclosureDecision.objects.filter(
            month__in=list(wanted), fingerprint__in=set(wanted.values())
        ).values_list("month", "fingerprint", "line", "status")
        for month, fingerprint, line, status in rows:
            if wanted.get(month) == fingerprint:
                self._stored[month][line] = dict(status)

    def _kept(
        self, month: date, line: str, compute: Callable[[], dict[Key, str | None]]
    ) -> dict[Key, str | None]:
        """The decisions of one line of one month: from this request, from the table, or computed now
        (and stored for the next request)."""
        memo = (month, line, "")
        if memo in self._lines:
            return self._lines[memo]
        self._load([month])
        status = self._stored[month].get(line)
        if status is None:
            status = compute()
            fingerprint = self._fingerprint(month)
            DisclosureDecision.objects.filter(
                month=month, line=line, created_at__lt=timezone.now() - timedelta(days=1)
            ).exclude(fingerprint=fingerprint).delete()
            DisclosureDecision.objects.bulk_create(
                [
                    DisclosureDecision(
                        month=month,
                        fingerprint=fingerprint,
                        line=line,
                        status=[[key, reason] for key, reason in status.items()],
                    )
                ],
                ignore_conflicts=True,
            )
            self._stored[month][line] = status
        self._lines[memo] = status
        return status

    def _company_reason(self, month: date, family: str) -> str | None:
        line = self._kept(
            month, f"company:{family}", lambda: {"": self._cell_reason(self._index().company(month), family)}
        )
        return line[""]

    def _departments_line(self, month: date, family: str) -> dict[Key, str | None]:
        key = (month, "department", family)
        if key not in self._lines:
            self._lines[key] = self._kept(
                month, f"department:{family}", lambda: self._compute_departments_line(month, family)
            )
        return self._lines[key]

    def _compute_departments_line(self, month: date, family: str) -> dict[Key, str | None]:
        index = self._index()
        cells = index.departments(month)
        keys = set(cells) | set(Department.objects.values_list("id", flat=True)) | {None}
        company = self._company_reason(month, family) is None
        return self._line(cells, family, company, keys)

    def _narrowed_line(self, month: date, dimension: str, family: str) -> dict[Key, str | None]:
        key = (month, dimension, family)
        if key not in self._lines:
            self._lines[key] = self._kept(
                month,
                f"{dimension}:{family}",
                lambda: self._compute_narrowed_line(month, dimension, family),
            )
        return self._lines[key]

    def _compute_narrowed_line(self, month: date, dimension: str, family: str) -> dict[Key, str | None]:
        index = self._index()
        company = self._company_reason(month, family) is None
        if dimension == "network":
            cells = index.narrowed(month, "network")
            status = self._line(cells, family, company, set(Network.values) | set(cells))
        elif dimension == "content_kind":
            cells = index.narrowed(month, "content_kind")
            status = self._line(cells, family, company, set(ContentKind.values))
        elif dimension == "content":
            # items are a line under their kind: withheld kind, withheld items
            kinds = self._narrowed_line(month, "content_kind", family)
            cells = index.narrowed(month, "content")
            all_kinds = index.kinds()
            status = {}
            for kind in ContentKind.values:
                items = {item for item in cells if all_kinds.get(item) == kind}
                line = self._line(cells, family, kinds.get(kind) is None, items)
                if kinds.get(kind):
                    line = {item: reason or COMPLEMENTARY for item, reason in line.items()}
                status |= line
        else:
            status = self._topics_line(month, family)
        return status

    def _topics_line(self, month: date, family: str) -> dict[Key, str | None]:
        """Topics overlap: a topic is withheld when it or its difference to any published topic, item,
        kind or the company would fail the rule."""
        index = self._index()
        cells = index.narrowed(month, "topic")
        items = index.narrowed(month, "content")
        item_status = self._narrowed_line(month, "content", family)
        kind_status = self._narrowed_line(month, "content_kind", family)
        all_kinds = index.kinds()
        topic_items = {topic: members & set(items) for topic, members in index.topics().items()}
        population = index.company(month).population
        company_published = self._company_reason(month, family) is None

        def people_of(item_ids: set[int]) -> set[int]:
            people: set[int] = set()
            for item_id in item_ids:
                people |= items[item_id].people.get(family, set())
            return people

        status = {topic: self._cell_reason(cells.get(topic), family) for topic in topic_items}
        changed = True
        while changed:
            changed = False
            for topic, members in topic_items.items():
                if status[topic]:
                    continue
                others: list[set[int]] = []
                if company_published:
                    others.append(set(items) - members)
                others += [members - {item} for item in members if not item_status.get(item)]
                for kind in ContentKind.values:
                    kind_items = {item for item in items if all_kinds.get(item) == kind}
                    if not kind_status.get(kind) and members <= kind_items:
                        others.append(kind_items - members)
                for other, other_items in topic_items.items():
                    if other != topic and not status[other]:
                        if other_items < members:
                            others.append(members - other_items)
                        elif members < other_items:
                            others.append(other_items - members)
                if any(not self.passes(population, people_of(diff)) for diff in others if diff):
                    status[topic] = COMPLEMENTARY
                    changed = True
        return status

    # --- what the selectors ask ------------------------------------------------------------------

    def family_reason(
        self,
        *,
        months: list[date],
        family: str,
        department: Key = "",
        narrowing: tuple[str, Key] | None = None,
    ) -> str | None:
        """Why the figure of one family of a cell is withheld over these months (None: published).
        `department=""` is the whole company."""
        if not self.restricted:
            return None
        if not months:
            return NO_PERIOD
        company_scope = department == ""
        if narrowing is not None and not company_scope:
            return COMBINATION
        if narrowing is not None and family in (PEOPLE, *PERSON_FAMILIES):
            return COMBINATION  # people figures are not defined per network, kind or topic
        self._load(months)
        for month in months:
            if narrowing is not None:
                dimension, key = narrowing
                if family == POST and dimension != "network":
                    return COMBINATION
                reason = self._narrowed_line(month, dimension, family).get(key, MIN_GROUP)
            elif company_scope:
                reason = self._company_reason(month, family)
            else:
                reason = self._departments_line(month, family).get(department, MIN_GROUP)
            if reason:
                return reason
        return None

    def reason(
        self,
        *,
        months: list[date],
        families: Iterable[str],
        department: Key = "",
        narrowing: tuple[str, Key] | None = None,
    ) -> str | None:
        """The first reason any of `families` is withheld (a figure made of several needs all)."""
        for family in families:
            reason = self.family_reason(
                months=months, family=family, department=department, narrowing=narrowing
            )
            if reason:
                return reason
        return None


def narrowing_of(filters: Any) -> tuple[str, Key] | str | None:
    """The one narrowing of the filters, None without one, COMBINATION for two or more."""
    found = [
        (name, getattr(filters, name))
        for name in ("network", "content_kind", "topic")
        if getattr(filters, name, None) not in (None, "")
    ]
    if len(found) > 1:
        return COMBINATION
    return found[0] if found else None


# --- keeping the decisions ready ---------------------------------------------------------------

WARM_LINES = [f"company:{family}" for family in (PEOPLE, *ACTIVITY_FAMILIES, *PERSON_FAMILIES)]
WARM_LINES += [f"department:{family}" for family in (PEOPLE, *ACTIVITY_FAMILIES, *PERSON_FAMILIES)]
WARM_LINES += [f"network:{family}" for family in ACTIVITY_FAMILIES]
WARM_LINES += [f"content_kind:{family}" for family in ACTIVITY_FAMILIES if family != POST]


def _warm(guard: Disclosure, month: date) -> bool:
    """Compute the month's lines the dashboard's overview, trends and breakdowns by department, network
    and kind ask for (items and topics are computed on demand). True when anything was missing."""
    guard._load([month])
    missing = [line for line in WARM_LINES if line not in guard._stored[month]]
    for line in missing:
        dimension, family = line.split(":")
        if dimension == "company":
            guard._company_reason(month, family)
        elif dimension == "department":
            guard._departments_line(month, family)
        else:
            guard._narrowed_line(month, dimension, family)
    return bool(missing)


def decisions_warm(*, today: date | None = None, months: int = 25, budget: int = 2) -> int:
    """Beat (after the periodic rollup): make the decisions of the last `months` published months ready
    before a manager asks (25: a year's range and its previous period), for every manager and
    administrator (their own facts are exempt for them, so a viewer with facts in a month has decisions of
    their own) and for viewers without facts there.
    Computes at most `budget` months per run, newest first, so a run stays short; returns how many."""
    if not works_council_mode():
        return 0
    month = last_published_day(today).replace(day=1)
    computed = 0
    for _month in range(months):
        start, end = month, month_end(month)
        viewers: set[int | None] = {None}
        viewers |= set(
            UserDayFact.objects.filter(
                day__gte=start, day__lte=end, user__is_active=True, user__role__in=[Role.MANAGER, Role.ADMIN]
            )
            .values_list("user_id", flat=True)
            .distinct()
        )
        index = Index()  # the facts are the same for every viewer: loaded once
        missing = False
        for viewer_id in sorted(viewers, key=lambda value: value or 0):
            viewer = User.objects.filter(pk=viewer_id).first() if viewer_id is not None else None
            guard = Disclosure.of(viewer)
            guard.index = index
            missing = _warm(guard, month) or missing
        computed += int(missing)
        if computed >= budget:
            break
        month = (month - timedelta(days=1)).replace(day=1)
    return computed
