import type { ObjectKind } from "../object-kind";

const ONLINE = ["Online"] as const;

// Object kinds that exist in Exchange Online only.

export const ONLINE_KINDS: readonly ObjectKind[] = [
  {
    kind: "InboundConnector",
    sides: ONLINE,
    identity: "Name",
    compared: [
      "ConnectorType",
      "ConnectorSource",
      "CloudServicesMailEnabled",
      "RequireTls",
      "SenderDomains",
      "TlsSenderCertificateName",
    ],
    parameterOf: { RequireTls: "RequireTLS", TlsSenderCertificateName: "TLSSenderCertificateName" },
    cmdlets: [
      { verb: "get", name: "Get-InboundConnector", parameters: [] },
      {
        verb: "new",
        name: "New-InboundConnector",
        parameters: [
          "Name",
          "ConnectorType",
          "ConnectorSource",
          "CloudServicesMailEnabled",
          "RequireTLS",
          "SenderDomains",
          "TLSSenderCertificateName",
        ],
      },
      {
        verb: "set",
        name: "Set-InboundConnector",
        parameters: [
          "Identity",
          "ConnectorType",
          "ConnectorSource",
          "CloudServicesMailEnabled",
          "RequireTLS",
          "SenderDomains",
          "TLSSenderCertificateName",
        ],
      },
      { verb: "remove", name: "Remove-InboundConnector", parameters: ["Identity"] },
    ],
  },
  {
    kind: "OutboundConnector",
    sides: ONLINE,
    identity: "Name",
    compared: [
      "ConnectorType",
      "ConnectorSource",
      "RecipientDomains",
      "SmartHosts",
      "TlsSettings",
      "TlsDomain",
      "CloudServicesMailEnabled",
      "RouteAllMessagesViaOnPremises",
      "UseMXRecord",
    ],
    parameterOf: { TlsSettings: "TLSSettings", TlsDomain: "TLSDomain", UseMXRecord: "UseMxRecord" },
    cmdlets: [
      { verb: "get", name: "Get-OutboundConnector", parameters: [] },
      {
        verb: "new",
        name: "New-OutboundConnector",
        parameters: [
          "Name",
          "ConnectorType",
          "ConnectorSource",
          "RecipientDomains",
          "SmartHosts",
          "TLSSettings",
          "TLSDomain",
          "CloudServicesMailEnabled",
          "RouteAllMessagesViaOnPremises",
          "UseMxRecord",
        ],
      },
      {
        verb: "set",
        name: "Set-OutboundConnector",
        parameters: [
          "Identity",
          "ConnectorType",
          "ConnectorSource",
          "RecipientDomains",
          "SmartHosts",
          "TLSSettings",
          "TLSDomain",
          "CloudServicesMailEnabled",
          "RouteAllMessagesViaOnPremises",
          "UseMxRecord",
        ],
      },
      { verb: "remove", name: "Remove-OutboundConnector", parameters: ["Identity"] },
    ],
  },
  {
    kind: "OnPremisesOrganization",
    sides: ONLINE,
    identity: "OrganizationGuid",
    compared: [
      "OrganizationName",
      "HybridDomains",
      "InboundConnector",
      "OutboundConnector",
      "OrganizationRelationship",
      "Comment",
    ],
    cmdlets: [
      { verb: "get", name: "Get-OnPremisesOrganization", parameters: [] },
      {
        verb: "new",
        name: "New-OnPremisesOrganization",
        parameters: [
          "Name",
          "OrganizationGuid",
          "OrganizationName",
          "HybridDomains",
          "InboundConnector",
          "OutboundConnector",
          "OrganizationRelationship",
        ],
      },
      {
        verb: "set",
        name: "Set-OnPremisesOrganization",
        parameters: [
          "Identity",
          "OrganizationName",
          "HybridDomains",
          "InboundConnector",
          "OutboundConnector",
          "OrganizationRelationship",
          "Comment",
        ],
      },
      { verb: "remove", name: "Remove-OnPremisesOrganization", parameters: ["Identity"] },
    ],
  },
  {
    kind: "MigrationEndpoint",
    sides: ONLINE,
    identity: "Name",
    compared: ["RemoteServer"],
    cmdlets: [
      { verb: "get", name: "Get-MigrationEndpoint", parameters: [] },
      {
        verb: "new",
        name: "New-MigrationEndpoint",
        parameters: ["Name", "ExchangeRemoteMove", "RemoteServer", "Credentials"],
      },
      { verb: "set", name: "Set-MigrationEndpoint", parameters: ["Identity", "RemoteServer"] },
      { verb: "remove", name: "Remove-MigrationEndpoint", parameters: ["Identity"] },
      {
        verb: "read",
        name: "Test-MigrationServerAvailability",
        parameters: ["ExchangeRemoteMove", "RemoteServer", "Credentials", "Endpoint"],
      },
    ],
  },
  // Mailbox moves are the admin's, never the wizard's: read to know whether the hybrid carries moved mailboxes.
  {
    kind: "MigrationBatch",
    sides: ONLINE,
    identity: "Identity",
    compared: [],
    cmdlets: [{ verb: "get", name: "Get-MigrationBatch", parameters: [] }],
  },
  {
    kind: "MoveRequest",
    sides: ONLINE,
    identity: "Identity",
    compared: [],
    cmdlets: [{ verb: "get", name: "Get-MoveRequest", parameters: [] }],
  },
];
