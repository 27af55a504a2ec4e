/**
 * Production executor: each cmdlet runs in a fresh PowerShell process that opens a Kerberos
 * remote session to the Exchange server (as the account the agent runs as), imports just that
 * cmdlet, and splats the parameters it reads from stdin. Spawned without a shell.
 */
import { spawn } from "node:child_process";
import { z } from "zod";
import { MAX_JOB_RESULT_BYTES, ZJobErrorSchema, ZReadResultSchema } from "@/lib/agents/protocol";
import {
  CmdletError,
  type CmdletInvocation,
  type CmdletOutput,
  type Executor,
  ExecutorUnavailableError,
  type ReadOutput,
  type ReadsInvocation,
} from "../executor";
import { buildInvokeCmdletInput, buildInvokeReadsInput, powerShellArgs } from "./build-invocation";
import { CHECK_POWERSHELL_SCRIPT } from "./invoke-script";

/** More than a job may report is refused whole, so it is not worth reading further. */
const MAX_OUTPUT_BYTES = MAX_JOB_RESULT_BYTES;

const ZFailedReplySchema = z.object({ ok: z.literal(false), error: ZJobErrorSchema });
const ZReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), objects: z.array(z.unknown()), warnings: z.array(z.string()) }),
  ZFailedReplySchema,
]);
const ZReadsReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), results: z.array(ZReadResultSchema) }),
  ZFailedReplySchema,
]);

export function defaultPowerShellPath(platform: NodeJS.Platform = process.platform): string {
  // Windows PowerShell 5.1 is on every Exchange server; elsewhere only PowerShell 7 exists.
  return platform === "win32" ? "powershell.exe" : "pwsh";
}

export function describeMissingPowerShell(command: string): string {
  return (
    `PowerShell was not found: the agent could not start "${command}". Install PowerShell 7 ` +
    '(Windows: winget install --id Microsoft.PowerShell; Linux: the "powershell" package from Microsoft\'s ' +
    'package repository), or set "powershellPath" in the agent\'s config file to the full path of pwsh ' +
    "or of powershell.exe (Windows PowerShell 5.1, present on every Exchange server)."
  );
}

type ProcessResult = {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** stdout passed MAX_OUTPUT_BYTES and the process was stopped: the reply is incomplete. */
  overflowed: boolean;
};

function runProcess(
  command: string,
  args: readonly string[],
  stdin: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true,
      signal: AbortSignal.any([signal, timeout]),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let overflowed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        overflowed = true;
        child.kill();
      } else stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 64) stderr.push(chunk);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") reject(new ExecutorUnavailableError(describeMissingPowerShell(command)));
      else if (error.name !== "AbortError") reject(error);
    });
    // The process may exit before reading stdin (e.g. it failed to start its runtime).
    child.stdin.on("error", () => {});
    child.stdin.end(stdin, "utf8");
    child.on("close", (exitCode) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut: timeout.aborted,
        overflowed,
      });
    });
  });
}

export type PowerShellExecutorOptions = {
  powershellPath?: string;
  /** Used when a job names no server. */
  defaultServer?: string;
  timeoutMs: number;
};

export function createPowerShellExecutor(options: PowerShellExecutorOptions): Executor {
  const command = options.powershellPath ?? defaultPowerShellPath();

  return {
    name: "powershell",

    async check() {
      const result = await runProcess(
        command,
        powerShellArgs(CHECK_POWERSHELL_SCRIPT),
        "",
        new AbortController().signal,
        60_000,
      );
      const version = result.stdout.trim();
      if (result.exitCode !== 0 || !version) {
        throw new ExecutorUnavailableError(
          `"${command}" started but did not run a script (exit code ${result.exitCode}): ${result.stderr.trim().slice(-500)}`,
        );
      }
      return `PowerShell ${version} (${command})${options.defaultServer ? `, Exchange server ${options.defaultServer}` : ""}`;
    },

    async execute(invocation: CmdletInvocation): Promise<CmdletOutput> {
      const { args, stdin } = buildInvokeCmdletInput(invocation, options.defaultServer);
      const result = await runProcess(command, args, stdin, invocation.signal, options.timeoutMs);
      const reply = readReply(ZReplySchema, result, invocation.cmdlet, options.timeoutMs);
      if (!reply.ok) throw new CmdletError(reply.error);
      return { objects: reply.objects, warnings: reply.warnings };
    },

    async executeReads(invocation: ReadsInvocation): Promise<ReadOutput[]> {
      const { args, stdin } = buildInvokeReadsInput(invocation, options.defaultServer);
      const result = await runProcess(command, args, stdin, invocation.signal, options.timeoutMs);
      const what = invocation.reads.map((read) => read.cmdlet).join(", ");
      const reply = readReply(ZReadsReplySchema, result, what, options.timeoutMs);
      if (!reply.ok) throw new CmdletError(reply.error);
      if (reply.results.length !== invocation.reads.length) {
        throw new CmdletError({
          message: `PowerShell answered ${reply.results.length} of ${invocation.reads.length} reads.`,
          category: "InvalidResult",
          errorId: "NoPowerShellResult",
          transient: false,
        });
      }
      return reply.results.map(({ cmdlet: _cmdlet, ...output }) => output);
    },
  };
}

/** The script's reply, or the error that says why there is none (too slow, too large, no JSON). */
function readReply<T>(schema: z.ZodType<T>, result: ProcessResult, what: string, timeoutMs: number): T {
  if (result.overflowed) {
    throw new CmdletError({
      message:
        `${what} returned more than ${MAX_OUTPUT_BYTES / (1024 * 1024)} MiB; the agent stopped reading rather ` +
        "than report part of it. Read fewer objects at a time (e.g. one -Identity per call).",
      category: "LimitsExceeded",
      errorId: "ResultTooLarge",
      transient: false,
    });
  }
  if (result.timedOut) {
    throw new CmdletError({
      message: `${what} did not finish within ${Math.round(timeoutMs / 1000)} s; the agent stopped it.`,
      category: "OperationTimeout",
      errorId: "CmdletTimedOut",
      transient: true,
    });
  }
  const reply = schema.safeParse(parseJson(result.stdout));
  if (!reply.success) {
    throw new CmdletError({
      message:
        `PowerShell ended (exit code ${result.exitCode}) without a result` +
        `${result.stderr.trim() ? `: ${result.stderr.trim().slice(-1000)}` : "."}`,
      category: "InvalidResult",
      errorId: "NoPowerShellResult",
      transient: false,
    });
  }
  return reply.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
