/** What runs a cmdlet for a job: real Exchange through PowerShell, or the on-premises simulator. */
import { z } from "zod";
import { isAllowedCmdlet, isReadCmdlet, type JobError } from "@/lib/agents/protocol";

export type PlainCredential = { userName: string; password: string };

/** The account the remote PowerShell session opens as, when the run names one; the agent's own when absent. */
type SessionAccount = { sessionCredential?: PlainCredential };

export type CmdletInvocation = {
  cmdlet: string;
  /** Plain and opened sealed string parameters together. */
  parameters: Record<string, unknown>;
  /** Opened sealed credentials; PowerShell receives them as PSCredential objects. */
  credentials: Record<string, PlainCredential>;
  /** The Exchange server to run on; the executor's default when absent. */
  server?: string;
  signal: AbortSignal;
} & SessionAccount;

export type CmdletOutput = { objects: unknown[]; warnings: string[] };

/** Several reads, run in order in one session on one server. */
export type ReadsInvocation = {
  reads: { cmdlet: string; parameters: Record<string, unknown> }[];
  server?: string;
  signal: AbortSignal;
} & SessionAccount;

/** Each read's own outcome: one read Exchange refused does not lose the others. */
export type ReadOutput =
  | { ok: true; objects: unknown[]; warnings: string[]; durationMs: number }
  | { ok: false; error: JobError; warnings: string[]; durationMs: number };

export interface Executor {
  readonly name: string;
  /** Proves the executor can work here (PowerShell installed, simulator state readable) or says what is missing. */
  check(): Promise<string>;
  execute(invocation: CmdletInvocation): Promise<CmdletOutput>;
  /** Throws only when no read could run (the session did not open); otherwise one output per read. */
  executeReads(invocation: ReadsInvocation): Promise<ReadOutput[]>;
}

/** A cmdlet failed the way Exchange reports failures: category and error id as PowerShell gives them. */
export class CmdletError extends Error {
  override name = "CmdletError";
  readonly category?: string;
  readonly errorId?: string;
  readonly transient: boolean;
  constructor(details: JobError) {
    super(details.message);
    this.category = details.category;
    this.errorId = details.errorId;
    this.transient = details.transient;
  }

  toJobError(): JobError {
    return {
      message: this.message,
      category: this.category,
      errorId: this.errorId,
      transient: this.transient,
    };
  }
}

/** The executor cannot run anything on this host (e.g. no PowerShell); the agent stops and says so. */
export class ExecutorUnavailableError extends Error {
  override name = "ExecutorUnavailableError";
}

const ZErrorLikeSchema = z.object({
  message: z.string(),
  category: z.string().optional(),
  errorId: z.string().optional(),
  transient: z.boolean().optional(),
});

/** Any thrown value as a job error: Exchange-shaped errors keep their fields, anything else is not transient. */
export function toJobError(error: unknown): JobError {
  if (error instanceof CmdletError) return error.toJobError();
  const shaped = ZErrorLikeSchema.safeParse(error);
  if (shaped.success) return { ...shaped.data, transient: shaped.data.transient ?? false };
  return { message: String(error), transient: false };
}

/** Reads jobs hold reads only, whatever the server asks: a write is never batched. */
export function assertReadCmdlet(cmdlet: string): void {
  assertAllowedCmdlet(cmdlet);
  if (!isReadCmdlet(cmdlet)) {
    throw new CmdletError({
      message: `"${cmdlet}" changes Exchange; the agent runs it only as a job of its own, never among reads.`,
      category: "PermissionDenied",
      errorId: "WriteInReadsJob",
      transient: false,
    });
  }
}

/** Every executor refuses cmdlets outside the agent's allow-list, whatever the server asks. */
export function assertAllowedCmdlet(cmdlet: string): void {
  if (!isAllowedCmdlet(cmdlet)) {
    throw new CmdletError({
      message:
        `This agent does not run "${cmdlet}": it is not on the agent's list of allowed Exchange cmdlets. ` +
        "If the service was updated, update the agent too.",
      category: "PermissionDenied",
      errorId: "CmdletNotAllowed",
      transient: false,
    });
  }
}
