"""What a view needs to know about the request: who is signed in, and in which language to answer."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import translation
from rest_framework.request import Request

if TYPE_CHECKING:  # api sits below accounts: the user model is looked up through AUTH_USER_MODEL
    from sichtbar.accounts.models import User


def request_user(request: Request) -> "User":
    """The signed-in user; the view's permission class has already refused anonymous requests."""
    user = request.user
    assert isinstance(user, get_user_model())
    return user


def request_language() -> str:
    """The answer's language, "de" or "en", as LocaleMiddleware chose it from Accept-Language."""
    return "en" if (translation.get_language() or "").startswith("en") else "de"
