import { describe, expect, it } from "vitest";
import { ewsReadiness } from "@/lib/wizard/gather/ews-readiness";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { gatherFixture } from "./gather-from-fixture";

// What the Gathering page and the health check say about EWS's retirement in Exchange Online.

const BEFORE = new Date("2026-06-01T00:00:00Z");
const AFTER = new Date("2026-12-01T00:00:00Z");

async function contoso(change?: (state: GatheredState) => void) {
  const { state } = await gatherFixture("contoso");
  change?.(state);
  return state;
}

describe("EWS retirement readiness", () => {
  it("unset EWSEnabled: served until 1 October 2026, disabled after; 2019 servers depend on EWS until April 2027", async () => {
    const state = await contoso();
    const before = ewsReadiness(state, BEFORE);
    expect(before).toMatchObject({ ewsEnabled: null, ewsServedNow: true, serversOnEws: ["EX1", "EX2"] });
    expect(before.messages[0]).toMatch(/unset .* becomes disabled from about 1 October 2026/);
    expect(before.messages[1]).toMatch(
      /from EX1, EX2 use EWS .* ends on 1 April 2027: .*Exchange 2016 and 2019 lose/,
    );
    const after = ewsReadiness(state, AFTER);
    expect(after.ewsServedNow).toBe(false);
    expect(after.messages[0]).toMatch(/means disabled/);
    expect(after.messages[1]).toMatch(/which does not serve them now/);
  });

  it("EWS enabled with an allow-list that lacks the dedicated app: says so, with how many ids are there", async () => {
    const state = await contoso((gathered) => {
      gathered.online.organizationConfig.EWSEnabled = true;
      gathered.online.organizationConfig.EwsAllowedAppIDs = ["11111111-1111-4111-8111-111111111111"];
      gathered.graph = {
        application: {
          id: "a",
          appId: "22222222-2222-4222-8222-222222222222",
          displayName: `ExchangeServerApp-${gathered.onPremises.organizationConfig.Guid}`,
          keyCredentials: [],
          requiredRoles: {},
        },
        servicePrincipal: null,
        assignments: [],
        exchangeOnline: { id: "e", keyCredentials: [] },
      };
    });
    const readiness = ewsReadiness(state, AFTER);
    expect(readiness).toMatchObject({ ewsServedNow: true, dedicatedAppAllowed: false });
    expect(readiness.messages[0]).toMatch(/not in EwsAllowedAppIDs \(1 id there\)/);
    state.online.organizationConfig.EwsAllowedAppIDs.push("22222222-2222-4222-8222-222222222222");
    expect(ewsReadiness(state, AFTER).dedicatedAppAllowed).toBe(true);
  });

  it("Exchange SE routed through Microsoft Graph no longer depends on EWS", async () => {
    const state = await contoso((gathered) => {
      for (const server of gathered.onPremises.exchangeServers) server.FileVersion = "15.2.2562.37";
      gathered.onPremises.settingOverrides.push({
        Identity: "RouteThroughGraph",
        Name: "RouteThroughGraph",
        ComponentName: "Global",
        SectionName: "RouteThroughMSGraph",
        Parameters: ["Enabled=true"],
      });
    });
    expect(ewsReadiness(state, AFTER).serversOnEws).toEqual([]);
  });
});
