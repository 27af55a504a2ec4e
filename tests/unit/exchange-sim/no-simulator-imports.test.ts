import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Production code meets the simulators only at protocol boundaries. The one exception the design
// allows is the agent's simulated executor, loaded by dynamic import for the demo and tests.

const PRODUCTION_DIRS = ["app", "components", "lib", "agent"];
const ALLOWED = /^agent\/executors\/simulated[^/]*$/;
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const SIMULATOR_IMPORT =
  /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["'`]([^"'`]*simulators\/[^"'`]*)["'`]/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(file);
      return SOURCE.test(entry.name) ? [file] : [];
    }),
  );
  return nested.flat();
}

describe("production code", () => {
  it("never imports simulators/", async () => {
    const files = (await Promise.all(PRODUCTION_DIRS.map(sourceFiles))).flat();
    // The clients of what the simulators stand in for are among the files looked at.
    for (const client of ["lib/exchange/", "lib/graph/", "lib/auth/"]) {
      expect(
        files.some((file) => file.split(path.sep).join("/").startsWith(client)),
        client,
      ).toBe(true);
    }
    const offenders: string[] = [];
    for (const file of files) {
      const relative = file.split(path.sep).join("/");
      if (ALLOWED.test(relative)) continue;
      const text = await readFile(file, "utf8");
      for (const match of text.matchAll(SIMULATOR_IMPORT)) offenders.push(`${relative} imports ${match[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("would catch such an import", () => {
    const sample =
      'import { x } from "@/simulators/exchange/on-premises";\nconst y = await import("../simulators/tls/local-ca");';
    expect([...sample.matchAll(SIMULATOR_IMPORT)].map((match) => match[1])).toEqual([
      "@/simulators/exchange/on-premises",
      "../simulators/tls/local-ca",
    ]);
  });
});
