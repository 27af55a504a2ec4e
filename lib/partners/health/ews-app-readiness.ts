import { type EwsAppReadiness, ZEwsAppReadinessSchema } from "@/lib/contracts/partner-dashboard";
import { ewsReadiness } from "@/lib/wizard/gather/ews-readiness";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";

// The partner dashboard's "EWS / hybrid app" column, from a health check's gather: Exchange Online's
// EWSEnabled (unset turns off from about 1 October 2026), whether on-premises already uses the
// dedicated hybrid application, and the servers whose hybrid lookups still need EWS (it ends on
// 1 April 2027). Kept on the HealthCheck row as read, so the table shows the last check's answer.

export function ewsAppReadinessOf(gathered: GatheredState, now: Date): EwsAppReadiness {
  const readiness = ewsReadiness(gathered, now);
  return {
    ewsEnabled: readiness.ewsEnabled,
    ewsServedNow: readiness.ewsServedNow,
    dedicatedApp: readiness.dedicatedAppOnPremises,
    serversOnEws: readiness.serversOnEws,
  };
}

/** A stored row's value read back; null when the check did not read it (failed, or older than the column). */
export function storedEwsAppReadiness(json: unknown): EwsAppReadiness | null {
  const parsed = ZEwsAppReadinessSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
