import type { ObjectKind } from "../object-kind";

// The organization policies Organization Configuration Transfer copies from on-premises to Exchange
// Online (Microsoft's "Organization configuration transfer attributes"). They exist on both sides and
// are read on both, but written only in Exchange Online, so the agent's allow-list gains their Get-
// cmdlets alone (Undo removes what a run copied, in Exchange Online too). `compared` lists the settings copied: those Microsoft
// names that mean the same on both sides and that Exchange Online lets a tenant set (IsDefault is
// left out on purpose: it would change every cloud mailbox's policy).

const BOTH = ["OnPremises", "Online"] as const;
const ONLINE = ["Online"] as const;

export const OWA_POLICY_SETTINGS = [
  "ActionForUnknownFileAndMIMETypes",
  "ActiveSyncIntegrationEnabled",
  "AllAddressListsEnabled",
  "AllowedFileTypes",
  "AllowOfflineOn",
  "BlockedFileTypes",
  "CalendarEnabled",
  "ContactsEnabled",
  "DirectFileAccessOnPrivateComputersEnabled",
  "DirectFileAccessOnPublicComputersEnabled",
  "DisplayPhotosEnabled",
  "JournalEnabled",
  "NotesEnabled",
  "ReportJunkEmailEnabled",
  "RulesEnabled",
  "SetPhotoEnabled",
  "SignaturesEnabled",
  "SpellCheckerEnabled",
  "TasksEnabled",
  "TextMessagingEnabled",
  "ThemeSelectionEnabled",
  "WacEditingEnabled",
  "WacViewingOnPrivateComputersEnabled",
  "WacViewingOnPublicComputersEnabled",
] as const;

export const MOBILE_POLICY_SETTINGS = [
  "AllowBluetooth",
  "AllowBrowser",
  "AllowCamera",
  "AllowConsumerEmail",
  "AllowHTMLEmail",
  "AllowInternetSharing",
  "AllowNonProvisionableDevices",
  "AllowSimplePassword",
  "AllowStorageCard",
  "AllowTextMessaging",
  "AllowWiFi",
  "AlphanumericPasswordRequired",
  "AttachmentsEnabled",
  "DeviceEncryptionEnabled",
  "MaxEmailAgeFilter",
  "MaxInactivityTimeLock",
  "MaxPasswordFailedAttempts",
  "MinPasswordLength",
  "PasswordEnabled",
  "PasswordExpiration",
  "PasswordHistory",
  "PasswordRecoveryEnabled",
  "RequireDeviceEncryption",
  "RequireStorageCardEncryption",
] as const;

/** RetentionId travels with the tag, so items tagged on-premises keep their tag once their mailbox moves. */
export const RETENTION_TAG_SETTINGS = [
  "Type",
  "RetentionEnabled",
  "AgeLimitForRetention",
  "RetentionAction",
  "Comment",
  "MessageClass",
  "MustDisplayCommentEnabled",
  "RetentionId",
] as const;

export const RETENTION_POLICY_SETTINGS = ["RetentionPolicyTagLinks", "RetentionId"] as const;

/** The tag's folder type is chosen when it is made; Set-RetentionPolicyTag does not take it. */
const TAG_CHANGEABLE = RETENTION_TAG_SETTINGS.filter(
  (setting) => setting !== "Type" && setting !== "RetentionId",
);

export const POLICY_KINDS: readonly ObjectKind[] = [
  {
    kind: "OwaMailboxPolicy",
    sides: BOTH,
    identity: "Name",
    compared: OWA_POLICY_SETTINGS,
    cmdlets: [
      { verb: "get", name: "Get-OwaMailboxPolicy", parameters: [] },
      { verb: "new", name: "New-OwaMailboxPolicy", sides: ONLINE, parameters: ["Name"] },
      {
        verb: "set",
        name: "Set-OwaMailboxPolicy",
        sides: ONLINE,
        parameters: ["Identity", ...OWA_POLICY_SETTINGS],
      },
      { verb: "remove", name: "Remove-OwaMailboxPolicy", sides: ONLINE, parameters: ["Identity"] },
    ],
  },
  {
    kind: "MobileDeviceMailboxPolicy",
    sides: BOTH,
    identity: "Name",
    compared: MOBILE_POLICY_SETTINGS,
    cmdlets: [
      { verb: "get", name: "Get-MobileDeviceMailboxPolicy", parameters: [] },
      {
        verb: "new",
        name: "New-MobileDeviceMailboxPolicy",
        sides: ONLINE,
        parameters: ["Name", ...MOBILE_POLICY_SETTINGS],
      },
      {
        verb: "set",
        name: "Set-MobileDeviceMailboxPolicy",
        sides: ONLINE,
        parameters: ["Identity", ...MOBILE_POLICY_SETTINGS],
      },
      { verb: "remove", name: "Remove-MobileDeviceMailboxPolicy", sides: ONLINE, parameters: ["Identity"] },
    ],
  },
  {
    kind: "RetentionPolicyTag",
    sides: BOTH,
    identity: "Name",
    compared: RETENTION_TAG_SETTINGS,
    cmdlets: [
      { verb: "get", name: "Get-RetentionPolicyTag", parameters: [] },
      {
        verb: "new",
        name: "New-RetentionPolicyTag",
        sides: ONLINE,
        parameters: ["Name", ...RETENTION_TAG_SETTINGS],
      },
      {
        verb: "set",
        name: "Set-RetentionPolicyTag",
        sides: ONLINE,
        parameters: ["Identity", ...TAG_CHANGEABLE],
      },
      { verb: "remove", name: "Remove-RetentionPolicyTag", sides: ONLINE, parameters: ["Identity"] },
    ],
  },
  {
    kind: "RetentionPolicy",
    sides: BOTH,
    identity: "Name",
    compared: RETENTION_POLICY_SETTINGS,
    cmdlets: [
      { verb: "get", name: "Get-RetentionPolicy", parameters: [] },
      {
        verb: "new",
        name: "New-RetentionPolicy",
        sides: ONLINE,
        parameters: ["Name", ...RETENTION_POLICY_SETTINGS],
      },
      {
        verb: "set",
        name: "Set-RetentionPolicy",
        sides: ONLINE,
        parameters: ["Identity", "RetentionPolicyTagLinks"],
      },
      { verb: "remove", name: "Remove-RetentionPolicy", sides: ONLINE, parameters: ["Identity"] },
    ],
  },
];
