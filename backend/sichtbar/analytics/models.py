"""Analytics: daily rollups built from the facts of other apps, headcount history, settings, targets,
benchmarks. Rollups are derived data: any day can be rebuilt from the facts."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class Kpi(models.TextChoices):
    """The KPIs a target or a benchmark can refer to (defined in docs/metrics.md)."""

    INVITED = "invited", _("Invited")
    ENROLLED = "enrolled", _("Enrolled")
    ONBOARDED = "onboarded", _("Onboarded")
    ACTIVE_ADVOCATES = "active_advocates", _("Active advocates")
    ADOPTION_RATE = "adoption_rate", _("Adoption rate")
    SHARES = "shares", _("Shares")
    CLICKS = "clicks", _("Clicks")
    CLICKS_PER_SHARE = "clicks_per_share", _("Clicks per share")
    POTENTIAL_REACH = "potential_reach", _("Potential reach")
    ESTIMATED_IMPRESSIONS = "estimated_impressions", _("Estimated impressions")
    ENGAGEMENT_RATE = "engagement_rate", _("Engagement rate")
    MEDIA_VALUE = "media_value", _("Media value")
    CONTENT_UTILISATION = "content_utilisation", _("Content utilisation")
    PROFILE_VIEWS = "profile_views", _("Profile views")
    SEARCH_APPEARANCES = "search_appearances", _("Directory appearances")
    CONTACT_REQUESTS = "contact_requests", _("Contact requests")
    MEDIAN_RESPONSE_HOURS = "median_response_hours", _("Median response time (hours)")
    CONVERSIONS = "conversions", _("Conversions")
    APPLICATIONS = "applications", _("Applications")
    JOB_SHARES = "job_shares", _("Job shares")
    JOB_CLICKS = "job_clicks", _("Job clicks")


class DailyFact(models.Model):
    """One day × department × network × content item. Dimensions are null where a fact has none
    (profile views have no network or content; imported posts have no content item).

    Departments are the person's department when the day was rolled up."""

    day = models.DateField(db_index=True)
    department_id = models.BigIntegerField(null=True)
    network = models.CharField(max_length=16, default="")
    content_id = models.BigIntegerField(null=True)
    content_kind = models.CharField(max_length=16, default="")
    shares = models.IntegerField(default=0)
    job_shares = models.IntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.IntegerField(default=0)
    job_clicks = models.IntegerField(default=0)
    conversions = models.IntegerField(default=0)
    applications = models.IntegerField(default=0)
    posts = models.IntegerField(default=0)
    reported_impressions = models.BigIntegerField(default=0)
    reported_engagements = models.BigIntegerField(default=0)
    profile_views = models.IntegerField(default=0)
    search_appearances = models.IntegerField(default=0)
    contact_requests = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["day", "department_id"], name="analytics_fact_day_dept"),
            models.Index(fields=["content_id", "day"], name="analytics_fact_content_day"),
            # content utilisation: one probe per content item (EXISTS), however many facts there are
            models.Index(
                fields=["content_id", "day"],
                name="analytics_fact_item_shared",
                condition=models.Q(shares__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"DailyFact {self.day}"


class DailySummary(models.Model):
    """DailyFact without the content item: day × department × network × content kind. A few hundred
    rows a day at most, so the dashboard's totals stay fast however many clicks there are."""

    day = models.DateField()
    department_id = models.BigIntegerField(null=True)
    network = models.CharField(max_length=16, default="")
    content_kind = models.CharField(max_length=16, default="")
    shares = models.IntegerField(default=0)
    job_shares = models.IntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.IntegerField(default=0)
    job_clicks = models.IntegerField(default=0)
    conversions = models.IntegerField(default=0)
    applications = models.IntegerField(default=0)
    posts = models.IntegerField(default=0)
    reported_impressions = models.BigIntegerField(default=0)
    reported_engagements = models.BigIntegerField(default=0)
    profile_views = models.IntegerField(default=0)
    search_appearances = models.IntegerField(default=0)
    contact_requests = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day", "department_id"], name="analytics_summary_day_dept")]

    def __str__(self) -> str:
        return f"DailySummary {self.day}"


class DailyTopicFact(models.Model):
    """Shares, reach, clicks and conversions per day × department × network × topic. An item with two
    topics counts for both, so topics must not be summed with each other."""

    day = models.DateField(db_index=True)
    department_id = models.BigIntegerField(null=True)
    network = models.CharField(max_length=16, default="")
    topic_id = models.BigIntegerField()
    shares = models.IntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.IntegerField(default=0)
    conversions = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"DailyTopicFact {self.day}"


class UserDayFact(models.Model):
    """One employee's day: what "My impact" and the opt-in leaderboard show."""

    day = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department_id = models.BigIntegerField(null=True)
    shares = models.IntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.IntegerField(default=0)
    conversions = models.IntegerField(default=0)
    profile_views = models.IntegerField(default=0)
    search_appearances = models.IntegerField(default=0)
    contact_requests = models.IntegerField(default=0)
    answered_requests = models.IntegerField(default=0)
    response_seconds = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["day", "user"], name="analytics_userday_day_user"),
            models.Index(fields=["user", "day"], name="analytics_userday_user_day"),
            # active advocates: one probe per person (EXISTS), however many days they shared
            models.Index(
                fields=["user", "day"], name="analytics_userday_user_shared", condition=models.Q(shares__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"UserDayFact {self.day}"


class ShareMonth(models.Model):
    """Who shared on which days of a month: one row per month × person × department with the days as
    bits (bit 0 = the 1st). Active advocates of any period are a distinct count over these rows, at most
    people × months, however many shares and clicks there are (distinct counts cannot be summed)."""

    month = models.DateField()  # the first of the month
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department_id = models.BigIntegerField(null=True)
    days = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["month", "department_id"],
                include=["user", "days"],
                name="analytics_sharemonth_cover",
            )
        ]

    def __str__(self) -> str:
        return f"ShareMonth {self.month}"


class ContentShareMonth(models.Model):
    """Which items were shared on which days of a month: one row per month × item × department ×
    network × kind with the days as bits. Content utilisation of any period counts distinct items over
    these rows (at most items × departments × networks a month)."""

    month = models.DateField()
    content_id = models.BigIntegerField()
    department_id = models.BigIntegerField(null=True)
    network = models.CharField(max_length=16, default="")
    content_kind = models.CharField(max_length=16, default="")
    days = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["month", "department_id"],
                include=["content_id", "network", "content_kind", "days"],
                name="analytics_itemmonth_cover",
            )
        ]

    def __str__(self) -> str:
        return f"ContentShareMonth {self.month}"


class ContributorMonth(models.Model):
    """Who shared through which network and kind on which days of a month (days as bits, like
    ShareMonth): the works-council check of a network- or kind-narrowed view counts its contributors
    here instead of in the shares."""

    month = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department_id = models.BigIntegerField(null=True)
    network = models.CharField(max_length=16, default="")
    content_kind = models.CharField(max_length=16, default="")
    days = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["month", "department_id"],
                include=["user", "network", "content_kind", "days"],
                name="analytics_contribmonth_cover",
            )
        ]

    def __str__(self) -> str:
        return f"ContributorMonth {self.month}"


class ResponseTime(models.Model):
    """Answered contact requests by day of answer, for the median (medians cannot be summed)."""

    day = models.DateField(db_index=True)
    department_id = models.BigIntegerField(null=True)
    response_seconds = models.IntegerField()

    def __str__(self) -> str:
        return f"ResponseTime {self.day}"


class AdoptionDay(models.Model):
    """Per day × department: invitations sent, accounts enrolled, profiles onboarded, people sharing."""

    day = models.DateField(db_index=True)
    department_id = models.BigIntegerField(null=True)
    invited = models.IntegerField(default=0)
    enrolled = models.IntegerField(default=0)
    onboarded = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"AdoptionDay {self.day}"


class HeadcountDay(models.Model):
    """The headcount of one department on one day (history: adoption uses that period's headcount).

    `headcount` is the figure HR gave (DepartmentHeadcount) or, without one, the active accounts;
    `people` is always the active accounts (the group size works-council mode checks)."""

    day = models.DateField()
    department_id = models.BigIntegerField(null=True)
    headcount = models.IntegerField()
    people = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["day", "department_id"], name="analytics_headcount_day")]

    def __str__(self) -> str:
        return f"HeadcountDay {self.day}"


class DepartmentHeadcount(TimeStampedModel):
    """The current headcount of a department as HR states it (null department: people without one)."""

    department = models.OneToOneField(
        "accounts.Department", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    headcount = models.PositiveIntegerField(_("headcount"))


class DirtyDay(models.Model):
    """A day whose facts changed after it was rolled up (a late event); the next run re-rolls it."""

    day = models.DateField(unique=True)
    marked_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"DirtyDay {self.day}"


class RollupRun(models.Model):
    """Bookkeeping of the periodic rollup: the watermark for changed shares."""

    key = models.CharField(max_length=32, unique=True)
    finished_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"RollupRun {self.key}"


class AnalyticsSettings(TimeStampedModel):
    """The one row of company-wide analytics settings (admins). Works-council mode and the per-person
    opt-ins are the organisation's privacy settings (sichtbar.organisation), read by every app."""

    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    weekly_report = models.BooleanField(_("weekly e-mail report"), default=True)

    def __str__(self) -> str:
        return "analytics settings"


class NetworkRate(TimeStampedModel):
    """Assumptions of the estimates for one network and currency: CPC, CPM and view rate."""

    network = models.CharField(_("network"), max_length=16)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    cpc = models.DecimalField(_("cost per click"), max_digits=8, decimal_places=2, default=Decimal("0"))
    cpm = models.DecimalField(
        _("cost per 1,000 impressions"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    view_rate = models.DecimalField(
        _("view rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        help_text=_("Share of followers who see a post (0–1)."),
    )

    class Meta:
        ordering = ["network", "currency"]
        constraints = [models.UniqueConstraint(fields=["network", "currency"], name="analytics_rate_unique")]

    def __str__(self) -> str:
        return f"{self.network} {self.currency}"


class TargetScope(models.TextChoices):
    COMPANY = "company", _("Company")
    DEPARTMENT = "department", _("Department")


class Target(TimeStampedModel):
    """A manager's target for one KPI over a period, for the company or one department."""

    kpi = models.CharField(_("KPI"), max_length=32, choices=Kpi.choices)
    scope = models.CharField(
        _("scope"), max_length=16, choices=TargetScope.choices, default=TargetScope.COMPANY
    )
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("deadline"))
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["period_end", "kpi", "id"]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period_start}–{self.period_end}: {self.value}"


class Benchmark(TimeStampedModel):
    """An industry benchmark for a KPI (imported from CSV), shown beside the company's figure."""

    kpi = models.CharField(_("KPI"), max_length=32, choices=Kpi.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=40, blank=True)

    class Meta:
        ordering = ["kpi"]
        constraints = [models.UniqueConstraint(fields=["kpi", "industry"], name="analytics_benchmark_unique")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}"


class WeeklyReportDelivery(models.Model):
    """One manager's weekly report of one week: sent at most once, however often the task runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_end = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week_end"], name="analytics_report_once_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week_end}"


class MembershipPeriod(models.Model):
    """Which department a person belonged to from `valid_from` (until the next period): the rollups
    attribute every fact to the department of its day, so moving a person and rebuilding never moves
    their history into another group. Changes take effect at the next local midnight (a day has one
    department per person); `services.memberships_sync` records them before every rollup."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department_id = models.BigIntegerField(null=True)
    valid_from = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "valid_from"], name="analytics_membership_user")]

    def __str__(self) -> str:
        return f"MembershipPeriod {self.user_id} {self.valid_from}"


class DisclosureDecision(models.Model):
    """The works-council decisions of one line of cells of one published month, kept so that a request
    does not recompute them from the facts (disclosure.py). `fingerprint` covers everything a decision
    depends on besides the month's facts (memberships, people, departments, content, opt-ins, the
    viewer when they have facts in the month, the minimum group size); re-rolling any day of the month
    deletes the month's rows. `status` is a list of [cell key, reason or null]."""

    month = models.DateField()
    fingerprint = models.CharField(max_length=64)
    line = models.CharField(max_length=48)
    status = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "fingerprint", "line"], name="analytics_decision_unique")
        ]

    def __str__(self) -> str:
        return f"DisclosureDecision {self.month} {self.line}"
