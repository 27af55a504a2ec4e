import { createGraphFault, type GraphFault, type GraphFaultInput } from "../model/graph-faults";
import type { GraphTenantState } from "../model/graph-state";
import type { GraphTenants } from "../model/graph-tenants";
import { seedGraphTenant } from "../model/seed-graph-tenant";

/**
 * Inspection, reset, faults and throttling of the simulated Graph, per tenant. Everything is the
 * tenant's state file, so this works the same from a test, the admin HTTP surface or another process.
 */
export function createGraphAdmin(tenants: GraphTenants) {
  async function update(tenantId: string, change: (state: GraphTenantState) => GraphTenantState) {
    const store = await tenants.open(tenants.tenant(tenantId));
    await store.exclusive(async () => store.write(change(await store.read())));
  }

  return {
    async read(tenantId: string): Promise<GraphTenantState> {
      return (await tenants.open(tenants.tenant(tenantId))).read();
    },
    /** Back to what the directory gives the tenant: no apps of its own, Microsoft's principals. */
    reset: (tenantId: string) => update(tenantId, () => seedGraphTenant(tenants.tenant(tenantId))),
    async setFault(tenantId: string, input: GraphFaultInput): Promise<GraphFault> {
      const fault = createGraphFault(input);
      await update(tenantId, (state) => ({ ...state, faults: [...state.faults, fault] }));
      return fault;
    },
    clearFaults: (tenantId: string, faultId?: string) =>
      update(tenantId, (state) => ({
        ...state,
        faults: faultId ? state.faults.filter((fault) => fault.id !== faultId) : [],
      })),
    setRateLimit: (tenantId: string, limit: { limit: number; windowSeconds: number } | null) =>
      update(tenantId, ({ rateLimit: _previous, ...state }) =>
        limit ? { ...state, rateLimit: limit } : state,
      ),
  };
}

export type GraphAdmin = ReturnType<typeof createGraphAdmin>;
