import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, BOTH_SIDES, INT, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { defaultSettings, initialSettings, type PolicySettings, settingParameters } from "./policy-settings";

// Mobile device (Exchange ActiveSync) mailbox policies: New-MobileDeviceMailboxPolicy takes every
// setting at creation. Unlimited<T> settings (MaxPasswordFailedAttempts, MaxInactivityTimeLock,
// PasswordExpiration) print as "Unlimited" or their value, so they are strings here.

const ON = { parameter: BOOLEAN, initial: true };
const OFF = { parameter: BOOLEAN, initial: false };
const UNLIMITED = { parameter: STRING, initial: "Unlimited" };

export const MOBILE_DEVICE_MAILBOX_POLICY_SETTINGS: PolicySettings = {
  AllowBluetooth: {
    parameter: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.BluetoothType", [
      "Disable",
      "HandsfreeOnly",
      "Allow",
    ]),
    initial: "Allow",
  },
  AllowBrowser: ON,
  AllowCamera: ON,
  AllowConsumerEmail: ON,
  AllowHTMLEmail: ON,
  AllowInternetSharing: ON,
  AllowNonProvisionableDevices: ON,
  AllowSimplePassword: ON,
  AllowStorageCard: ON,
  AllowTextMessaging: ON,
  AllowWiFi: ON,
  AlphanumericPasswordRequired: OFF,
  AttachmentsEnabled: ON,
  DeviceEncryptionEnabled: OFF,
  MaxEmailAgeFilter: {
    parameter: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.EmailAgeFilterType", [
      "All",
      "OneDay",
      "ThreeDays",
      "OneWeek",
      "TwoWeeks",
      "OneMonth",
    ]),
    initial: "All",
  },
  MaxInactivityTimeLock: UNLIMITED,
  MaxPasswordFailedAttempts: UNLIMITED,
  MinPasswordLength: { parameter: INT, initial: null },
  PasswordEnabled: OFF,
  PasswordExpiration: UNLIMITED,
  PasswordHistory: { parameter: INT, initial: 0 },
  PasswordRecoveryEnabled: OFF,
  RequireDeviceEncryption: OFF,
  RequireStorageCardEncryption: OFF,
};

export function mobileDeviceMailboxPolicyObject(
  context: ObjectFactoryContext,
  name: string,
  settings: ExchangeObject = defaultSettings(MOBILE_DEVICE_MAILBOX_POLICY_SETTINGS),
  isDefault = false,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      container: "CN=Mobile Mailbox Policies",
      schema: "ms-Exch-Mobile-Mailbox-Policy",
      objectClass: ["top", "msExchRecipientTemplate", "msExchMobileMailboxPolicy"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    ...settings,
    IsDefault: isDefault,
  };
}

const PARAMETERS = settingParameters(MOBILE_DEVICE_MAILBOX_POLICY_SETTINGS);

export const mobileDeviceMailboxPolicyCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-MobileDeviceMailboxPolicy", kind: "MobileDeviceMailboxPolicy", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-MobileDeviceMailboxPolicy",
    kind: "MobileDeviceMailboxPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: REQUIRED_STRING, ...PARAMETERS },
    create: (context) =>
      mobileDeviceMailboxPolicyObject(
        context,
        String(context.parameters.Name),
        initialSettings(MOBILE_DEVICE_MAILBOX_POLICY_SETTINGS, context),
      ),
  }),
  setCmdlet({
    name: "Set-MobileDeviceMailboxPolicy",
    kind: "MobileDeviceMailboxPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: STRING, ...PARAMETERS },
  }),
  removeCmdlet({
    name: "Remove-MobileDeviceMailboxPolicy",
    kind: "MobileDeviceMailboxPolicy",
    sides: BOTH_SIDES,
  }),
]);
