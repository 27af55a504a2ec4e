import { describe, expect, it } from "vitest";
import { hasExchange2010 } from "@/lib/wizard/gather/gathered-lookups";
import { type PageConditions, skippedPages, WIZARD_PAGES } from "@/lib/wizard/wizard-pages";
import { planFixture, SHIPPED_FIXTURES } from "./gather-from-fixture";

// The wizard's pages in the HCW's order, and the ones it leaves out given what is known so far.

const full = { hybrid: "full", migrationEndpoint: true } as const;
const skipped = (conditions: PageConditions) => [...skippedPages(conditions).keys()];

describe("the wizard's pages", () => {
  it("come in the HCW's order, from Environment to Done", () => {
    expect(WIZARD_PAGES.map((page) => page.title)).toEqual([
      "On-premises Exchange Server Organization",
      "Credentials",
      "Gathering configuration",
      "Hybrid Features",
      "Hybrid Topology",
      "Migration Credential",
      "Hybrid Domains",
      "Domain Ownership",
      "Hybrid Configuration",
      "Receive Connector Servers",
      "Send Connector Servers",
      "Transport Certificate",
      "Organization FQDN",
      "Review the plan",
      "Update",
      "Done",
    ]);
  });

  it("leave nothing out before Hybrid Features is answered and the organization gathered", () => {
    expect(skipped({ features: undefined, exchange2010: null })).toEqual([]);
  });

  it("leave out the migration credential when the migration endpoint is not chosen", () => {
    const conditions = { features: { ...full, migrationEndpoint: false }, exchange2010: true };
    expect(skipped(conditions)).toEqual(["migration-credential"]);
    expect(skippedPages(conditions).get("migration-credential")).toContain("migration endpoint");
  });

  it("keep domain ownership only where a federation trust is needed: full hybrid with Exchange 2010", () => {
    expect(skipped({ features: full, exchange2010: true })).toEqual([]);
    expect(skipped({ features: full, exchange2010: false })).toEqual(["domain-ownership"]);
    expect(skipped({ features: { ...full, hybrid: "minimal" }, exchange2010: true })).toEqual([
      "domain-ownership",
    ]);
    // Not gathered yet: the page may still be needed, so it stays.
    expect(skipped({ features: full, exchange2010: null })).toEqual([]);
  });

  for (const fixture of SHIPPED_FIXTURES) {
    it(`${fixture}: domain ownership is shown exactly when the plan makes the federation trust`, async () => {
      const { state, answers, plan } = await planFixture(fixture);
      const federation = plan.operations.some((operation) => operation.task === "Federation");
      const shown = !skippedPages({
        features: answers.features,
        exchange2010: hasExchange2010(state),
      }).has("domain-ownership");
      expect(shown).toBe(federation);
    });
  }
});
