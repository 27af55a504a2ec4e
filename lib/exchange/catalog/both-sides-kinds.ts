import type { ObjectKind } from "../object-kind";

const BOTH = ["OnPremises", "Online"] as const;

// Object kinds that exist on both sides (each side's own objects; the HCW pairs them).

const RELATIONSHIP_SETTINGS = [
  "DomainNames",
  "Enabled",
  "MailboxMoveEnabled",
  "FreeBusyAccessEnabled",
  "FreeBusyAccessLevel",
  "ArchiveAccessEnabled",
  "MailTipsAccessEnabled",
  "MailTipsAccessLevel",
  "DeliveryReportEnabled",
  "PhotosEnabled",
  "TargetOwaURL",
];

export const BOTH_SIDES_KINDS: readonly ObjectKind[] = [
  {
    kind: "OrganizationConfig",
    sides: BOTH,
    identity: "Guid",
    // Exchange Online's EWS allow-list: each write replaces it whole, so the plan sends the merged list.
    compared: ["EwsAllowedAppIDs"],
    cmdlets: [
      { verb: "get", name: "Get-OrganizationConfig", parameters: [] },
      { verb: "set", name: "Set-OrganizationConfig", sides: ["Online"], parameters: ["EwsAllowedAppIDs"] },
    ],
  },
  {
    kind: "AcceptedDomain",
    sides: BOTH,
    identity: "DomainName",
    compared: ["DomainType"],
    cmdlets: [
      { verb: "get", name: "Get-AcceptedDomain", parameters: [] },
      { verb: "new", name: "New-AcceptedDomain", sides: ["OnPremises"], parameters: ["Name", "DomainName"] },
      { verb: "set", name: "Set-AcceptedDomain", parameters: ["Identity", "DomainType"] },
      { verb: "remove", name: "Remove-AcceptedDomain", sides: ["OnPremises"], parameters: ["Identity"] },
    ],
  },
  {
    kind: "RemoteDomain",
    sides: BOTH,
    identity: "DomainName",
    compared: ["TargetDeliveryDomain", "TrustedMailInboundEnabled"],
    cmdlets: [
      { verb: "get", name: "Get-RemoteDomain", parameters: [] },
      { verb: "new", name: "New-RemoteDomain", parameters: ["Name", "DomainName"] },
      {
        verb: "set",
        name: "Set-RemoteDomain",
        parameters: ["Identity", "TargetDeliveryDomain", "TrustedMailInboundEnabled"],
      },
      { verb: "remove", name: "Remove-RemoteDomain", parameters: ["Identity"] },
    ],
  },
  {
    kind: "OrganizationRelationship",
    sides: BOTH,
    identity: "Name",
    compared: RELATIONSHIP_SETTINGS,
    cmdlets: [
      { verb: "get", name: "Get-OrganizationRelationship", parameters: [] },
      { verb: "new", name: "New-OrganizationRelationship", parameters: ["Name", "DomainNames", "Enabled"] },
      {
        verb: "set",
        name: "Set-OrganizationRelationship",
        parameters: ["Identity", ...RELATIONSHIP_SETTINGS],
      },
      { verb: "remove", name: "Remove-OrganizationRelationship", parameters: ["Identity"] },
      // A free/busy lookup across the relationship (the Done page's validation).
      { verb: "read", name: "Test-OrganizationRelationship", parameters: ["Identity", "UserIdentity"] },
    ],
  },
  {
    kind: "IntraOrganizationConnector",
    sides: BOTH,
    identity: "Name",
    compared: ["DiscoveryEndpoint", "TargetAddressDomains", "Enabled"],
    cmdlets: [
      { verb: "get", name: "Get-IntraOrganizationConnector", parameters: [] },
      {
        verb: "new",
        name: "New-IntraOrganizationConnector",
        parameters: ["Name", "DiscoveryEndpoint", "TargetAddressDomains", "Enabled"],
      },
      {
        verb: "set",
        name: "Set-IntraOrganizationConnector",
        parameters: ["Identity", "DiscoveryEndpoint", "TargetAddressDomains", "Enabled"],
      },
      { verb: "remove", name: "Remove-IntraOrganizationConnector", parameters: ["Identity"] },
      // An EWS call with an OAuth token to the other side: what the connector is for.
      { verb: "read", name: "Test-OAuthConnectivity", parameters: ["Service", "TargetUri", "Mailbox"] },
    ],
  },
  {
    kind: "IntraOrganizationConfiguration",
    sides: BOTH,
    identity: "Identity",
    compared: [],
    cmdlets: [{ verb: "get", name: "Get-IntraOrganizationConfiguration", parameters: [] }],
  },
  {
    kind: "FederatedOrganizationIdentifier",
    sides: BOTH,
    identity: "Identity",
    compared: ["AccountNamespace", "DelegationTrustLink", "DefaultDomain", "Enabled"],
    parameterOf: { DelegationTrustLink: "DelegationFederationTrust" },
    cmdlets: [
      { verb: "get", name: "Get-FederatedOrganizationIdentifier", parameters: [] },
      {
        verb: "set",
        name: "Set-FederatedOrganizationIdentifier",
        parameters: ["AccountNamespace", "DelegationFederationTrust", "DefaultDomain", "Enabled"],
        parameterSides: { AccountNamespace: "OnPremises", DelegationFederationTrust: "OnPremises" },
      },
      { verb: "apply", name: "Add-FederatedDomain", sides: ["OnPremises"], parameters: ["DomainName"] },
      { verb: "remove", name: "Remove-FederatedDomain", sides: ["OnPremises"], parameters: ["DomainName"] },
    ],
  },
];
