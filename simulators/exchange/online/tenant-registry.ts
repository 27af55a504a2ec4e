import { tenantStateFile } from "../fixtures/seed-organization-pair";
import type { Cloud } from "../model/organization-state";
import { OrganizationStore } from "../model/organization-store";

/** Tenants are files in the data directory; a tenant is served only on its own cloud's host. */
export class TenantRegistry {
  private readonly stores = new Map<string, OrganizationStore>();

  constructor(private readonly dataDir: string) {}

  storeFor(tenantId: string): OrganizationStore {
    const key = tenantId.toLowerCase();
    let store = this.stores.get(key);
    if (!store) {
      store = new OrganizationStore(tenantStateFile(this.dataDir, key));
      this.stores.set(key, store);
    }
    return store;
  }

  async find(tenantId: string, cloud: Cloud): Promise<OrganizationStore | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return undefined;
    const store = this.storeFor(tenantId);
    const state = await store.readIfExists();
    return state?.tenant?.cloud === cloud ? store : undefined;
  }
}
