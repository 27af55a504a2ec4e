/**
 * How big a job's result is, and what to say when it is too big. Shared by the agent (which
 * refuses to send it) and the service (which refuses to take it): a read cut short would make the
 * plan treat existing objects as missing, so an oversized result is an error, never truncated.
 */
import { type CompleteJobRequest, MAX_JOB_RESULT_BYTES } from "./protocol";

const encoder = new TextEncoder();

function bytesOf(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Null when the result fits; otherwise a message naming the cmdlets with the largest outputs. */
export function oversizeResultProblem(
  result: CompleteJobRequest["result"],
  /** The cmdlet of a single-cmdlet job. */
  cmdlet?: string,
): string | null {
  const total = bytesOf(result);
  if (total <= MAX_JOB_RESULT_BYTES) return null;
  const parts = (result.reads ?? [])
    .filter((read) => read.ok)
    .map((read) => ({ cmdlet: read.cmdlet, bytes: bytesOf(read) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((part) => `${part.cmdlet} ${mebibytes(part.bytes)}`);
  const largest = parts.length > 0 ? parts.join(", ") : `${cmdlet ?? "the cmdlet"} ${mebibytes(total)}`;
  return (
    `The job's output is ${mebibytes(total)}, more than the ${mebibytes(MAX_JOB_RESULT_BYTES)} an agent may ` +
    `report (largest: ${largest}). Nothing was cut short: read fewer objects per job (an -Identity per ` +
    "object), or remove stale objects from the organization."
  );
}
