"""Every way a request can arrive (anonymous, then each role from the lowest) and their ranks, for the
authorization tables (`sichtbar/system/tests/test_authorization.py` and the apps' own table tests)."""

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import PUBLIC

ROLES = [None, Role.EMPLOYEE, Role.MANAGER, Role.ADMIN]
RANK = {PUBLIC: 0, Role.EMPLOYEE: 1, Role.MANAGER: 2, Role.ADMIN: 3}
