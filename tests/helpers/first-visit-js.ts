import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Page, Response } from "@playwright/test";

// Every script a first visit to a page really loads in Chromium until the page is usable: the ones
// its HTML names and the ones they fetch afterwards (the wizard page's own component, the session's
// MSAL once a signed-in tab restores it), counted from the browser's responses with the HTTP cache
// cleared, each gzip -9'd. ../shared/tools/first-load-js counts only the first kind.

const gzipped = promisify(gzip);

export interface FirstVisit {
  path: string;
  scripts: number;
  /** gzip bytes: Next.js and React (`framework`), everything else (`app`). */
  framework: number;
  app: number;
  /** The app's chunks fetched, by `static/chunks/…` path, largest first, with their gzip bytes. */
  appChunks: { chunk: string; gzip: number }[];
}

/**
 * Opens `path` in `page`'s tab with an empty HTTP cache (the tab's storage, its sign-in included,
 * kept) and waits until `usable` resolves and the network has been quiet, then sums the scripts.
 */
export async function measureFirstVisit(options: {
  page: Page;
  path: string;
  framework: ReadonlySet<string>;
  usable: (page: Page) => Promise<void>;
}): Promise<FirstVisit> {
  const { page } = options;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await cdp.detach();
  const bodies: Promise<{ chunk: string; gzip: number }>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== "script") return;
    const chunk = new URL(response.url()).pathname.replace(/^\/_next\//, "");
    bodies.push(
      response.body().then(async (body) => ({ chunk, gzip: (await gzipped(body, { level: 9 })).length })),
    );
  };
  page.on("response", onResponse);
  try {
    await page.goto(options.path);
    await options.usable(page).catch(async (error: Error) => {
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows, not its inline scripts' text
      const shown = await page.locator("body").innerText();
      throw new Error(`${options.path} did not become usable: ${error.message}\nThe page showed: ${shown}`);
    });
    // A chunk asked for as the page settles still counts; a held API request must not stall this.
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  } finally {
    page.off("response", onResponse);
  }
  const scripts = await Promise.all(bodies);
  const appChunks = scripts.filter(({ chunk }) => !options.framework.has(chunk));
  return {
    path: options.path,
    scripts: scripts.length,
    framework: scripts
      .filter(({ chunk }) => options.framework.has(chunk))
      .reduce((sum, { gzip }) => sum + gzip, 0),
    app: appChunks.reduce((sum, { gzip }) => sum + gzip, 0),
    appChunks: appChunks.sort((a, b) => b.gzip - a.gzip),
  };
}
