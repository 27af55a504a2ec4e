import { z } from "zod";

// Path parameters of the API's routes, validated in handleRoute before a handler runs: an id that
// is not a UUID names nothing, so it is a 404 that says so, never a database error.

export const ZJobRouteParams = z.object({ jobId: z.uuid("No such job: job ids are UUIDs.") });
export const ZAgentRouteParams = z.object({ agentId: z.uuid("No such agent: agent ids are UUIDs.") });
export const ZPairingCodeRouteParams = z.object({
  codeId: z.uuid("No such pairing code: pairing code ids are UUIDs."),
});
