"""Tests of the whole system, above every app's floor. No app and no floor of the running code: it holds only
`tests/`, for tests that exercise many apps at once (the authorization table over every route, bad input
to every app, the mail server going away while each app sends its mail). Nothing imports it."""
