"""Background work: one job API, two runners (in-process for the embedded default,
Celery on Redis in production)."""
