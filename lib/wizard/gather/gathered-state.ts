import { z } from "zod";
import { ZGatheredGraphSchema } from "./gathered-graph";
import { ZOnPremisesStateSchema } from "./gathered-on-premises";
import { ZOnlineStateSchema } from "./gathered-online";

// What the wizard knows about both sides before it plans: the objects every HCW task reads, as
// Exchange returned them (its property names, values in one shape each). Built by
// assembleGatheredState from the reads of read-list.ts; stored with a run; the planner's only input
// besides the answers and the tenant facts.

export const ZGatheredStateSchema = z.object({
  onPremises: ZOnPremisesStateSchema,
  online: ZOnlineStateSchema,
  /** The dedicated hybrid application in Microsoft Graph; null where Graph was not read. */
  graph: ZGatheredGraphSchema.nullable().default(null),
});

export type GatheredState = z.infer<typeof ZGatheredStateSchema>;

export * from "./gathered-graph";
export * from "./gathered-on-premises";
export * from "./gathered-online";
