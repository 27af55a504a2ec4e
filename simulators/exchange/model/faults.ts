import { randomUUID } from "node:crypto";
import { z } from "zod";
import { takeFault as takeFirstFault } from "../../shared/take-fault";

export const ZErrorCategorySchema = z.enum([
  "NotSpecified",
  "InvalidArgument",
  "InvalidData",
  "InvalidOperation",
  "ObjectNotFound",
  "ResourceExists",
  "OpenError",
  "PermissionDenied",
  "LimitsExceeded",
]);

/**
 * A fault makes the next calls of one cmdlet (or of every cmdlet, `*`) misbehave the way Exchange
 * does when something is wrong. `times` limits it to the next N calls; without it, it stays until cleared.
 * `crash-after-write` is the worst moment to lose the caller: the cmdlet runs and its change is
 * kept, then the host that ran it dies before anyone hears the answer (on-premises the process that
 * opened the session, the agent's; in Exchange Online the connection drops).
 */
export const ZFaultInputSchema = z.object({
  cmdlet: z.string().min(1),
  kind: z.enum(["error", "latency", "drop-session", "throttle", "crash-after-write"]),
  times: z.number().int().positive().optional(),
  latencyMs: z.number().int().nonnegative().max(600_000).optional(),
  retryAfterSeconds: z.number().int().positive().max(3600).optional(),
  error: z
    .object({
      message: z.string().min(1),
      category: ZErrorCategorySchema.default("NotSpecified"),
      exceptionType: z.string().min(1).default("Microsoft.Exchange.Configuration.Tasks.TaskException"),
    })
    .optional(),
});

export const ZFaultSchema = ZFaultInputSchema.extend({ id: z.string() });

export type FaultInput = z.input<typeof ZFaultInputSchema>;
export type Fault = z.infer<typeof ZFaultSchema>;

export function createFault(input: FaultInput): Fault {
  return { ...ZFaultInputSchema.parse(input), id: randomUUID() };
}

function appliesTo(fault: Fault, cmdlet: string): boolean {
  return fault.cmdlet === "*" || fault.cmdlet.toLowerCase() === cmdlet.toLowerCase();
}

/** Takes the first fault that applies to this cmdlet and counts it down (shared/take-fault.ts). */
export function takeFault(faults: Fault[], cmdlet: string): { fault?: Fault; remaining: Fault[] } {
  return takeFirstFault(faults, (fault) => appliesTo(fault, cmdlet));
}
