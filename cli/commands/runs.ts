import { readFile } from "node:fs/promises";
import { parseAnswers } from "@/lib/wizard/answers/answers";
import { ANSWER_PAGE_IDS, answersKeyOf } from "@/lib/wizard/wizard-pages";
import { CliError, EXIT } from "../exit-codes";
import { type CommandResult, done } from "../output";
import type { CommandContext } from "./context";

export async function listRuns(context: CommandContext): Promise<CommandResult> {
  const { runs } = await context.client.listWizardRuns();
  return done(
    { runs },
    runs.length === 0
      ? "No runs yet: hybrid-wizard runs new --answers FILE starts one."
      : runs
          .map((run) => `${run.id}  ${run.status.padEnd(9)}  ${run.currentPage.padEnd(20)}  ${run.updatedAt}`)
          .join("\n"),
  );
}

/**
 * An answers file (docs/ANSWERS.md) checked here first, as `npm run plan` checks it, so a script
 * that got a field wrong is told which (exit 2) before anything is made; then a run with each
 * page's answers saved as the pages save them.
 */
async function readAnswersFile(file: string) {
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new CliError(EXIT.usage, `Cannot read the answers file ${file}: ${error.message}`);
  });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT.usage, `${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = parseAnswers(document);
  if (!parsed.ok) {
    const fields = parsed.violations.map((violation) => `${violation.path}: ${violation.message}`);
    throw new CliError(
      EXIT.usage,
      [
        `${file}: ${fields.length} answer${fields.length === 1 ? "" : "s"} to fix (docs/ANSWERS.md):`,
        ...fields.map((field) => `  ${field}`),
      ].join("\n"),
      { code: "invalid_answers", issues: parsed.violations },
    );
  }
  // The file's own answers go to the pages, as the pages send them (not the parsed form, whose
  // defaults stand for pages the file leaves out).
  return document as Record<string, unknown>;
}

export async function newRun(
  context: CommandContext,
  answersFile: string | undefined,
): Promise<CommandResult> {
  if (!answersFile) throw new CliError(EXIT.usage, "runs new needs --answers FILE (docs/ANSWERS.md).");
  const answers = await readAnswersFile(answersFile);
  const { client } = context;
  let run = await client.createWizardRun();
  for (const page of ANSWER_PAGE_IDS) {
    const pageAnswers = answers[answersKeyOf(page)];
    if (pageAnswers === undefined || pageAnswers === null) continue;
    run = await client.saveWizardPageAnswers(run.id, page, { version: run.version, answers: pageAnswers });
  }
  return done(
    run,
    `${run.id}\nRun made with the answers of ${answersFile}. Next: hybrid-wizard plan ${run.id}`,
  );
}
