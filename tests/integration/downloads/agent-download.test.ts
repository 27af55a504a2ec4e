import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startWebApp } from "@/tests/helpers/web-app";

// The production web app serves the agent that `npm start` (here: the test run's build step)
// built; an admin reads the page, downloads the file, checks it as the page says and runs it.
const run = promisify(execFile);
let web: Awaited<ReturnType<typeof startWebApp>>;

beforeAll(async () => {
  web = await startWebApp({ databaseUrl: inject("databaseUrl") });
});

afterAll(async () => {
  await web?.stop();
});

function shownOnPage(html: string, testId: string): string {
  const value = new RegExp(`data-testid="${testId}"[^>]*>([^<]+)<`).exec(html)?.[1];
  if (!value) throw new Error(`the page shows no ${testId}`);
  return value;
}

describe("the agent download", () => {
  it("shows the served file's version, size and SHA-256; the file checks out as the page says, and runs", async () => {
    const page = await fetch(new URL("/downloads", web.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    const sha256 = shownOnPage(html, "agent-sha256");
    const version = shownOnPage(html, "agent-version");
    expect(html).toContain("sha256sum hybrid-agent.mjs");
    expect(html).toContain("Get-FileHash .\\hybrid-agent.mjs -Algorithm SHA256");
    expect(html).toContain("Node.js 20.19 or later");
    expect(html).toContain(`node hybrid-agent.mjs pair CODE --server ${web.url}`);

    const file = await fetch(new URL("/downloads/hybrid-agent.mjs", web.url));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="hybrid-agent.mjs"');
    expect(file.headers.get("cache-control")).toBe("public, no-cache");
    expect(file.headers.get("etag")).toBe(`"${sha256}"`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
    expect(shownOnPage(html, "agent-size")).toContain(`${bytes.length.toLocaleString("en-US")} bytes`);

    const directory = await mkdtemp(path.join(tmpdir(), "hw-download-"));
    const checksum = await fetch(new URL("/downloads/hybrid-agent.mjs.sha256", web.url));
    await writeFile(path.join(directory, "hybrid-agent.mjs"), bytes);
    await writeFile(path.join(directory, "hybrid-agent.mjs.sha256"), await checksum.text());
    const checked = await run("sha256sum", ["-c", "hybrid-agent.mjs.sha256"], { cwd: directory });
    expect(checked.stdout.trim()).toBe("hybrid-agent.mjs: OK");

    const help = await run(process.execPath, ["hybrid-agent.mjs", "--help"], { cwd: directory });
    expect(help.stdout).toContain(
      `hybrid-agent ${version} — runs the Hybrid Wizard's on-premises Exchange work`,
    );
    expect(help.stdout).toContain("hybrid-agent pair CODE --server URL");
    const reported = await run(process.execPath, ["hybrid-agent.mjs", "--version"], { cwd: directory });
    expect(reported.stdout.trim()).toBe(version);
  });

  it("answers a download the browser already has with 304", async () => {
    const first = await fetch(new URL("/downloads/hybrid-agent.mjs", web.url));
    const etag = first.headers.get("etag") ?? "";
    await first.body?.cancel();
    const again = await fetch(new URL("/downloads/hybrid-agent.mjs", web.url), {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("says clearly when the server has no agent built, and how to build it", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "hw-no-downloads-"));
    const bare = await startWebApp({ databaseUrl: inject("databaseUrl"), env: { DOWNLOADS_DIR: empty } });
    try {
      const page = await fetch(new URL("/downloads", bare.url));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("The agent download has not been built on this server.");
      expect(html).toContain("npm run build:agent");
      expect(html).not.toContain("agent-sha256");

      const file = await fetch(new URL("/downloads/hybrid-agent.mjs", bare.url));
      expect(file.status).toBe(404);
      const body = (await file.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain("Build it there with: npm run build:agent");
    } finally {
      await bare.stop();
    }
  });
});
