import { describe, expect, it } from "vitest";
import { assertExchangeAdmin, directoryRolesFromWids } from "@/lib/auth/directory-roles";
import { AppError } from "@/lib/errors";

const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de";
const MEMBER_USER = "b79fbf4d-3ef9-4689-8143-76b194e85509";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";

describe("directory roles from wids", () => {
  it("finds Global and Exchange Administrator and ignores every other role", () => {
    expect(directoryRolesFromWids([MEMBER_USER, EXCHANGE_ADMINISTRATOR, GLOBAL_ADMINISTRATOR])).toEqual([
      "GlobalAdministrator",
      "ExchangeAdministrator",
    ]);
    expect(directoryRolesFromWids([MEMBER_USER, GLOBAL_READER])).toEqual([]);
    expect(directoryRolesFromWids([EXCHANGE_ADMINISTRATOR.toUpperCase()])).toEqual(["ExchangeAdministrator"]);
    expect(directoryRolesFromWids([APPLICATION_ADMINISTRATOR, MEMBER_USER])).toEqual([
      "ApplicationAdministrator",
    ]);
  });
});

describe("assertExchangeAdmin", () => {
  it("lets either admin role through", () => {
    for (const role of ["GlobalAdministrator", "ExchangeAdministrator"] as const) {
      expect(() =>
        assertExchangeAdmin({ roles: [role], userName: "Alex", tenantName: "Contoso" }),
      ).not.toThrow();
    }
  });

  it("refuses anyone else with a 403 that names the user, the tenant and the roles needed", () => {
    let refusal: unknown;
    try {
      // Application Administrator serves the hybrid application only: it does not let anyone in.
      assertExchangeAdmin({
        roles: ["ApplicationAdministrator"],
        userName: "Lynne Robbins",
        tenantName: "Contoso",
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const error = refusal as AppError;
    expect(error.status).toBe(403);
    expect(error.details).toEqual({
      reason: "admin_role_required",
      requiredRoles: ["GlobalAdministrator", "ExchangeAdministrator"],
    });
    expect(error.message).toBe(
      "Lynne Robbins is not a Global Administrator or Exchange Administrator of Contoso. Hybrid Wizard needs one of these roles: ask a Global Administrator to assign Exchange Administrator, then sign in again.",
    );
  });
});
