import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

describe("safeReturnPath", () => {
  it("keeps a path of this site, query included", () => {
    expect(safeReturnPath("/agents?tab=1")).toBe("/agents?tab=1");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/agents",
    "/\\evil.example",
    "javascript:alert(1)",
    "",
    null,
  ])("sends %j to the wizard instead of another origin", (value) => {
    expect(safeReturnPath(value)).toBe("/wizard/credentials");
  });
});
