import { z } from "zod";
import {
  MOBILE_POLICY_SETTINGS,
  OWA_POLICY_SETTINGS,
  RETENTION_POLICY_SETTINGS,
  RETENTION_TAG_SETTINGS,
} from "@/lib/exchange/catalog/policy-kinds";
import {
  ZNameSchema,
  ZOptionalFlagSchema,
  ZOptionalNumberSchema,
  ZOptionalStringSchema,
  ZStringListSchema,
} from "./gathered-values";

// The organization policies Organization Configuration Transfer copies, read the same way on both
// sides. Settings not named here are on/off flags; each policy keeps only the settings the
// catalog says are copied, plus its name and whether it is its side's default.

type Setting = z.ZodType;

function policySchema(settings: readonly string[], kinds: Record<string, Setting>) {
  const shape: Record<string, Setting> = {
    Identity: ZNameSchema,
    Name: ZNameSchema,
    IsDefault: ZOptionalFlagSchema,
  };
  for (const setting of settings) shape[setting] = kinds[setting] ?? ZOptionalFlagSchema;
  return z.object(shape).transform((policy) => policy as PolicyObject);
}

/** A setting's value once read: a flag, a text, a count, a list, or unset. */
type PolicyValue = string | number | boolean | null | string[];

/** A policy as the planner reads it: its name, its default flag, and its settings by Exchange's names. */
export type PolicyObject = { Identity: string; Name: string; IsDefault: boolean | null } & Record<
  string,
  PolicyValue
>;

export const ZOwaMailboxPolicySchema = policySchema(OWA_POLICY_SETTINGS, {
  ActionForUnknownFileAndMIMETypes: ZOptionalStringSchema,
  AllowOfflineOn: ZOptionalStringSchema,
  AllowedFileTypes: ZStringListSchema,
  BlockedFileTypes: ZStringListSchema,
});

export const ZMobileDeviceMailboxPolicySchema = policySchema(MOBILE_POLICY_SETTINGS, {
  AllowBluetooth: ZOptionalStringSchema,
  MaxEmailAgeFilter: ZOptionalStringSchema,
  MaxInactivityTimeLock: ZOptionalStringSchema,
  MaxPasswordFailedAttempts: ZOptionalStringSchema,
  MinPasswordLength: ZOptionalNumberSchema,
  PasswordExpiration: ZOptionalStringSchema,
  PasswordHistory: ZOptionalNumberSchema,
});

export const ZRetentionPolicyTagSchema = policySchema(RETENTION_TAG_SETTINGS, {
  Type: ZOptionalStringSchema,
  AgeLimitForRetention: ZOptionalStringSchema,
  RetentionAction: ZOptionalStringSchema,
  Comment: ZOptionalStringSchema,
  MessageClass: ZOptionalStringSchema,
  RetentionId: ZOptionalStringSchema,
});

export const ZRetentionPolicySchema = policySchema(RETENTION_POLICY_SETTINGS, {
  RetentionPolicyTagLinks: ZStringListSchema,
  RetentionId: ZOptionalStringSchema,
});

/** The same four lists on both sides. */
export const ZOrganizationPoliciesShape = {
  owaMailboxPolicies: z.array(ZOwaMailboxPolicySchema),
  mobileDeviceMailboxPolicies: z.array(ZMobileDeviceMailboxPolicySchema),
  retentionPolicyTags: z.array(ZRetentionPolicyTagSchema),
  retentionPolicies: z.array(ZRetentionPolicySchema),
};
