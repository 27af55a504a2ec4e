import { z } from "zod";
import { takeFault } from "../../shared/take-fault";
import type { EntraError } from "./entra-errors";

// Entra refusing to redeem a refresh token because it wants the user back, on demand: the answers
// its token endpoint gives then, word for word in shape, so MSAL classifies them as it would there
// (msal-node: InteractionRequiredAuthError for the MFA one, whose suberror says a sign-in fixes it;
// a ServerError `invalid_grant` for an expired or revoked grant).

export const ZRefreshFaultInputSchema = z.object({
  /** The tenant (its id, as in the authority's path) whose next refresh-token redemptions are refused. */
  tenantId: z.string().min(1),
  kind: z.enum(["mfa-required", "grant-expired", "grant-revoked"]),
  times: z.number().int().positive().optional(),
});
export type RefreshFaultInput = z.input<typeof ZRefreshFaultInputSchema>;
type RefreshFault = z.infer<typeof ZRefreshFaultInputSchema>;

const CLAIMS_CHALLENGE = JSON.stringify({
  access_token: { capolids: { essential: true, values: ["5a3c6e2b-mfa0-4f5e-9b1d-conditional"] } },
});

const ANSWERS: Record<RefreshFault["kind"], EntraError> = {
  "mfa-required": {
    error: "invalid_grant",
    code: 50076,
    description:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
    suberror: "basic_action",
    claims: CLAIMS_CHALLENGE,
  },
  "grant-expired": {
    error: "invalid_grant",
    code: 700082,
    description: "The refresh token has expired due to inactivity. The token was inactive for 90.00:00:00.",
  },
  "grant-revoked": {
    error: "invalid_grant",
    code: 50173,
    description:
      "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.",
  },
};

export class RefreshFaults {
  private faults: RefreshFault[] = [];

  set(input: RefreshFaultInput): void {
    this.faults.push(ZRefreshFaultInputSchema.parse(input));
  }

  /** The refusal for this tenant's refresh-token redemption, when one is set (counted down). */
  take(tenantId: string): EntraError | undefined {
    const { fault, remaining } = takeFault(this.faults, (candidate) => candidate.tenantId === tenantId);
    this.faults = remaining;
    return fault ? ANSWERS[fault.kind] : undefined;
  }
}
