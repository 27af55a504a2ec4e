import { createHash, randomUUID } from "node:crypto";
import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import {
  directoryObject,
  invalidValueError,
  type ObjectFactoryContext,
  objectsOf,
} from "../directory-objects";
import { getCmdlet, listParameter, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, BOTH_SIDES, GUID, multi, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { referenceNotFoundError } from "../references";
import { initialSettings, type PolicySettings, settingParameters } from "./policy-settings";

// Messaging records management: retention policy tags, and retention policies that link them.
// RetentionId is what a mailbox's tagged items carry: passing the on-premises RetentionId to New-
// keeps items tagged the same after a mailbox moves. A policy names its tags in
// RetentionPolicyTagLinks, each of which must exist on that side.

const TAG_TYPES = [
  "All",
  "Calendar",
  "Contacts",
  "DeletedItems",
  "Drafts",
  "Inbox",
  "JunkEmail",
  "Journal",
  "Notes",
  "Outbox",
  "SentItems",
  "Tasks",
  "RssSubscriptions",
  "ConversationHistory",
  "Personal",
  "RecoverableItems",
  "Archive",
] as const;

const RETENTION_ACTIONS = [
  "MoveToDeletedItems",
  "MoveToFolder",
  "DeleteAndAllowRecovery",
  "PermanentlyDelete",
  "MarkAsPastRetentionLimit",
  "MoveToArchive",
] as const;

export const RETENTION_POLICY_TAG_SETTINGS: PolicySettings = {
  Type: {
    parameter: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.ElcFolderType", TAG_TYPES),
    initial: "All",
  },
  RetentionEnabled: { parameter: BOOLEAN, initial: true },
  /** An EnhancedTimeSpan: `730.00:00:00`, or days (`730`) as New- accepts it. */
  AgeLimitForRetention: { parameter: STRING, initial: null },
  RetentionAction: {
    parameter: oneOf(
      "Microsoft.Exchange.Data.Directory.SystemConfiguration.RetentionActionType",
      RETENTION_ACTIONS,
    ),
    initial: "MoveToDeletedItems",
  },
  Comment: { parameter: STRING, initial: "" },
  MessageClass: { parameter: STRING, initial: "*" },
  MustDisplayCommentEnabled: { parameter: BOOLEAN, initial: false },
};

/** A well-known tag or policy of Exchange's defaults has the same RetentionId wherever it was provisioned. */
export function wellKnownRetentionId(name: string): string {
  const hex = createHash("sha1").update(`retention:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Days as New- accepts them become the EnhancedTimeSpan Get- prints. */
function ageLimit(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  return /^\d+$/.test(text) ? `${text}.00:00:00` : text;
}

export function retentionPolicyTagObject(
  context: ObjectFactoryContext,
  name: string,
  settings: ExchangeObject,
  retentionId: string = wellKnownRetentionId(name),
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      container: "CN=Retention Policy Tag Container",
      schema: "ms-Exch-ELC-Folder",
      objectClass: ["top", "msExchELCFolder"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    ...settings,
    AgeLimitForRetention: ageLimit(settings.AgeLimitForRetention),
    IsDefaultAutoGroupPolicyTag: false,
    IsDefaultModeratedRecipientsPolicyTag: false,
    LegacyManagedFolder: null,
    RetentionId: retentionId,
    SystemTag: false,
  };
}

export function retentionPolicyObject(
  context: ObjectFactoryContext,
  name: string,
  tagLinks: string[],
  options: { retentionId?: string; isDefault?: boolean } = {},
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      container: "CN=Retention Policies Container",
      schema: "ms-Exch-Mailbox-Recipient-Template",
      objectClass: ["top", "msExchRecipientTemplate", "msExchMailboxRecipientTemplate"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    IsDefault: options.isDefault ?? false,
    IsDefaultArbitrationMailbox: false,
    RetentionId: options.retentionId ?? wellKnownRetentionId(name),
    RetentionPolicyTagLinks: tagLinks,
  };
}

/** Tag links resolve to the tags' names, as Get-RetentionPolicy prints them. */
function requireTags(context: CmdletContext, names: string[]): string[] {
  const tags = objectsOf(context.state, "RetentionPolicyTag");
  return names.map((name) => {
    const tag = tags.find((candidate) => String(candidate.Name).toLowerCase() === name.toLowerCase());
    if (!tag) throw referenceNotFoundError(context, name);
    return String(tag.Name);
  });
}

function refuseTakenRetentionId(context: CmdletContext, kind: string): void {
  const wanted = context.parameters.RetentionId;
  if (typeof wanted !== "string") return;
  if (objectsOf(context.state, kind).some((object) => object.RetentionId === wanted)) {
    throw invalidValueError(context, `The RetentionId ${wanted} is already used by another object.`);
  }
}

/** The RetentionId New- was given (another organization's, to keep tags across a move), else a new one. */
function givenRetentionId(context: CmdletContext): string {
  const given = context.parameters.RetentionId;
  return typeof given === "string" ? given : randomUUID();
}

const TAG_PARAMETERS = settingParameters(RETENTION_POLICY_TAG_SETTINGS);
const POLICY_PARAMETERS = {
  RetentionId: GUID,
  RetentionPolicyTagLinks: multi("Microsoft.Exchange.Configuration.Tasks.RetentionPolicyTagIdParameter"),
};

export const retentionPolicyCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-RetentionPolicyTag", kind: "RetentionPolicyTag", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-RetentionPolicyTag",
    kind: "RetentionPolicyTag",
    sides: BOTH_SIDES,
    parameters: { Name: REQUIRED_STRING, RetentionId: GUID, ...TAG_PARAMETERS },
    validate: (context) => refuseTakenRetentionId(context, "RetentionPolicyTag"),
    create: (context) =>
      retentionPolicyTagObject(
        context,
        String(context.parameters.Name),
        initialSettings(RETENTION_POLICY_TAG_SETTINGS, context),
        givenRetentionId(context),
      ),
  }),
  setCmdlet({
    name: "Set-RetentionPolicyTag",
    kind: "RetentionPolicyTag",
    sides: BOTH_SIDES,
    // The folder type is chosen once, at creation.
    parameters: Object.fromEntries(
      Object.entries({ Name: STRING, ...TAG_PARAMETERS }).filter(([name]) => name !== "Type"),
    ),
    derive: (_context, tag) => {
      tag.AgeLimitForRetention = ageLimit(tag.AgeLimitForRetention);
    },
  }),
  removeCmdlet({ name: "Remove-RetentionPolicyTag", kind: "RetentionPolicyTag", sides: BOTH_SIDES }),
  getCmdlet({ name: "Get-RetentionPolicy", kind: "RetentionPolicy", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-RetentionPolicy",
    kind: "RetentionPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: REQUIRED_STRING, ...POLICY_PARAMETERS },
    validate: (context) => refuseTakenRetentionId(context, "RetentionPolicy"),
    create: (context) =>
      retentionPolicyObject(
        context,
        String(context.parameters.Name),
        requireTags(context, listParameter(context, "RetentionPolicyTagLinks")),
        {
          retentionId: givenRetentionId(context),
        },
      ),
  }),
  setCmdlet({
    name: "Set-RetentionPolicy",
    kind: "RetentionPolicy",
    sides: BOTH_SIDES,
    parameters: { Name: STRING, ...POLICY_PARAMETERS },
    validate: (context) => {
      requireTags(context, listParameter(context, "RetentionPolicyTagLinks"));
    },
  }),
  removeCmdlet({ name: "Remove-RetentionPolicy", kind: "RetentionPolicy", sides: BOTH_SIDES }),
]);
