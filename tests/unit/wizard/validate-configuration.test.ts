import { describe, expect, it } from "vitest";
import { type RunProbe, validateConfiguration } from "@/lib/wizard/validate/validate-configuration";
import { ExchangeError } from "@/simulators/exchange/model/exchange-error";
import type { Pair } from "../exchange-sim/organization-harness";
import { applyPlan, gatherPair, planFixture, tenantFactsOf } from "./gather-from-fixture";

// Validate against the in-process simulators, which answer the Test- cmdlets from their state: a
// configured organization passes every check, a broken one fails the check that covers the break,
// with the HCW's fix for it.

function probes(pair: Pair): RunProbe {
  return async (probe) => {
    try {
      const run = probe.side === "OnPremises" ? pair.onPremises : pair.online;
      return { ok: true, objects: (await run(probe.cmdlet, probe.parameters)).value };
    } catch (error) {
      if (error instanceof ExchangeError) return { ok: false, message: error.data.message };
      throw error;
    }
  };
}

/** The admin the checks run as: free/busy is looked up as their mailbox. */
const ADMIN = "adele@contoso.com";

async function configured(fixture: string) {
  const { pair, plan, answers } = await planFixture(fixture);
  await applyPlan(pair, plan);
  const validate = async () =>
    validateConfiguration({
      gathered: (await gatherPair(pair)).state,
      answers,
      tenant: tenantFactsOf(pair),
      runProbe: probes(pair),
      userIdentity: ADMIN,
    });
  return { pair, validate };
}

describe("Validate (the HCW's ValidateConfiguration)", () => {
  it("contoso configured: OAuth both ways, the migration endpoint and free/busy both ways pass", async () => {
    const { validate } = await configured("contoso");
    const results = await validate();
    expect(results.map((result) => [result.id, result.passed])).toEqual([
      ["oauthToExchangeOnline", true],
      ["oauthToOnPremises", true],
      ["migrationEndpoint", true],
      ["freeBusyFromExchangeOnline", true],
      ["freeBusyFromOnPremises", true],
    ]);
    expect(results.every((result) => result.fix === null)).toBe(true);
    // The free/busy lookups are made as the admin's mailbox, which Exchange insists on being named.
    expect(results.find((result) => result.id === "freeBusyFromExchangeOnline")?.detail).toContain(ADMIN);
  });

  it("Exchange refuses a free/busy test that names no mailbox, as it does -UserIdentity missing", async () => {
    const { pair } = await configured("contoso");
    const [relationship] = (await pair.online("Get-OrganizationRelationship", {})).value;
    await expect(
      pair.online("Test-OrganizationRelationship", { Identity: String(relationship?.Name) }),
    ).rejects.toThrow(/missing mandatory parameters: UserIdentity/);
  });

  it("a disabled partner application fails OAuth both ways, with the HCW8064 fix", async () => {
    const { pair, validate } = await configured("contoso");
    await pair.onPremises("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: false });
    const failed = (await validate()).filter((result) => !result.passed);
    expect(failed.map((result) => result.id)).toEqual(["oauthToExchangeOnline", "oauthToOnPremises"]);
    for (const result of failed) {
      expect(result.detail).toMatch(/partner application 'Exchange Online' is disabled/);
      expect(result.fix).toMatchObject({
        codes: ["HCW8064"],
        fix: expect.stringMatching(/configure OAuth by hand/),
      });
    }
  });

  it("MRSProxy turned off fails the migration endpoint check with HCW8078; free/busy not shared fails the lookup", async () => {
    const { pair, validate } = await configured("contoso");
    for (const server of ["EX1", "EX2"]) {
      await pair.onPremises("Set-WebServicesVirtualDirectory", {
        Identity: `${server}\\EWS (Default Web Site)`,
        MRSProxyEnabled: false,
      });
    }
    const relationship = (await pair.onPremises("Get-OrganizationRelationship")).value[0]!;
    await pair.onPremises("Set-OrganizationRelationship", {
      Identity: relationship.Name,
      FreeBusyAccessEnabled: false,
    });
    const byId = Object.fromEntries((await validate()).map((result) => [result.id, result]));
    expect(byId.migrationEndpoint).toMatchObject({ passed: false, fix: { codes: ["HCW8078"] } });
    expect(byId.migrationEndpoint!.detail).toMatch(/MRSProxy/);
    for (const id of ["freeBusyFromExchangeOnline", "freeBusyFromOnPremises"]) {
      expect(byId[id]).toMatchObject({
        passed: false,
        fix: { codes: ["HCW8034"], fix: expect.stringMatching(/FreeBusyAccessEnabled \$true/) },
      });
    }
    expect(byId.oauthToOnPremises!.passed).toBe(true);
  });

  it("fabrikam: the federation trust is validated where there is one, and its fix given when the identifier is off", async () => {
    const { pair, validate } = await configured("fabrikam");
    const results = await validate();
    expect(results.map((result) => result.id)).toContain("federationTrust");
    expect(results.map((result) => result.id)).not.toContain("oauthToExchangeOnline");
    expect(results.every((result) => result.passed)).toBe(true);
    await pair.onPremises("Set-FederatedOrganizationIdentifier", { Enabled: false });
    const trust = (await validate()).find((result) => result.id === "federationTrust")!;
    expect(trust).toMatchObject({ passed: false, fix: { title: expect.stringMatching(/federation trust/) } });
    expect(trust.detail).toMatch(/isn't enabled/);
  });

  it("contoso before any run: each check fails and says what is missing", async () => {
    const { pair, answers } = await planFixture("contoso");
    const results = await validateConfiguration({
      gathered: (await gatherPair(pair)).state,
      answers,
      tenant: tenantFactsOf(pair),
      runProbe: probes(pair),
      userIdentity: ADMIN,
    });
    expect(results.filter((result) => result.passed)).toEqual([]);
    expect(results.find((result) => result.id === "migrationEndpoint")).toMatchObject({
      detail: "The migration endpoint was not created, so mailboxes cannot be moved.",
      fix: { fix: expect.stringMatching(/Run the wizard again/) },
    });
  });
});
