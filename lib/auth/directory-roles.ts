// The Entra directory roles Hybrid Wizard cares about, by the template ids Entra puts in the
// access token's `wids` claim (the same in every tenant and cloud). The HCW needs an account that
// may change organization-wide Exchange settings: Global Administrator or Exchange Administrator.
// The dedicated Exchange hybrid application (lib/graph/) also asks for Application Administrator
// (to create it) and Privileged Role Administrator (to grant its consent).

export const DIRECTORY_ROLE_TEMPLATE_IDS = {
  GlobalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  ExchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
  /** Reads everything, changes nothing: may be a viewer here. */
  GlobalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  ApplicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  PrivilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
} as const;

export type DirectoryRole = keyof typeof DIRECTORY_ROLE_TEMPLATE_IDS;

/** Every role above, for z.enum in the contracts. */
export const DIRECTORY_ROLES = Object.keys(DIRECTORY_ROLE_TEMPLATE_IDS) as [
  DirectoryRole,
  ...DirectoryRole[],
];

export const ROLE_NAMES: Record<DirectoryRole, string> = {
  GlobalAdministrator: "Global Administrator",
  ExchangeAdministrator: "Exchange Administrator",
  GlobalReader: "Global Reader",
  ApplicationAdministrator: "Application Administrator",
  PrivilegedRoleAdministrator: "Privileged Role Administrator",
};

/** The roles among `wids` that Hybrid Wizard knows; other role ids are ignored. */
export function directoryRolesFromWids(wids: readonly string[]): DirectoryRole[] {
  const held = new Set(wids.map((id) => id.toLowerCase()));
  return (Object.keys(DIRECTORY_ROLE_TEMPLATE_IDS) as DirectoryRole[]).filter((role) =>
    held.has(DIRECTORY_ROLE_TEMPLATE_IDS[role]),
  );
}
