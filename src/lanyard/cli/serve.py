"""``lanyard serve``: the web app under uvicorn (the production entry point)."""

from __future__ import annotations

import click

from lanyard.cli.ops import load_services

# With --workers N, uvicorn's supervisor pings each worker and kills one that does not
# answer within this many seconds (uvicorn's default is 5). On a busy 2-core machine a
# healthy worker starting up or under load missed 5 s; it was killed with its requests
# ("Server disconnected without sending a response") and its replacement started over.
WORKER_HEALTHCHECK_S = 30


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--proxy-headers/--no-proxy-headers",
    default=True,
    show_default=True,
    help="Trust X-Forwarded-Proto/For from the reverse proxy (see --forwarded-allow-ips).",
)
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Proxies whose forwarded headers are trusted (comma-separated, or *).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each a copy of the app; one is enough for SQLite).",
)
def serve(
    host: str, port: int, proxy_headers: bool, forwarded_allow_ips: str, workers: int
) -> None:
    """Serve the web app (settings from LANYARD_* variables)."""
    import uvicorn

    from lanyard.web.app import create_app, settle_collector, warm_up
    from lanyard.web.log_redaction import uvicorn_log_config

    settings = load_services().settings  # refuses here, naming the setting, when one is bad
    click.echo(f"Lanyard on http://{host}:{port}/ (Ctrl+C stops it)")
    if workers == 1:
        app = create_app(settings)
        warm_up(app)
        settle_collector()
        target: object = app
    else:  # each worker makes its app, and settles its collector, itself
        target = "lanyard.web.app:create_served_app"
    uvicorn.run(
        target,  # type: ignore[arg-type]
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        log_level="info",
        log_config=uvicorn_log_config(),  # no token, student data or secret in a log line
    )
