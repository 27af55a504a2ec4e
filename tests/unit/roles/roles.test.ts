import { describe, expect, it } from "vitest";
import { capByDirectoryRoles, directoryDefaultRole, lowerRole, roleAtLeast } from "@/lib/roles/roles";

describe("tenant roles", () => {
  it("rank owner over operator over viewer", () => {
    expect(roleAtLeast("owner", "operator")).toBe(true);
    expect(roleAtLeast("operator", "operator")).toBe(true);
    expect(roleAtLeast("viewer", "operator")).toBe(false);
    expect(roleAtLeast("operator", "owner")).toBe(false);
  });

  it("give a partner's technician the weaker of their partner role and the relationship's", () => {
    expect(lowerRole("owner", "operator")).toBe("operator");
    expect(lowerRole("viewer", "owner")).toBe("viewer");
    expect(lowerRole("operator", "operator")).toBe("operator");
  });

  it("fall back to Entra's roles in a tenant without members: Global Admin owns, Exchange Admin operates, Global Reader views", () => {
    expect(directoryDefaultRole(["GlobalAdministrator", "ExchangeAdministrator"])).toBe("owner");
    expect(directoryDefaultRole(["ExchangeAdministrator"])).toBe("operator");
    expect(directoryDefaultRole(["GlobalReader"])).toBe("viewer");
    expect(directoryDefaultRole(["ApplicationAdministrator"])).toBeNull();
  });

  it("keep anyone who may not change Exchange in Entra to viewing, whatever their membership says", () => {
    expect(capByDirectoryRoles("owner", ["GlobalReader"])).toBe("viewer");
    expect(capByDirectoryRoles("operator", [])).toBe("viewer");
    expect(capByDirectoryRoles("owner", ["ExchangeAdministrator"])).toBe("owner");
    expect(capByDirectoryRoles("viewer", ["GlobalAdministrator"])).toBe("viewer");
  });
});
