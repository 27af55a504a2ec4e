import { createHash } from "node:crypto";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";

/**
 * What the admin reviewed, as one hash: the operations in order with everything they would do.
 * Confirming names it; the plan computed again at confirm must hash the same, or the admin reviews
 * again, so the frozen plan is exactly the one they saw.
 */
export function planDigest(operations: readonly PlanOperation[]): string {
  return createHash("sha256").update(JSON.stringify(operations)).digest("base64url");
}
