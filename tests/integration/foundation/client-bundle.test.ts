import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLE_NAMES } from "@/lib/env";

// The browser's bundle (the production build the integration setup made) holds no server
// environment variable's name: one there means a client component imports lib/env.ts, and with it
// the server's configuration messages and everything they pull in.

const STATIC_DIR = path.resolve(import.meta.dirname, "../../../.next/static");
/** The build mode, which Next.js itself writes into the bundle: public by design. */
const PUBLIC = new Set(["NODE_ENV"]);

async function clientScripts(): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(STATIC_DIR, { recursive: true })).filter((file) => file.endsWith(".js"));
  return Promise.all(
    files.map(async (file) => ({ file, text: await readFile(path.join(STATIC_DIR, file), "utf8") })),
  );
}

/** Each name of `names` found in `text` as a whole identifier (not inside a longer one). */
function envNamesIn(text: string, names: readonly string[]): string[] {
  return names.filter((name) => new RegExp(`(?<![A-Za-z0-9_$])${name}(?![A-Za-z0-9_$])`).test(text));
}

describe("the client build", () => {
  it("names no server environment variable", async () => {
    const names = ENV_VARIABLE_NAMES.filter((name) => !PUBLIC.has(name));
    expect(names).toEqual(
      expect.arrayContaining(["DATABASE_URL", "TOKEN_CACHE_KEYS", "CLOUD_WORLDWIDE_CLIENT_SECRET"]),
    );
    const scripts = await clientScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const found = scripts.flatMap(({ file, text }) =>
      envNamesIn(text, names).map((name) => `${name} in ${file}`),
    );
    expect(found).toEqual([]);
  });

  it("would see a name written in a bundle, and only as a whole name", () => {
    expect(envNamesIn('throw Error("DATABASE_URL is not set")', ["DATABASE_URL", "PORT"])).toEqual([
      "DATABASE_URL",
    ]);
    expect(envNamesIn("var EXPORT_PORTS=1,MY_DATABASE_URLS=2", ["DATABASE_URL", "PORT"])).toEqual([]);
  });
});
