import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { ExchangeServer, OnlineState, OnPremisesState } from "./gathered-state";

// Every read the wizard makes before planning: the HCW's TestConnections reads and what each of its
// tasks reads at CheckConfiguration. All are Get- cmdlets (and one read-only probe); none changes
// anything. Reads that name a server (certificates and receive connectors live on each server) are
// expanded once Get-ExchangeServer has answered.

export type GatheredKey =
  | { side: "OnPremises"; key: keyof OnPremisesState | "exchangeServerFileVersions" }
  | { side: "Online"; key: keyof OnlineState };

export interface GatherRead {
  /** Stable name of the read: the key of its outcome, and how the Gathering page lists it. */
  id: string;
  side: ExchangeSide;
  cmdlet: string;
  parameters: Record<string, string | boolean>;
  fills: GatheredKey;
  /** Run once per Exchange server, passing its name as `-Server`; Edge servers are left out unless `includeEdge`. */
  perServer?: { includeEdge: boolean };
  /** The state holds at most one such object (the organization config, the hybrid configuration…). */
  single?: boolean;
  /** Not every agent can answer it; without it the gathered state simply lacks the value. */
  optional?: boolean;
}

/**
 * The agent's read-only probe of ExSetup.exe's file version on a server: AdminDisplayVersion
 * stops at the cumulative update, the file version shows the security update a feature needs
 * (EXCHANGE.md: the dedicated hybrid application's minimum builds). Answers `{ FileVersion }`.
 */
export const EXSETUP_VERSION_PROBE = "Get-ExSetupFileVersion";

function read(
  side: ExchangeSide,
  cmdlet: string,
  key: string,
  options: Partial<Pick<GatherRead, "parameters" | "perServer" | "single" | "optional">> = {},
): GatherRead {
  return {
    id: `${side}:${cmdlet}`,
    side,
    cmdlet,
    parameters: options.parameters ?? {},
    fills: { side, key } as GatheredKey,
    ...(options.perServer ? { perServer: options.perServer } : {}),
    ...(options.single ? { single: true } : {}),
    ...(options.optional ? { optional: true } : {}),
  };
}

/** The policies Organization Configuration Transfer copies: read on both sides, whatever the answers, as the Gathering page comes first. */
function policyReads(side: ExchangeSide): GatherRead[] {
  return [
    read(side, "Get-OwaMailboxPolicy", "owaMailboxPolicies"),
    read(side, "Get-MobileDeviceMailboxPolicy", "mobileDeviceMailboxPolicies"),
    read(side, "Get-RetentionPolicyTag", "retentionPolicyTags"),
    read(side, "Get-RetentionPolicy", "retentionPolicies"),
  ];
}

export const GATHER_READS: readonly GatherRead[] = [
  read("OnPremises", "Get-OrganizationConfig", "organizationConfig", { single: true }),
  read("OnPremises", "Get-ExchangeServer", "exchangeServers"),
  read("OnPremises", "Get-AcceptedDomain", "acceptedDomains"),
  read("OnPremises", "Get-EmailAddressPolicy", "emailAddressPolicies"),
  read("OnPremises", "Get-SendConnector", "sendConnectors"),
  read("OnPremises", "Get-HybridConfiguration", "hybridConfiguration", { single: true }),
  read("OnPremises", "Get-RemoteDomain", "remoteDomains"),
  read("OnPremises", "Get-OrganizationRelationship", "organizationRelationships"),
  read("OnPremises", "Get-AvailabilityAddressSpace", "availabilityAddressSpaces"),
  read("OnPremises", "Get-IntraOrganizationConnector", "intraOrganizationConnectors"),
  read("OnPremises", "Get-AuthServer", "authServers"),
  read("OnPremises", "Get-PartnerApplication", "partnerApplications"),
  read("OnPremises", "Get-FederationTrust", "federationTrust", { single: true }),
  read("OnPremises", "Get-FederatedOrganizationIdentifier", "federatedOrganizationIdentifier", {
    single: true,
  }),
  read("OnPremises", "Get-WebServicesVirtualDirectory", "webServicesVirtualDirectories", {
    parameters: { ADPropertiesOnly: true },
  }),
  read("OnPremises", "Get-ExchangeCertificate", "certificates", { perServer: { includeEdge: false } }),
  read("OnPremises", "Get-ReceiveConnector", "receiveConnectors", { perServer: { includeEdge: true } }),
  read("OnPremises", "Get-AuthConfig", "authConfig", { single: true }),
  read("OnPremises", "Get-SettingOverride", "settingOverrides"),
  read("OnPremises", EXSETUP_VERSION_PROBE, "exchangeServerFileVersions", {
    perServer: { includeEdge: false },
    optional: true,
  }),
  ...policyReads("OnPremises"),
  read("Online", "Get-OrganizationConfig", "organizationConfig", { single: true }),
  read("Online", "Get-AcceptedDomain", "acceptedDomains"),
  read("Online", "Get-OnPremisesOrganization", "onPremisesOrganizations"),
  read("Online", "Get-InboundConnector", "inboundConnectors"),
  read("Online", "Get-OutboundConnector", "outboundConnectors"),
  read("Online", "Get-OrganizationRelationship", "organizationRelationships"),
  read("Online", "Get-IntraOrganizationConnector", "intraOrganizationConnectors"),
  read("Online", "Get-MigrationEndpoint", "migrationEndpoints"),
  read("Online", "Get-RemoteDomain", "remoteDomains"),
  read("Online", "Get-FederatedOrganizationIdentifier", "federatedOrganizationIdentifier", { single: true }),
  ...policyReads("Online"),
];

/** One cmdlet call of a read: the read itself, or one server's share of a per-server read. */
export interface ReadInvocation {
  readId: string;
  side: ExchangeSide;
  cmdlet: string;
  parameters: Record<string, string | boolean>;
  /** The server a per-server read asked about. */
  server?: string;
}

/** What a read returned: the objects, as the agent or the admin API handed them back (all pages). */
export interface ReadOutcome {
  invocation: ReadInvocation;
  objects: readonly unknown[];
}

/** The reads that need nothing first: every read but the per-server ones. */
export function initialReadInvocations(reads: readonly GatherRead[] = GATHER_READS): ReadInvocation[] {
  return reads
    .filter((entry) => !entry.perServer)
    .map((entry) => ({
      readId: entry.id,
      side: entry.side,
      cmdlet: entry.cmdlet,
      parameters: entry.parameters,
    }));
}

/** The per-server reads, once Get-ExchangeServer's answer (parsed) names the servers. */
export function perServerReadInvocations(
  servers: readonly Pick<ExchangeServer, "Name" | "IsEdgeServer">[],
  reads: readonly GatherRead[] = GATHER_READS,
): ReadInvocation[] {
  return reads.flatMap((entry) =>
    entry.perServer
      ? servers
          .filter((server) => entry.perServer?.includeEdge || !server.IsEdgeServer)
          .map((server) => ({
            readId: entry.id,
            side: entry.side,
            cmdlet: entry.cmdlet,
            parameters: { ...entry.parameters, Server: server.Name },
            server: server.Name,
          }))
      : [],
  );
}
