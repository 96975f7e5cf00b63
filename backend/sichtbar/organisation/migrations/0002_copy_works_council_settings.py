"""Works-council mode and the per-person opt-ins move from the analytics app to this one: copy them."""

from django.db import migrations


def forwards(apps, schema_editor):
    AnalyticsSettings = apps.get_model("analytics", "AnalyticsSettings")
    AnalyticsPreference = apps.get_model("analytics", "AnalyticsPreference")
    OrganisationPrivacy = apps.get_model("organisation", "OrganisationPrivacy")
    FiguresOptIn = apps.get_model("organisation", "FiguresOptIn")
    current = AnalyticsSettings.objects.order_by("id").first()
    if current is not None and not OrganisationPrivacy.objects.exists():
        # an existing row was a choice (the model's default was on): keep it as the administrator's choice
        OrganisationPrivacy.objects.create(works_council_mode=current.works_council_mode)
    FiguresOptIn.objects.bulk_create(
        [
            FiguresOptIn(
                user_id=row.user_id,
                share_figures=row.share_figures,
                opted_in_at=row.opted_in_at,
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
            for row in AnalyticsPreference.objects.all()
        ],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    AnalyticsSettings = apps.get_model("analytics", "AnalyticsSettings")
    AnalyticsPreference = apps.get_model("analytics", "AnalyticsPreference")
    OrganisationPrivacy = apps.get_model("organisation", "OrganisationPrivacy")
    FiguresOptIn = apps.get_model("organisation", "FiguresOptIn")
    chosen = OrganisationPrivacy.objects.order_by("id").first()
    if chosen is not None and chosen.works_council_mode is not None:
        current = AnalyticsSettings.objects.order_by("id").first() or AnalyticsSettings.objects.create()
        current.works_council_mode = chosen.works_council_mode
        current.save(update_fields=["works_council_mode"])
    for row in FiguresOptIn.objects.all():
        AnalyticsPreference.objects.update_or_create(
            user_id=row.user_id, defaults={"share_figures": row.share_figures, "opted_in_at": row.opted_in_at}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_organisation_privacy_and_opt_ins"),
        ("analytics", "0008_disclosure_decisions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
