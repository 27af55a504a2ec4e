import { createInterface } from "node:readline/promises";
import type { RunPlanResponse, UpdateProgress } from "@/lib/contracts/wizard-update";
import { formatPlanJsonLines, formatPlanTable } from "@/lib/wizard/plan/format-plan";
import { CliError, EXIT } from "../exit-codes";
import { type CliIo, type CommandResult, done } from "../output";
import type { CommandContext } from "./context";

const writesOf = (plan: RunPlanResponse) => plan.counts.new + plan.counts.update;

/** The plan as `npm run plan` prints it: a table, or JSON lines (`--json`). Writes nothing. */
export async function showPlan(
  context: CommandContext,
  runId: string,
  json: boolean,
): Promise<CommandResult> {
  const plan = await context.client.getRunPlan(runId);
  const text = json
    ? formatPlanJsonLines({ operations: plan.operations, notes: plan.notes }).join("\n")
    : writesOf(plan) === 0
      ? `Nothing to change: both sides already are as your answers want them.\n${formatPlanTable({ operations: plan.operations, notes: plan.notes })}`
      : formatPlanTable({ operations: plan.operations, notes: plan.notes });
  // JSON lines are the output itself, as the dry run's are.
  return { exitCode: EXIT.ok, json: undefined, text };
}

async function confirmAtTerminal(io: CliIo, question: string): Promise<boolean> {
  if (!io.stdin.isTTY) return false;
  const prompt = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** Computes the plan again and confirms exactly it (its digest); the update then runs on the service. */
async function confirmPlan(context: CommandContext, runId: string, yes: boolean): Promise<UpdateProgress> {
  const plan = await context.client.getRunPlan(runId);
  if (!yes && !(await confirmAtTerminal(context.io, `Apply ${writesOf(plan)} change(s) to run ${runId}?`))) {
    throw new CliError(EXIT.usage, "Not applied: pass --yes (or answer y at a terminal) to apply the plan.");
  }
  return context.client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
}

export async function apply(context: CommandContext, runId: string, yes: boolean): Promise<CommandResult> {
  const progress = await confirmPlan(context, runId, yes);
  return done(
    progress,
    `Update started (${progress.total} write${progress.total === 1 ? "" : "s"}). Follow it: hybrid-wizard status ${runId} --follow`,
  );
}

/**
 * Undo this run: refused with why (exit 1), or a run of its own whose plan is the inverse; with
 * `--yes` it is confirmed at once, as apply would.
 */
export async function undo(context: CommandContext, runId: string, yes: boolean): Promise<CommandResult> {
  const inverse = await context.client.undoWizardRun(runId);
  if (inverse.status === "refused") {
    return done(
      inverse,
      `Undo refused:\n${inverse.reasons.map((reason) => `  ${reason}`).join("\n")}`,
      EXIT.failed,
    );
  }
  const undoRun = await context.client.createUndoRun(runId);
  if (!yes) {
    return done(
      { run: undoRun, plan: inverse.plan },
      `${undoRun.id}\nThe undo run is ready. Review it: hybrid-wizard plan ${undoRun.id}; apply it: hybrid-wizard apply ${undoRun.id} --yes`,
    );
  }
  const progress = await confirmPlan(context, undoRun.id, true);
  return done(
    { run: undoRun, progress },
    `${undoRun.id}\nUndo started. Follow it: hybrid-wizard status ${undoRun.id} --follow`,
  );
}

export async function log(context: CommandContext, runId: string, format: string): Promise<CommandResult> {
  if (format !== "text" && format !== "json") throw new CliError(EXIT.usage, "--format is text or json.");
  const text = await (await context.client.downloadRunLog(runId, format)).text();
  return { exitCode: EXIT.ok, json: undefined, text: text.trimEnd() };
}
