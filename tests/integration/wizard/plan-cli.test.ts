import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZPlanOperationSchema } from "@/lib/wizard/plan/plan-types";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { expectFirstRunOperations, shippedAnswers } from "./expected-operations";

// `npm run plan` itself, as a person or a script runs it: its output, its table, its exit codes.

const ROOT = path.join(import.meta.dirname, "..", "..", "..");

function npmRunPlan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npm", ["run", "--silent", "plan", "--", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

async function answersFile(document: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "hw-answers-")), "answers.json");
  await writeFile(file, JSON.stringify(document));
  return file;
}

describe("npm run plan", () => {
  it("prints contoso's plan as one JSON object a line, in the documented shape", async () => {
    const run = await npmRunPlan(["--fixture", "contoso", "--answers", "docs/answers/contoso.json"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const object of objects) {
      expect(Object.keys(object)).toEqual([
        "side",
        "task",
        "action",
        "cmdlet",
        "parameters",
        "identity",
        "before",
        "after",
      ]);
    }
    const plan = {
      notes: [],
      operations: objects.map((object, index) =>
        ZPlanOperationSchema.parse({ ...object, id: String(index), kind: "", dependsOn: [] }),
      ),
    };
    expectFirstRunOperations(plan, await loadFixture("contoso"), await shippedAnswers("contoso"));
  });

  it("prints a table for a person with --format table", async () => {
    const run = await npmRunPlan([
      "--fixture",
      "woodgrove",
      "--answers",
      "docs/answers/woodgrove.json",
      "--format",
      "table",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^task\s+side\s+action\s+cmdlet\s+identity/);
    expect(run.stdout).toContain("0 writes,");
  });

  it("exits 2 with each field's message for a bad answers file, before starting anything", async () => {
    const good = JSON.parse(await readFile(path.join(ROOT, "docs/answers/contoso.json"), "utf8"));
    const file = await answersFile({
      ...good,
      environment: { cloud: "Mars" },
      domains: { hybridDomains: [], autodiscoverDomain: "contoso.com" },
    });
    const run = await npmRunPlan(["--fixture", "contoso", "--answers", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("2 answers to fix (docs/ANSWERS.md)");
    expect(run.stderr).toMatch(/environment\.cloud: the Office 365 environment: Worldwide, China21Vianet/);
    expect(run.stderr).toMatch(/domains\.hybridDomains: /);
  });

  it("exits 2 when the answers do not fit the organization, naming the field and what to choose", async () => {
    const good = JSON.parse(await readFile(path.join(ROOT, "docs/answers/contoso.json"), "utf8"));
    const file = await answersFile({ ...good, certificate: { thumbprint: "0".repeat(40) } });
    const run = await npmRunPlan(["--fixture", "contoso", "--answers", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `certificate.thumbprint: No Exchange server has a certificate with thumbprint ${"0".repeat(40)}`,
    );
  });

  it("exits 2 and says how to call it without its arguments", async () => {
    const run = await npmRunPlan(["--fixture", "contoso"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("usage: npm run plan -- --fixture FILE|NAME --answers FILE");
  });
});
