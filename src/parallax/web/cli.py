"""``parallax serve``: the desk (REST API and web UI) over a store, served by uvicorn."""

from __future__ import annotations

import ipaddress

import click

DEFAULT_DB = "parallax.db"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses: the only binds allowed without a token."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="PARALLAX_DB",
    help="The store to serve: a SQLite file or a postgresql:// URL.",
)
@click.option(
    "--token",
    envvar="PARALLAX_TOKEN",
    help="API token, required on every request (env PARALLAX_TOKEN); mandatory off loopback.",
)
def serve(host: str, port: int, db: str, token: str | None) -> None:
    """Serve the desk: stories, findings, entities, search and adding articles, in a browser and as JSON."""
    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} is not loopback: give --token or set PARALLAX_TOKEN")
    import uvicorn  # imported here: other commands should not pay for the web stack

    from parallax.web.app import create_app

    app = create_app(db, token=token or None)
    click.echo(f"Parallax desk on http://{host}:{port}/ (store {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
