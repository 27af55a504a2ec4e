// Entra directory roles the simulator knows, by the template ids Entra puts in the `wids` claim.

export const DIRECTORY_ROLE_TEMPLATE_IDS = {
  GlobalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  ExchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
  GlobalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  ApplicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  PrivilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
} as const;

export type DirectoryRole = keyof typeof DIRECTORY_ROLE_TEMPLATE_IDS;

export const DIRECTORY_ROLES = Object.keys(DIRECTORY_ROLE_TEMPLATE_IDS) as [
  DirectoryRole,
  ...DirectoryRole[],
];

/** Entra adds the default "User" role to every member's `wids`; guests and partners don't get it. */
export const MEMBER_USER_ROLE_TEMPLATE_ID = "b79fbf4d-3ef9-4689-8143-76b194e85509";

/** The "Cloud Service Provider" template id Entra adds to a partner's user's `wids` in a customer (GDAP). */
export const CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID = "08372b87-7d02-482a-9e02-fb03ea5fe193";
