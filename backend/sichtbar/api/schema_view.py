"""The OpenAPI schema view, generated once per process and language: the API docs (Redoc, Swagger UI) fetch it
on every load, and generating it takes seconds (issue 14: the docs pages were the slowest of the app)."""

from typing import Any, ClassVar

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response


class CachedSpectacularAPIView(SpectacularAPIView):
    """The schema depends only on the code (it is served publicly, the same for every user), the API version
    and the language of its descriptions; a deployment changes the code and restarts the process."""

    _schemas: ClassVar[dict[tuple[str | None, str | None], dict[str, Any]]] = {}

    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, translation.get_language())
        schema = self._schemas.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = generator.get_schema(request=request, public=self.serve_public)
            self._schemas[key] = schema
        return Response(
            data=schema,
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )
