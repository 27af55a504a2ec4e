import { describe, expect, it } from "vitest";
import { neighbourPage, runConditions } from "@/components/wizard/run/run-navigation";

// Next and Back in the browser: the neighbouring page, past the ones the run leaves out.

const full = { hybrid: "full", organizationConfigurationTransfer: false, migrationEndpoint: true };

describe("Next and Back", () => {
  it("go to the neighbouring page before anything decides a skip", () => {
    const conditions = runConditions({}, null);
    expect(neighbourPage("environment", -1, conditions)).toBeUndefined();
    expect(neighbourPage("environment", 1, conditions)).toBe("credentials");
    expect(neighbourPage("topology", 1, conditions)).toBe("migration-credential");
    expect(neighbourPage("organization-fqdn", 1, conditions)).toBe("review");
    expect(neighbourPage("done", 1, conditions)).toBeUndefined();
  });

  it("pass the migration credential when the migration endpoint is off, both ways", () => {
    const conditions = runConditions({ features: { ...full, migrationEndpoint: false } }, null);
    expect(neighbourPage("topology", 1, conditions)).toBe("domains");
    expect(neighbourPage("domains", -1, conditions)).toBe("topology");
  });

  it("pass Domain Ownership once the gather shows no Exchange 2010, and keep it when it does", () => {
    expect(neighbourPage("domains", 1, runConditions({ features: full }, { exchange2010: false }))).toBe(
      "transport",
    );
    expect(neighbourPage("domains", 1, runConditions({ features: full }, { exchange2010: true }))).toBe(
      "domain-ownership",
    );
    expect(
      neighbourPage("transport", -1, runConditions({ features: { ...full, hybrid: "minimal" } }, null)),
    ).toBe("domains");
  });

  it("ignore features answers that are not the page's shape", () => {
    const conditions = runConditions(
      { features: { hybrid: "half", migrationEndpoint: "no" } },
      { exchange2010: false },
    );
    expect(neighbourPage("topology", 1, conditions)).toBe("migration-credential");
  });
});
