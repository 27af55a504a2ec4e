import { DIRECTORY_ROLE_TEMPLATE_IDS as ROLE } from "../../identity/directory/directory-roles";
import type { Directory } from "../../identity/directory/load-directory";
import type { GraphTenantState } from "../model/graph-state";
import type { GraphResponse } from "./graph-responses";

// What a route of the simulated Graph is, and the OData pieces every route's answer uses.

export interface RouteContext {
  state: GraphTenantState;
  /** The identity directory: what Graph reads of tenants beyond their own objects (partner relationships). */
  directory: Directory;
  params: string[];
  url: URL;
  body: unknown;
}

export interface RouteOutcome {
  /** The tenant's state after a write. */
  state?: GraphTenantState;
  response: GraphResponse;
}

export interface GraphRoute {
  /** `METHOD /path` with `{id}` for parameters: what faults name. */
  name: string;
  method: string;
  pattern: RegExp;
  scopes: readonly string[];
  roles?: readonly string[];
  handle(context: RouteContext): RouteOutcome;
}

export const READ_SCOPES = ["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"];
export const APPLICATION_WRITE = {
  scopes: ["Application.ReadWrite.All"],
  roles: [ROLE.GlobalAdministrator, ROLE.ApplicationAdministrator],
};
export const CONSENT = {
  scopes: ["AppRoleAssignment.ReadWrite.All"],
  roles: [ROLE.GlobalAdministrator, ROLE.PrivilegedRoleAdministrator],
};

export const ID = "([^/()]+)";

export function context(url: URL, entitySet: string): string {
  return `${url.origin}/v1.0/$metadata#${entitySet}`;
}

/** `$select=a,b` keeps `id` and those properties, as Graph does. */
export function selected<T extends Record<string, unknown>>(object: T, url: URL): Partial<T> {
  const select = url.searchParams.get("$select");
  if (!select) return object;
  const names = new Set(["id", ...select.split(",").map((name) => name.trim())]);
  return Object.fromEntries(Object.entries(object).filter(([name]) => names.has(name))) as Partial<T>;
}

/** Graph returns certificate material only when one object's keyCredentials are selected. */
export function selectsKeys(url: URL): boolean {
  return (url.searchParams.get("$select") ?? "").split(",").some((name) => name.trim() === "keyCredentials");
}

export const ok = (body: unknown, status = 200): RouteOutcome => ({ response: { status, body } });
export const noContent = (state: GraphTenantState): RouteOutcome => ({ state, response: { status: 204 } });
