// Launches Debian's Chromium for the browser tests: headless, no sandbox (CI runs as root), and
// none of the background connections this machine's closed network refuses. Shared by
// graphiql.mjs and web-example.mjs.
import { chromium } from "playwright-core";

/** A persistent context in `profile` (a fresh folder) at the given viewport width. */
export function launch(profile, width) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.REOS_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
