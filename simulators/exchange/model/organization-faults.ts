import { createFault, type Fault, type FaultInput } from "./faults";
import type { OrganizationStore } from "./organization-store";

/** Sets a fault on the organization kept in `store`; it holds across processes, as state does. */
export function addFault(store: OrganizationStore, input: FaultInput): Promise<Fault> {
  return store.exclusive(async () => {
    const state = await store.read();
    const fault = createFault(input);
    await store.write({ ...state, faults: [...state.faults, fault] });
    return fault;
  });
}

/** Clears one fault by id, or all of them. */
export function clearFaults(store: OrganizationStore, faultId?: string): Promise<void> {
  return store.exclusive(async () => {
    const state = await store.read();
    const faults = faultId ? state.faults.filter((fault) => fault.id !== faultId) : [];
    await store.write({ ...state, faults });
  });
}
