import path from "node:path";
import type { Directory, Tenant } from "../../identity/directory/load-directory";
import { JsonFileStore } from "../../shared/json-file-store";
import { type GraphTenantState, ZGraphTenantStateSchema } from "./graph-state";
import { seedGraphTenant } from "./seed-graph-tenant";

export type GraphTenantStore = JsonFileStore<GraphTenantState>;

/**
 * Each tenant of the identity directory has its Graph state in `<dataDir>/<tenant id>.json`, made
 * on first use from the directory, kept across restarts, and readable by other processes.
 */
export class GraphTenants {
  private readonly stores = new Map<string, GraphTenantStore>();

  constructor(
    readonly dataDir: string,
    readonly directory: Directory,
  ) {}

  /** The tenant by id, or an error that says it is not in the directory. */
  tenant(tenantId: string): Tenant {
    const tenant = this.directory.findTenant(tenantId);
    if (!tenant) throw new Error(`No tenant ${tenantId} in the identity directory`);
    return tenant;
  }

  /** The tenant's store, its state seeded when it has none yet. */
  async open(tenant: Tenant): Promise<GraphTenantStore> {
    const key = tenant.tenantId;
    let store = this.stores.get(key);
    if (!store) {
      store = new JsonFileStore(
        path.join(this.dataDir, `${key}.json`),
        ZGraphTenantStateSchema,
        "simulated Graph tenant",
      );
      this.stores.set(key, store);
    }
    const opened = store;
    if (!(await opened.exists())) {
      await opened.exclusive(async () => {
        if (!(await opened.exists())) await opened.write(seedGraphTenant(tenant));
      });
    }
    return opened;
  }
}
