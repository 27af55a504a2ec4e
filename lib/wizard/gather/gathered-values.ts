import { z } from "zod";

// How Exchange's values arrive as JSON (ConvertTo-Json of remote PowerShell objects, or the admin
// API): multi-valued properties as arrays, a single value or null; flags such as Services as one
// comma-separated string; booleans, sometimes as "True"/"False". These schemas accept those shapes
// and give the planner one shape each.

type Scalar = string | number | boolean;
const ZScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A multi-valued property: always a list of strings in the gathered state. */
export const ZStringListSchema = z.preprocess(
  (value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(ZScalarSchema).transform((items: Scalar[]) => items.map(String)),
);

/** A flags enum Exchange prints as "IIS, SMTP" (or an array, from some serialisers). */
export const ZFlagListSchema = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item.length > 0 && item !== "None")
      : (value ?? []),
  z.array(z.string()),
);

/** A single-valued property that may be unset. */
export const ZOptionalStringSchema = z.preprocess(
  (value) => (value === undefined || value === "" ? null : value),
  z.union([ZScalarSchema.transform(String), z.null()]),
);

export const ZFlagSchema = z.preprocess((value) => {
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}, z.boolean());

/** A boolean Exchange may leave unset (null); absent is read as false. */
export const ZOptionalFlagSchema = z.preprocess(
  (value) => (value === undefined ? null : value),
  z.union([ZFlagSchema, z.null()]),
);

export const ZNameSchema = z.string().min(1);

/** A count Exchange may leave unset (MinPasswordLength); some serialisers print numbers as text. */
export const ZOptionalNumberSchema = z.preprocess(
  (value) =>
    value === undefined || value === ""
      ? null
      : typeof value === "string" && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : value,
  z.union([z.number(), z.null()]),
);
