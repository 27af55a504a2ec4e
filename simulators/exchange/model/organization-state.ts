import { z } from "zod";
import { ZFaultSchema } from "./faults";
import type { ExchangeObject, JsonValue } from "./json";

export type Side = "OnPremises" | "Online";
export const ZSideSchema = z.enum(["OnPremises", "Online"]);

export const ZCloudSchema = z.enum(["Worldwide", "China21Vianet", "UsGovGccHigh", "UsGovDod"]);
export type Cloud = z.infer<typeof ZCloudSchema>;

const ZJsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(ZJsonValueSchema),
    z.record(z.string(), ZJsonValueSchema),
  ]),
);
const ZExchangeObjectSchema: z.ZodType<ExchangeObject> = z.record(z.string(), ZJsonValueSchema);

/** Where objects of this organization live in the directory, so DNs and categories look like Exchange's. */
export const ZDirectorySchema = z.object({
  /** DN of the configuration container that holds the organization's objects. */
  configurationDn: z.string(),
  /** Prefix of ObjectCategory values, e.g. `corp.contoso.com/Configuration/Schema`. */
  schemaRoot: z.string(),
  /** The domain controller (on-premises) or directory server (online) named in OriginatingServer and errors. */
  originatingServer: z.string(),
  /** Online only: OrganizationId / OrganizationalUnitRoot values. */
  organizationId: z.string().default(""),
  organizationalUnitRoot: z.string().optional(),
});

export const ZOrganizationStateSchema = z.object({
  version: z.literal(1),
  side: ZSideSchema,
  /** The fixture document this state was seeded from, so a reset can seed it again. */
  fixture: z.object({ name: z.string(), document: z.unknown() }),
  organizationName: z.string(),
  organizationGuid: z.string().uuid(),
  directory: ZDirectorySchema,
  tenant: z
    .object({ tenantId: z.string().uuid(), cloud: ZCloudSchema, initialDomain: z.string() })
    .optional(),
  /** Online only: the paired on-premises state file, read by cmdlets that reach on-premises. */
  pairedOnPremisesStateFile: z.string().optional(),
  /** Online only: a request budget per window; beyond it the API answers 429. */
  rateLimit: z
    .object({ limit: z.number().int().positive(), windowSeconds: z.number().int().positive() })
    .optional(),
  objects: z.record(z.string(), z.array(ZExchangeObjectSchema)),
  faults: z.array(ZFaultSchema),
});

export type OrganizationState = z.infer<typeof ZOrganizationStateSchema>;
export type Directory = z.infer<typeof ZDirectorySchema>;
