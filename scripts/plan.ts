/**
 * `npm run plan -- --fixture FILE --answers FILE [--format table]`: the dry run. Loads an
 * organization fixture into the simulators in this process, gathers both sides and plans with the
 * answers — the same code the browser runs — and prints one JSON object a line (or a table).
 * Exit codes: 0 planned; 1 could not gather or plan; 2 bad command line or answers file.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { type AnswerViolation, parseAnswers } from "@/lib/wizard/answers/answers";
import { formatPlanJsonLines, formatPlanTable } from "@/lib/wizard/plan/format-plan";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";

const USAGE = "usage: npm run plan -- --fixture FILE|NAME --answers FILE [--format json|table]";

class UsageError extends Error {}

function describeViolations(source: string, violations: AnswerViolation[]): string {
  return [
    `${source}: ${violations.length} answer${violations.length === 1 ? "" : "s"} to fix (docs/ANSWERS.md):`,
    ...violations.map((violation) => `  ${violation.path}: ${violation.message}`),
  ].join("\n");
}

async function readAnswers(file: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the answers file ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = parseAnswers(document);
  if (!parsed.ok) {
    throw new UsageError(describeViolations(file, parsed.violations));
  }
  return parsed.answers;
}

async function main(): Promise<number> {
  let values: { fixture?: string; answers?: string; format?: string };
  try {
    ({ values } = parseArgs({
      options: {
        fixture: { type: "string" },
        answers: { type: "string" },
        format: { type: "string", default: "json" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.fixture || !values.answers) throw new UsageError(USAGE);
  if (values.format !== "json" && values.format !== "table")
    throw new UsageError(`--format is json or table\n${USAGE}`);
  const answers = await readAnswers(values.answers);
  const fixture = await loadFixture(values.fixture).catch((error: unknown) => {
    throw new UsageError(`cannot load the fixture ${values.fixture}: ${(error as Error).message}`);
  });

  // Loaded only now: the simulators take a second to load, and a bad command line needs none of it.
  const { startDryRunSimulators } = await import("./lib/plan/dry-run-simulators");
  const { dryRun } = await import("./lib/plan/dry-run");
  const simulators = await startDryRunSimulators();
  try {
    const { gather, plan, violations } = await dryRun({ simulators, fixture, answers });
    for (const check of gather.checks) {
      if (check.status !== "ok") process.stderr.write(`${check.status}: ${check.message}\n`);
    }
    if (violations)
      throw new UsageError(describeViolations(`${values.answers} for ${fixture.name}`, violations));
    process.stdout.write(
      values.format === "table"
        ? `${formatPlanTable(plan)}\n`
        : formatPlanJsonLines(plan)
            .map((line) => `${line}\n`)
            .join(""),
    );
    return 0;
  } finally {
    await simulators.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `${error instanceof AppError ? error.message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(1);
  },
);
