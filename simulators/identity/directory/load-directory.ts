import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CloudName } from "../clouds";
import type { DirectoryRole } from "./directory-roles";
import {
  type Application,
  type DirectoryFile,
  type DirectoryUser,
  type PartnerRelationship,
  type Tenant,
  ZDirectoryFile,
} from "./directory-schema";

export type { Application, DirectoryUser, Tenant };

export const DEFAULT_DIRECTORY_FILE = path.join(import.meta.dirname, "..", "directory.json");

/** A user as one tenant sees them: a member, or a partner's user acting through a relationship. */
export interface TenantIdentity {
  user: DirectoryUser;
  /** Where the user's account lives (the partner's tenant for a partner user). */
  homeTenant: Tenant;
  /** The tenant that issues the tokens. */
  tenant: Tenant;
  directoryRoles: DirectoryRole[];
  viaPartnerRelationship: boolean;
}

export type UserLookup = { userPrincipalName: string } | { objectId: string };

export interface Directory {
  readonly tenants: readonly Tenant[];
  readonly applications: readonly Application[];
  /** Partners' delegated (GDAP) relationships to their customers. */
  readonly partnerRelationships: readonly PartnerRelationship[];
  /** By tenant id or initial domain, as Entra accepts either in the authority URL. */
  findTenant(idOrDomain: string): Tenant | undefined;
  findApplication(cloud: CloudName, clientId: string): Application | undefined;
  findIdentity(tenant: Tenant, lookup: UserLookup): TenantIdentity | undefined;
}

export class DirectoryFileError extends Error {}

export async function loadDirectory(file: string = DEFAULT_DIRECTORY_FILE): Promise<Directory> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new DirectoryFileError(`Cannot read the identity directory ${file}`, { cause });
  }
  return parseDirectory(json, file);
}

export function parseDirectory(json: unknown, source = "directory"): Directory {
  const parsed = ZDirectoryFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new DirectoryFileError(`The identity directory ${source} is not valid:\n${problems.join("\n")}`);
  }
  return indexDirectory(parsed.data);
}

function indexDirectory(data: DirectoryFile): Directory {
  const tenantsByKey = new Map<string, Tenant>();
  for (const tenant of data.tenants) {
    tenantsByKey.set(tenant.tenantId, tenant);
    tenantsByKey.set(tenant.initialDomain, tenant);
  }

  const matches = (user: DirectoryUser, lookup: UserLookup) =>
    "objectId" in lookup
      ? user.objectId === lookup.objectId
      : user.userPrincipalName === lookup.userPrincipalName.trim().toLowerCase();

  const relationshipsInto = (tenant: Tenant): PartnerRelationship[] =>
    data.partnerRelationships.filter((r) => r.customerTenantId === tenant.tenantId);

  return {
    tenants: data.tenants,
    applications: data.applications,
    partnerRelationships: data.partnerRelationships,
    findTenant: (idOrDomain) => tenantsByKey.get(idOrDomain.toLowerCase()),
    findApplication: (cloud, clientId) =>
      data.applications.find((app) => app.clientId === clientId && app.clouds.includes(cloud)),
    findIdentity(tenant, lookup) {
      const member = tenant.users.find((user) => matches(user, lookup));
      if (member) {
        return {
          user: member,
          homeTenant: tenant,
          tenant,
          directoryRoles: member.directoryRoles,
          viaPartnerRelationship: false,
        };
      }
      for (const relationship of relationshipsInto(tenant)) {
        const partner = tenantsByKey.get(relationship.partnerTenantId);
        const partnerUser = partner?.users.find((user) => matches(user, lookup));
        if (partner && partnerUser) {
          return {
            user: partnerUser,
            homeTenant: partner,
            tenant,
            directoryRoles: relationship.directoryRoles,
            viaPartnerRelationship: true,
          };
        }
      }
      return undefined;
    },
  };
}
