import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import {
  directoryObject,
  invalidValueError,
  type ObjectFactoryContext,
  requireObject,
  touch,
} from "../directory-objects";
import { getCmdlet, listParameter, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { multi, ON_PREMISES, REQUIRED_STRING, STRING, SWITCH } from "../parameter-types";
import { acceptedDomainNames } from "../references";

export function emailAddressPolicyObject(
  context: ObjectFactoryContext,
  shape: { name: string; templates: string[]; priority: string },
): ExchangeObject {
  const object: ExchangeObject = {
    ...directoryObject(context, {
      name: shape.name,
      container: "CN=Recipient Policies",
      schema: "ms-Exch-Recipient-Policy",
      objectClass: ["top", "msExchGenericPolicy", "msExchRecipientPolicy"],
      exchangeVersion: "0.1 (8.0.535.0)",
    }),
    DisabledEmailAddressTemplates: [],
    EnabledEmailAddressTemplates: shape.templates,
    EnabledPrimarySMTPAddressTemplate: "",
    HasEmailAddressSetting: true,
    HasMailboxManagerSetting: false,
    IncludedRecipients: "AllRecipients",
    LastUpdatedRecipientFilter: "Alias -ne $null",
    LdapRecipientFilter: "(mailNickname=*)",
    NonAuthoritativeDomains: [],
    Priority: shape.priority,
    RecipientContainer: null,
    RecipientFilter: "Alias -ne $null",
    RecipientFilterApplied: true,
    RecipientFilterType: "Precanned",
  };
  derivePrimaryTemplate(object);
  return object;
}

function derivePrimaryTemplate(object: ExchangeObject): void {
  const templates = Array.isArray(object.EnabledEmailAddressTemplates)
    ? object.EnabledEmailAddressTemplates
    : [];
  const primary = templates.map(String).find((template) => template.startsWith("SMTP:"));
  object.EnabledPrimarySMTPAddressTemplate = primary ? primary.slice("SMTP:".length) : "";
}

/** Exchange refuses templates for domains it isn't authoritative for, and wants exactly one primary SMTP. */
function validateTemplates(context: CmdletContext): void {
  if (!("EnabledEmailAddressTemplates" in context.parameters)) return;
  const templates = listParameter(context, "EnabledEmailAddressTemplates");
  const accepted = acceptedDomainNames(context);
  for (const template of templates) {
    const match = /^(smtp):(.*)@(.+)$/i.exec(template);
    if (!match) {
      if (/^smtp:/i.test(template))
        throw invalidValueError(context, `The proxy address template "${template}" is invalid.`);
      continue;
    }
    const domain = match[3]!.toLowerCase();
    if (!accepted.includes(domain)) {
      throw invalidValueError(
        context,
        `The email address template "${template}" is invalid because '${domain}' isn't an accepted domain for your organization.`,
      );
    }
  }
  const primaries = templates.filter((template) => template.startsWith("SMTP:"));
  if (primaries.length !== 1) {
    throw invalidValueError(
      context,
      "The email address policy must have exactly one primary SMTP address template (prefix 'SMTP:' in capitals).",
    );
  }
}

export const emailAddressPolicyCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-EmailAddressPolicy", kind: "EmailAddressPolicy", sides: ON_PREMISES }),
  setCmdlet({
    name: "Set-EmailAddressPolicy",
    kind: "EmailAddressPolicy",
    sides: ON_PREMISES,
    parameters: {
      EnabledEmailAddressTemplates: multi("Microsoft.Exchange.Data.ProxyAddressTemplate"),
      EnabledPrimarySMTPAddressTemplate: STRING,
      Name: STRING,
    },
    validate: validateTemplates,
    derive(_context, object) {
      derivePrimaryTemplate(object);
      // A changed policy is applied to recipients only by Update-EmailAddressPolicy.
      object.RecipientFilterApplied = false;
    },
  }),
  {
    name: "Update-EmailAddressPolicy",
    sides: ON_PREMISES,
    identityParameter: "Identity",
    parameters: { Identity: REQUIRED_STRING, UpdateSecondaryAddressesOnly: SWITCH, FixMissingAlias: SWITCH },
    run(context) {
      const policy = requireObject(context, "EmailAddressPolicy", String(context.parameters.Identity));
      policy.RecipientFilterApplied = true;
      policy.LastUpdatedRecipientFilter = policy.RecipientFilter ?? "";
      touch(context, policy);
      return [];
    },
  },
]);
