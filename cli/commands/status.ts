import { EventSourceParserStream } from "eventsource-parser/stream";
import {
  type RunLogLine,
  type UpdateProgress,
  ZRunLogLineSchema,
  ZUpdateProgressSchema,
} from "@/lib/contracts/wizard-update";
import { EXIT } from "../exit-codes";
import { type CommandResult, done } from "../output";
import type { CommandContext } from "./context";

const SETTLED = new Set(["succeeded", "failed", "paused"]);
const BAR_WIDTH = 30;

/** succeeded 0, failed 1 (read the log), paused 3 (Entra wants the admin: sign in, then resume). */
function exitCodeOf(progress: UpdateProgress): number {
  if (progress.status === "failed") return EXIT.failed;
  if (progress.status === "paused") return EXIT.signIn;
  return EXIT.ok;
}

export function progressBar(progress: Pick<UpdateProgress, "done" | "total" | "status">): string {
  const filled = progress.total === 0 ? BAR_WIDTH : Math.round((progress.done / progress.total) * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${progress.done}/${progress.total} ${progress.status}`;
}

function summary(progress: UpdateProgress): string {
  const failed = progress.operations.filter((operation) => operation.status === "failed");
  return [
    progressBar(progress),
    ...(progress.pausedReason
      ? [`paused: ${progress.pausedReason} (hybrid-wizard login, then resume on the Update page)`]
      : []),
    ...failed.map(
      (operation) =>
        `failed: ${operation.cmdlet} ${operation.identity}${operation.error ? ` — ${operation.error.message}${operation.error.fix ? ` (fix: ${operation.error.fix})` : ""}` : ""}`,
    ),
  ].join("\n");
}

const logText = (line: RunLogLine) => `${line.at}  ${line.level.padEnd(5)}  ${line.message}`;

/**
 * The update's progress; with `--follow`, the live log as it is written (the same event stream as
 * the Update page) and a progress bar, until the run succeeds, fails or pauses for sign-in.
 */
export async function status(
  context: CommandContext,
  runId: string,
  follow: boolean,
  json: boolean,
): Promise<CommandResult> {
  if (!follow) {
    const progress = await context.client.getUpdateProgress(runId);
    return done(progress, summary(progress), exitCodeOf(progress));
  }
  const { io } = context;
  const seen = new Set<string>();
  const abort = new AbortController();
  io.signal.addEventListener("abort", () => abort.abort(), { once: true });
  let last: UpdateProgress | undefined;
  const bar = (progress: UpdateProgress) => {
    // A terminal gets one bar redrawn in place; a log file, a line per change.
    if (io.stderr.isTTY) io.stderr.write(`\r${progressBar(progress)}`);
    else io.stderr.write(`${progressBar(progress)}\n`);
  };
  while (!last || !SETTLED.has(last.status)) {
    const events = (await context.client.updateEvents(runId, abort.signal))
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream())
      .getReader();
    try {
      for (let next = await events.read(); !next.done; next = await events.read()) {
        const { event, data } = next.value;
        if (event === "log") {
          const line = ZRunLogLineSchema.parse(JSON.parse(data));
          if (seen.has(line.id)) continue;
          seen.add(line.id);
          if (io.stderr.isTTY) io.stderr.write("\r\x1b[K");
          io.stdout.write(`${json ? JSON.stringify(line) : logText(line)}\n`);
        } else if (event === "progress") {
          const progress = ZUpdateProgressSchema.parse(JSON.parse(data));
          if (progress.done !== last?.done || progress.status !== last?.status) bar(progress);
          last = progress;
          if (SETTLED.has(progress.status)) break;
        }
      }
    } finally {
      await events.cancel().catch(() => {});
    }
    if (io.signal.aborted) break;
  }
  if (io.stderr.isTTY) io.stderr.write("\n");
  const settled = last ?? (await context.client.getUpdateProgress(runId));
  // The log lines were the output; the outcome goes to stderr (and sets the exit code).
  io.stderr.write(`${summary(settled)}\n`);
  return { exitCode: exitCodeOf(settled), json: undefined, text: "" };
}
