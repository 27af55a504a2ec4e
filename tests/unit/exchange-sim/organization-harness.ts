import type { OrganizationFixture } from "@/simulators/exchange/fixtures/fixture-schema";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { buildOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { ExchangeError, type ExchangeErrorData } from "@/simulators/exchange/model/exchange-error";
import { invokeCmdlet } from "@/simulators/exchange/model/invoke-cmdlet";
import type { ExchangeObject } from "@/simulators/exchange/model/json";
import type { OrganizationState } from "@/simulators/exchange/model/organization-state";

/** `side:cmdlet` of every cmdlet that has succeeded in this test file, to prove the catalog is covered. */
export const exercised = new Set<string>();

/** A fixture pair held in memory, with cmdlets run against it as the simulators run them. */
export async function openPair(fixture: string | OrganizationFixture) {
  const pair = await buildOrganizationPair(
    typeof fixture === "string" ? await loadFixture(fixture) : fixture,
  );
  const states: Record<"OnPremises" | "Online", OrganizationState> = {
    OnPremises: pair.onPremises,
    Online: pair.tenant,
  };
  const run = async (
    side: "OnPremises" | "Online",
    cmdletName: string,
    parameters: Record<string, unknown> = {},
  ) => {
    const result = await invokeCmdlet({
      state: states[side],
      cmdletName,
      parameters,
      readPairedOnPremises: async () => states.OnPremises,
    });
    states[side] = result.state;
    exercised.add(`${side}:${cmdletName}`);
    return { value: result.value as ExchangeObject[], warnings: result.warnings };
  };
  const fail = async (
    side: "OnPremises" | "Online",
    cmdletName: string,
    parameters: Record<string, unknown> = {},
  ): Promise<ExchangeErrorData> => {
    const before = JSON.stringify(states[side].objects);
    try {
      await run(side, cmdletName, parameters);
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      // A failed cmdlet commits nothing.
      if (JSON.stringify(states[side].objects) !== before)
        throw new Error(`${cmdletName} failed but changed state`);
      return error.data;
    }
    throw new Error(`${cmdletName} succeeded but was expected to fail`);
  };
  return {
    states,
    onPremises: (cmdlet: string, parameters?: Record<string, unknown>) =>
      run("OnPremises", cmdlet, parameters),
    online: (cmdlet: string, parameters?: Record<string, unknown>) => run("Online", cmdlet, parameters),
    failOnPremises: (cmdlet: string, parameters?: Record<string, unknown>) =>
      fail("OnPremises", cmdlet, parameters),
    failOnline: (cmdlet: string, parameters?: Record<string, unknown>) => fail("Online", cmdlet, parameters),
  };
}

export type Pair = Awaited<ReturnType<typeof openPair>>;
