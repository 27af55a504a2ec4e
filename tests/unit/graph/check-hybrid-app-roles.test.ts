import { describe, expect, it } from "vitest";
import type { DirectoryRole } from "@/lib/auth/directory-roles";
import { AppError } from "@/lib/errors";
import { checkHybridAppRoles } from "@/lib/graph/check-hybrid-app-roles";
import type { ActingContext } from "@/lib/tenants/acting-context";

// Before planning the dedicated hybrid application: which steps may the admin do, and what to ask for.

function actingWith(directoryRoles: DirectoryRole[], displayName = "Alex Wilber"): ActingContext {
  return {
    tenant: {
      id: "t1",
      entraTenantId: "be02d50c-0ae5-4169-a670-583b92eb1181",
      displayName: "Contoso",
      cloud: "Worldwide",
      initialDomain: "contoso.onmicrosoft.com",
      mfaPolicy: "Required",
    },
    actor: {
      kind: "user",
      userId: "u1",
      homeTenantId: "t1",
      objectId: "20676b29-a87f-4e6b-8dc9-f3eedd664f36",
      upn: "alex@contoso.onmicrosoft.com",
      displayName,
      directoryRoles,
      mfa: true,
      issuedAt: new Date(),
      lastSignInAt: null,
      accessToken: "not used",
      partnerId: null,
    },
    role: "operator",
    sourceAddress: null,
    userAgent: null,
  };
}

describe("checkHybridAppRoles", () => {
  it("lets a Global Administrator do every step, and both narrower roles together", () => {
    for (const roles of [
      ["GlobalAdministrator"],
      ["ApplicationAdministrator", "PrivilegedRoleAdministrator"],
    ] as const) {
      expect(checkHybridAppRoles({ acting: actingWith([...roles]) })).toMatchObject({
        ready: true,
        missing: undefined,
      });
    }
  });

  it("says plainly that an Exchange Administrator can do neither step, and which roles would", () => {
    const check = checkHybridAppRoles({ acting: actingWith(["ExchangeAdministrator"]) });
    expect(check).toMatchObject({
      ready: false,
      createApplication: { allowed: false },
      grantConsent: { allowed: false },
    });
    expect(check.missing).toBe(
      "Alex Wilber cannot create the Exchange hybrid application (needs Global Administrator or Application Administrator) or grant it admin consent to full_access_as_app (needs Global Administrator or Privileged Role Administrator) in Contoso. Ask a Global Administrator to assign the missing role and sign in again, or to do these steps for you.",
    );
  });

  it("lets a Privileged Role Administrator consent but not create", () => {
    const check = checkHybridAppRoles({
      acting: actingWith(["ExchangeAdministrator", "PrivilegedRoleAdministrator"]),
    });
    expect(check).toMatchObject({ createApplication: { allowed: false }, grantConsent: { allowed: true } });
    expect(check.missing).toMatch(
      /cannot create the Exchange hybrid application \(needs Global Administrator or Application Administrator\) in Contoso/,
    );
  });

  it("refuses an agent: Graph is reached only for a signed-in admin", () => {
    const acting: ActingContext = {
      ...actingWith([]),
      actor: { kind: "agent", agentId: "a1", name: "EX01" },
      role: "agent",
    };
    expect(() => checkHybridAppRoles({ acting })).toThrow(AppError);
  });
});
