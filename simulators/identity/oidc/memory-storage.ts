import type { Adapter, AdapterPayload } from "oidc-provider";

// Sessions, grants, codes and tokens of every tenant's provider, kept in this process's memory.
// One store is shared by all providers so it outlives a provider rebuilt after key rotation.

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/** Models whose records are revoked together when their grant is. */
const GRANT_MEMBERS = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode"]);

export class MemoryStorage {
  readonly #entries = new Map<string, Entry>();
  readonly #grantMembers = new Map<string, Set<string>>();
  readonly #sessionIdsByUid = new Map<string, string>();
  /** The device authorization grant's codes by the code the person types (`/devicelogin`). */
  readonly #deviceCodeIdsByUserCode = new Map<string, string>();

  adapterFor(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        this.#entries.set(key(id), { payload, expiresAt });
        if (model === "Session" && payload.uid) this.#sessionIdsByUid.set(payload.uid, id);
        if (model === "DeviceCode" && payload.userCode)
          this.#deviceCodeIdsByUserCode.set(payload.userCode, id);
        if (GRANT_MEMBERS.has(model) && payload.grantId) {
          const members = this.#grantMembers.get(payload.grantId) ?? new Set();
          this.#grantMembers.set(payload.grantId, members.add(key(id)));
        }
      },
      find: async (id) => this.#read(key(id)),
      findByUid: async (uid) => {
        const id = this.#sessionIdsByUid.get(uid);
        return id === undefined ? undefined : this.#read(key(id));
      },
      findByUserCode: async (userCode) => {
        const id = this.#deviceCodeIdsByUserCode.get(userCode);
        return id === undefined ? undefined : this.#read(key(id));
      },
      consume: async (id) => {
        const payload = this.#read(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.#grantMembers.get(grantId) ?? []) this.#entries.delete(member);
        this.#grantMembers.delete(grantId);
      },
    };
  }

  #read(entryKey: string): AdapterPayload | undefined {
    const entry = this.#entries.get(entryKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(entryKey);
      return undefined;
    }
    return entry.payload;
  }
}
