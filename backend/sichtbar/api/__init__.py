"""API conventions: exception handler, pagination, authentication glue, schema hooks, the /api/v1/ router."""
