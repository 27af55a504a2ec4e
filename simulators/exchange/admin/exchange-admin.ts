import type { OrganizationFixture } from "../fixtures/fixture-schema";
import { listShippedFixtures, loadFixture, parseFixture } from "../fixtures/load-fixture";
import {
  onPremisesStateFile,
  seedOrganizationPair,
  tenantStateFile,
} from "../fixtures/seed-organization-pair";
import type { Fault, FaultInput } from "../model/faults";
import { addFault, clearFaults } from "../model/organization-faults";
import type { OrganizationState } from "../model/organization-state";
import { OrganizationStore } from "../model/organization-store";

/** Which organization a fault or read is for: an on-premises organization by fixture name, a tenant by id. */
export type OrganizationTarget =
  | { side: "OnPremises"; organization: string }
  | { side: "Online"; tenantId: string };

export interface SeededPair {
  name: string;
  tenantId: string;
  onPremisesFile: string;
  tenantFile: string;
}

/**
 * Seeding, inspection, reset and faults for both simulators. Everything is a file in the data
 * directory, so this works the same from a test, the admin HTTP API, the CLI or the demo.
 */
export function createExchangeAdmin(dataDir: string) {
  const storeOf = (target: OrganizationTarget) =>
    new OrganizationStore(
      target.side === "OnPremises"
        ? onPremisesStateFile(dataDir, target.organization)
        : tenantStateFile(dataDir, target.tenantId),
    );

  async function seed(fixture: string | OrganizationFixture | unknown): Promise<SeededPair> {
    const parsed = typeof fixture === "string" ? await loadFixture(fixture) : parseFixture(fixture);
    const files = await seedOrganizationPair(dataDir, parsed);
    return { name: parsed.name, tenantId: parsed.tenant.tenantId, ...files };
  }

  return {
    dataDir,
    listShippedFixtures,
    seed,
    /** Seeds a pair only if its tenant has no state yet, so a demo organization survives restarts. */
    async ensureSeeded(fixture: string | OrganizationFixture): Promise<SeededPair> {
      const parsed = typeof fixture === "string" ? await loadFixture(fixture) : fixture;
      const tenantFile = tenantStateFile(dataDir, parsed.tenant.tenantId);
      if (await new OrganizationStore(tenantFile).exists()) {
        return {
          name: parsed.name,
          tenantId: parsed.tenant.tenantId,
          onPremisesFile: onPremisesStateFile(dataDir, parsed.name),
          tenantFile,
        };
      }
      return seed(parsed);
    },
    /** Seeds both sides again from the fixture document the target was seeded from. */
    async reset(target: OrganizationTarget): Promise<SeededPair> {
      const state = await storeOf(target).read();
      return seed(state.fixture.document);
    },
    read: (target: OrganizationTarget): Promise<OrganizationState> => storeOf(target).read(),
    setFault: (target: OrganizationTarget, fault: FaultInput): Promise<Fault> =>
      addFault(storeOf(target), fault),
    clearFaults: (target: OrganizationTarget, faultId?: string) => clearFaults(storeOf(target), faultId),
    async setRateLimit(
      tenantId: string,
      limit: { limit: number; windowSeconds: number } | null,
    ): Promise<void> {
      const store = storeOf({ side: "Online", tenantId });
      await store.exclusive(async () => {
        const { rateLimit: _previous, ...state } = await store.read();
        await store.write(limit ? { ...state, rateLimit: limit } : state);
      });
    },
  };
}

export type ExchangeAdmin = ReturnType<typeof createExchangeAdmin>;
