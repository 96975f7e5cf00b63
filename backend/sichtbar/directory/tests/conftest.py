import pytest
from django.test import override_settings

from sichtbar.profiles.models import Visibility
from sichtbar.profiles.tests.factories import (
    ProfileFactory,
    ProfileLanguageFactory,
    ProfileLinkFactory,
    ProfileSkillFactory,
    SkillFactory,
)

SECRET = {
    "bio": "GEHEIMBIO",
    "skills": "Geheimkompetenz",
    "languages": "xh",
    "links": "https://geheim-link.example/profil",
    "availability": "GEHEIMNOTIZ",
}
SECTIONS = list(SECRET)
# How each marker shows in a JSON body (a bare two-letter code would match anywhere).
IN_JSON = {**SECRET, "languages": '"code":"xh"'}


@pytest.fixture
def dist(tmp_path):
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=de><head><meta charset=UTF-8><title>Sichtbar</title></head>"
        "<body><div id=root></div><!-- spa --></body></html>"
    )
    with override_settings(FRONTEND_DIST_DIR=tmp_path, SITE_URL="https://experten.example.com"):
        yield tmp_path


def make_profile(**overrides):
    """A published profile, every section public, each section carrying its own marker text."""
    values = {
        "bio_de": f"<p>{SECRET['bio']} Ich migriere Anwendungen.</p>",
        "bio_en": f"<p>{SECRET['bio']} I migrate applications.</p>",
        "availability_note": SECRET["availability"],
        "available_for_press": True,
    }
    values.update(overrides)
    profile = ProfileFactory(**values)
    skill_name = f"{SECRET['skills']} {profile.pk}"
    ProfileSkillFactory(profile=profile, skill=SkillFactory(name_de=skill_name, name_en=skill_name))
    ProfileLanguageFactory(profile=profile, code=SECRET["languages"], level="B2")
    ProfileLinkFactory(profile=profile, kind="github", url=SECRET["links"])
    return profile


@pytest.fixture
def expert(db):
    return make_profile()


ALL_LEVELS = list(Visibility.values)
