import { z } from "zod";
import { ZConnectionCheckSchema, ZDomainProofSchema, ZReadRecordSchema } from "@/lib/contracts/wizard-gather";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZGatheredStateSchema } from "@/lib/wizard/gather/gathered-state";

// A run's last gather as `WizardRun.gathered` keeps it: written whole by gatherRun, its federation
// proofs added by readDomainProofs. Kept with the run (not in a web process) so the later pages, a
// second admin and a restarted server all plan on the same reads.

export const ZStoredGatherSchema = z.object({
  state: ZGatheredStateSchema,
  records: z.array(ZReadRecordSchema),
  checks: z.array(ZConnectionCheckSchema),
  durationMs: z.number(),
  /** Whether Exchange 2010 is in the organization: read on every save for the page skips. */
  exchange2010: z.boolean(),
  domainProofs: z.array(ZDomainProofSchema).default([]),
});
export type StoredGather = z.infer<typeof ZStoredGatherSchema>;

/** Just what the page skips need, without parsing the whole state on every save. */
const ZGatherFlagsSchema = z.object({ exchange2010: z.boolean() });

export function exchange2010Of(gathered: Prisma.JsonValue | null): boolean | null {
  return ZGatherFlagsSchema.safeParse(gathered).data?.exchange2010 ?? null;
}

/** The run's stored gather; a run not gathered yet is a 409 saying to gather first. */
export function storedGatherOf(gathered: Prisma.JsonValue | null): StoredGather {
  const parsed = ZStoredGatherSchema.safeParse(gathered);
  if (!parsed.success) {
    throw new AppError(
      "conflict",
      "This run has not gathered the configuration of both sides yet: go to Gathering configuration first.",
      { reason: "not_gathered" },
    );
  }
  return parsed.data;
}
