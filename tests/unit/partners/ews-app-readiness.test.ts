import { describe, expect, it } from "vitest";
import { ewsAppReadinessOf, storedEwsAppReadiness } from "@/lib/partners/health/ews-app-readiness";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { gatherFixture } from "@/tests/unit/wizard/gather-from-fixture";

// The partner dashboard's EWS / hybrid app column, from what a health check gathered: EWSEnabled,
// whether on-premises is switched to the dedicated app, and the servers still on EWS.

const AFTER_UNSET_CUTOFF = new Date("2026-12-01T00:00:00Z");

function switchedToDedicatedApp(state: GatheredState, parameters = ["Enabled=true"]) {
  state.onPremises.authServers.push({
    Identity: "EvoSts - contoso",
    Name: "EvoSts - contoso",
    Type: "AzureAD",
    AuthMetadataUrl: null,
    DomainName: [],
    Enabled: true,
    ApplicationIdentifier: "6f1c2a43-2d5b-4bde-9c61-1f2d3e4a5b6c",
  });
  state.onPremises.settingOverrides.push({
    Identity: "EnableExchangeHybrid3PAppFeature",
    Name: "EnableExchangeHybrid3PAppFeature",
    ComponentName: "Global",
    SectionName: "ExchangeOnpremAsThirdPartyAppId",
    Parameters: parameters,
  });
}

describe("EWS / hybrid app readiness of a customer", () => {
  it("contoso as shipped: EWSEnabled unset (off by now), no dedicated app, both 2019 servers on EWS", async () => {
    const { state } = await gatherFixture("contoso");
    expect(ewsAppReadinessOf(state, AFTER_UNSET_CUTOFF)).toEqual({
      ewsEnabled: null,
      ewsServedNow: false,
      dedicatedApp: false,
      serversOnEws: ["EX1", "EX2"],
    });
  });

  it("the dedicated app is in place once EvoSts carries its id and the override says Enabled=true", async () => {
    const switched = (await gatherFixture("contoso")).state;
    switched.online.organizationConfig.EWSEnabled = true;
    switchedToDedicatedApp(switched);
    expect(ewsAppReadinessOf(switched, AFTER_UNSET_CUTOFF)).toMatchObject({
      ewsEnabled: true,
      ewsServedNow: true,
      dedicatedApp: true,
    });
    const disabled = (await gatherFixture("contoso")).state;
    switchedToDedicatedApp(disabled, ["Enabled=false"]);
    expect(ewsAppReadinessOf(disabled, AFTER_UNSET_CUTOFF).dedicatedApp).toBe(false);
  });

  it("reads back what a check stored, and nothing from a check that did not read it", async () => {
    const { state } = await gatherFixture("contoso");
    const readiness = ewsAppReadinessOf(state, AFTER_UNSET_CUTOFF);
    expect(storedEwsAppReadiness(JSON.parse(JSON.stringify(readiness)))).toEqual(readiness);
    expect(storedEwsAppReadiness(null)).toBeNull();
    expect(storedEwsAppReadiness({ ewsEnabled: "yes" })).toBeNull();
  });
});
