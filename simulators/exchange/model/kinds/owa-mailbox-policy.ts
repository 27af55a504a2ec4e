import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, BOTH_SIDES, multi, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { defaultSettings, type PolicySettings, settingParameters } from "./policy-settings";

// Outlook on the web mailbox policies: New-OwaMailboxPolicy takes only a name; every feature is
// switched with Set-OwaMailboxPolicy afterwards, on both sides.

const ON = { parameter: BOOLEAN, initial: true };
const OFF = { parameter: BOOLEAN, initial: false };

// A sample of the lists Exchange ships (the real ones are longer); enough to show a list copied whole.
const ALLOWED_FILE_TYPES = [".docx", ".xlsx", ".pptx", ".pdf", ".txt", ".jpg", ".png", ".zip"];
const BLOCKED_FILE_TYPES = [".exe", ".bat", ".cmd", ".com", ".js", ".vbs", ".ps1xml", ".msi", ".scr", ".lnk"];

export const OWA_MAILBOX_POLICY_SETTINGS: PolicySettings = {
  ActionForUnknownFileAndMIMETypes: {
    parameter: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.AttachmentBlockingActions", [
      "Allow",
      "ForceSave",
      "Block",
    ]),
    initial: "Allow",
  },
  ActiveSyncIntegrationEnabled: ON,
  AllAddressListsEnabled: ON,
  AllowedFileTypes: { parameter: multi("System.String"), initial: ALLOWED_FILE_TYPES },
  AllowOfflineOn: {
    parameter: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.AllowOfflineOnEnum", [
      "PrivateComputersOnly",
      "NoComputers",
      "AllComputers",
    ]),
    initial: "AllComputers",
  },
  BlockedFileTypes: { parameter: multi("System.String"), initial: BLOCKED_FILE_TYPES },
  CalendarEnabled: ON,
  ContactsEnabled: ON,
  DirectFileAccessOnPrivateComputersEnabled: ON,
  DirectFileAccessOnPublicComputersEnabled: ON,
  DisplayPhotosEnabled: ON,
  JournalEnabled: ON,
  NotesEnabled: ON,
  ReportJunkEmailEnabled: ON,
  RulesEnabled: ON,
  SetPhotoEnabled: ON,
  SignaturesEnabled: ON,
  SpellCheckerEnabled: ON,
  TasksEnabled: ON,
  TextMessagingEnabled: ON,
  ThemeSelectionEnabled: ON,
  WacEditingEnabled: ON,
  WacViewingOnPrivateComputersEnabled: ON,
  WacViewingOnPublicComputersEnabled: ON,
  ExplicitLogonEnabled: OFF,
};

export function owaMailboxPolicyObject(
  context: ObjectFactoryContext,
  name: string,
  settings: ExchangeObject = defaultSettings(OWA_MAILBOX_POLICY_SETTINGS),
  isDefault = false,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      container: "CN=OWA Mailbox Policies",
      schema: "ms-Exch-OWA-Mailbox-Policy",
      objectClass: ["top", "msExchOWAMailboxPolicy"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    ...settings,
    IsDefault: isDefault,
  };
}

export const owaMailboxPolicyCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-OwaMailboxPolicy", kind: "OwaMailboxPolicy", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-OwaMailboxPolicy",
    kind: "OwaMailboxPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: REQUIRED_STRING },
    create: (context) => owaMailboxPolicyObject(context, String(context.parameters.Name)),
  }),
  setCmdlet({
    name: "Set-OwaMailboxPolicy",
    kind: "OwaMailboxPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: STRING, ...settingParameters(OWA_MAILBOX_POLICY_SETTINGS) },
  }),
  removeCmdlet({ name: "Remove-OwaMailboxPolicy", kind: "OwaMailboxPolicy", sides: BOTH_SIDES }),
]);
