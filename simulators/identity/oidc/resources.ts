import { CLOUDS, type CloudName } from "../clouds";
import type { Application } from "../directory/load-directory";

// The APIs a token can be for. Entra names the resource inside the scope
// (`api://<clientId>/access_as_user`, `https://outlook.office365.com/.default`); oidc-provider wants
// a resource indicator, so the resource is read off the requested scopes.

export interface KnownResource {
  identifier: string;
  /** Delegated permissions, by short name (what the `scp` claim lists). */
  delegatedScopes: string[];
}

/** The delegated permission the app holds on Exchange Online (consented by the tenant's admin). */
export const EXCHANGE_DELEGATED_SCOPES = ["Exchange.Manage"];

export function exchangeOnline(cloud: CloudName): KnownResource {
  return { identifier: CLOUDS[cloud].exchangeResource, delegatedScopes: EXCHANGE_DELEGATED_SCOPES };
}

/**
 * The delegated permissions the app holds on Microsoft Graph (admin-consented): enough to create the
 * dedicated Exchange hybrid application and grant it consent, when the user's roles allow that too.
 */
export const GRAPH_DELEGATED_SCOPES = [
  "Application.ReadWrite.All",
  "AppRoleAssignment.ReadWrite.All",
  "Organization.Read.All",
  // A partner reads its delegated (GDAP) relationships: their roles and when they end.
  "DelegatedAdminRelationship.Read.All",
];

export function microsoftGraph(cloud: CloudName): KnownResource {
  return { identifier: CLOUDS[cloud].graphResource, delegatedScopes: GRAPH_DELEGATED_SCOPES };
}

/** Security & Compliance PowerShell takes the same delegated Exchange permission as Exchange Online. */
export function securityAndCompliance(cloud: CloudName): KnownResource {
  return { identifier: CLOUDS[cloud].complianceResource, delegatedScopes: EXCHANGE_DELEGATED_SCOPES };
}

/** Resources a service may ask on-behalf-of tokens for. */
export function onBehalfOfResources(cloud: CloudName): KnownResource[] {
  return [exchangeOnline(cloud), microsoftGraph(cloud), securityAndCompliance(cloud)];
}

export function knownResources(cloud: CloudName, app: Application): KnownResource[] {
  return [
    { identifier: `api://${app.clientId}`, delegatedScopes: app.exposedApiScopes },
    ...onBehalfOfResources(cloud),
  ];
}

/** The resource named by the first resource-qualified scope (`<resource>/<permission>`). */
export function resourceOfScopes(scopes: readonly string[]): string | undefined {
  const qualified = scopes.find((scope) => /^[a-z][a-z0-9+.-]*:\/\/.+\/[^/]+$/i.test(scope));
  return qualified?.slice(0, qualified.lastIndexOf("/"));
}

/** Every scope string under which the resource's permissions can be requested, `.default` included. */
export function qualifiedScopes(resource: KnownResource): string[] {
  return [".default", ...resource.delegatedScopes].map((scope) => `${resource.identifier}/${scope}`);
}

/** Short names of the granted permissions; `.default` stands for all of them. */
export function grantedScopeNames(resource: KnownResource, scopes: readonly string[]): string[] {
  const prefix = `${resource.identifier}/`;
  const names = scopes.filter((scope) => scope.startsWith(prefix)).map((scope) => scope.slice(prefix.length));
  const expanded = names.includes(".default") ? resource.delegatedScopes : names;
  return [...new Set(expanded.filter((name) => resource.delegatedScopes.includes(name)))];
}
