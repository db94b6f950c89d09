"""Redraw README's screenshot (docs/img/dashboard.png): the registrar's dashboard in the demo
world, served on a scratch SQLite file and photographed by Debian's chromium through
Playwright.

    .venv/bin/python scripts/screenshot.py [--out docs/img/dashboard.png]
"""

from __future__ import annotations

import argparse
import random
import socket
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs"
                    / "img" / "dashboard.png")
    ap.add_argument("--user", default="clerk", help="the demo account (default: the registrar)")
    args = ap.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from troth.bootstrap import SystemClock, build
    from troth.demo.cast import load_resident
    from troth.demo.world import DEMO_PASSWORD, load_world
    from troth.domain.customs import Customs
    from troth.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        registry = build(url=str(Path(tmp) / "demo.db"), server=True,
                         clock=SystemClock(TODAY), customs=Customs())
        load_world(registry)
        rng = random.Random(5)
        for _ in range(25):
            load_resident(registry, rng, TODAY)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(uvicorn.Config(create_app(registry), host="127.0.0.1", port=port,
                                              log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900},
                                    base_url=f"http://127.0.0.1:{port}")
            page.goto("/login")
            page.get_by_label("Username").fill(args.user)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"http://127.0.0.1:{port}/")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
        server.should_exit = True
        registry.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
