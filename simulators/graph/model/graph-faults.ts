import { randomUUID } from "node:crypto";
import { z } from "zod";
import { takeFault } from "../../shared/take-fault";

/**
 * A fault makes the next calls of one route (`POST /servicePrincipals/{id}/appRoleAssignments`, as
 * GRAPH_ROUTES names them) or of every route (`*`) misbehave as Graph does when something is wrong.
 * `times` limits it to the next N calls; without it, it stays until cleared.
 */
export const ZGraphFaultInputSchema = z.object({
  route: z.string().min(1),
  kind: z.enum(["error", "latency", "throttle"]),
  times: z.number().int().positive().optional(),
  latencyMs: z.number().int().nonnegative().max(600_000).optional(),
  retryAfterSeconds: z.number().int().positive().max(3600).optional(),
  error: z
    .object({
      status: z.number().int().min(400).max(599).default(403),
      code: z.string().min(1).default("Authorization_RequestDenied"),
      message: z.string().min(1).default("Insufficient privileges to complete the operation."),
    })
    .optional(),
});

export const ZGraphFaultSchema = ZGraphFaultInputSchema.extend({ id: z.string() });

export type GraphFaultInput = z.input<typeof ZGraphFaultInputSchema>;
export type GraphFault = z.infer<typeof ZGraphFaultSchema>;

export function createGraphFault(input: GraphFaultInput): GraphFault {
  return { ...ZGraphFaultInputSchema.parse(input), id: randomUUID() };
}

export function takeGraphFault(faults: GraphFault[], route: string) {
  const wanted = route.toLowerCase();
  return takeFault(faults, (fault) => fault.route === "*" || fault.route.toLowerCase() === wanted);
}
