"""`troth outbox deliver [--once]` and `troth outbox status`: the notifications' e-mail."""

from __future__ import annotations

from typing import Annotated

import typer

from troth.cli.common import console, fail, guarded, registry
from troth.settings import Settings

app = typer.Typer(help="The e-mail outbox of notifications (TROTH_SMTP_URL).",
                  no_args_is_help=True)


@app.command("deliver")
@guarded
def deliver(
    once: Annotated[bool, typer.Option(
        "--once", help="Send what is due now and stop (otherwise: keep delivering until"
                       " interrupted).")] = False,
    interval: Annotated[float, typer.Option(
        min=0.5, help="Seconds between rounds when not --once.")] = 10.0,
) -> None:
    """Deliver the queued notification e-mails to TROTH_SMTP_URL; a failed one is retried
    later with backoff (30 s, 1 min, 2 min ... up to 2 h; failed for good after 8 tries).

    Example:  TROTH_SMTP_URL=smtp://127.0.0.1:8025 troth outbox deliver --once
    """
    import threading

    from troth.registry.notices import deliver_due, run_worker, smtp_sender

    settings = Settings.read()
    if not settings.smtp_url:
        raise fail("TROTH_SMTP_URL is not set: name the SMTP server to deliver to"
                   " (smtp://host:port)", "smtp_url")
    send = smtp_sender(settings.smtp_url, settings.mail_from)
    reg = registry()
    try:
        if once:
            sent, failed = deliver_due(reg.queries.outbox, send, reg.clock.now())
            console.print(f"{sent} sent, {failed} failed (queued again)")
            return
        stop = threading.Event()
        console.print(f"delivering to {settings.smtp_url.split('@')[-1]} (Ctrl-C to stop)")
        try:
            run_worker(reg.queries.outbox, send, reg.clock.now, stop, interval)
        except KeyboardInterrupt:
            stop.set()
    finally:
        reg.close()


@app.command("status")
@guarded
def status() -> None:
    """How many messages are queued, sent and failed."""
    reg = registry()
    try:
        counts = reg.queries.outbox.counts()
    finally:
        reg.close()
    console.print(", ".join(f"{n} {state}" for state, n in counts.items()))
