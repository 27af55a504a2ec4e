import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

const ORIGIN = "https://wizard.contoso.com";

describe("safeReturnPath", () => {
  it("keeps a page of this site, query and hash included", () => {
    expect(safeReturnPath("/agents?tab=1#list", ORIGIN)).toBe("/agents?tab=1#list");
    expect(safeReturnPath(`${ORIGIN}/settings`, ORIGIN)).toBe("/settings");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/agents",
    "/\\evil.example",
    "/\t/evil.example/agents",
    "/\r/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "/\\\t\\evil.example",
    "http://wizard.contoso.com/agents",
    "https://wizard.contoso.com:8443/agents",
    "javascript:alert(1)",
    "",
    null,
  ])("sends %j to the wizard instead of another origin", (value) => {
    expect(safeReturnPath(value, ORIGIN)).toBe("/wizard/credentials");
  });
});
