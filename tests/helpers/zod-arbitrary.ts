import fc from "fast-check";
import type { z } from "zod";

// fast-check arbitraries made from the API's own zod schemas (zod 4's public `_zod.def`), covering
// the kinds of schema the API uses. They aim at values the schema accepts; where a combination of
// constraints is hard to meet exactly (a pattern and a length), a value may fall just outside,
// which the fuzz suite's invariants hold for as well.

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, string | number>;
  pattern?: RegExp;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

/** How long a string or array with no maximum may grow here: enough to matter, small enough to be quick. */
const UNBOUNDED = 24;

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def);

function lengths(checks: CheckDef[]): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check === "min_length" && check.minimum !== undefined) min = check.minimum;
    if (check.check === "max_length" && check.maximum !== undefined) max = check.maximum;
    if (check.check === "length_equals" && check.length !== undefined) min = max = check.length;
  }
  return { min, max };
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const { min, max } = lengths(checks);
  const pattern = def.pattern ?? checks.find((check) => check.check === "string_format")?.pattern;
  const maxLength = Math.max(min, Math.min(max ?? UNBOUNDED, min + UNBOUNDED));
  if (!pattern) {
    return fc.oneof(
      fc.string({ minLength: min, maxLength }),
      fc.string({ unit: "binary", minLength: min, maxLength }),
    );
  }
  // A pattern sets the characters; repeating a match meets a minimum length for the
  // `^[class]+$` patterns the API uses.
  return fc.stringMatching(pattern).map((value) => {
    let long = value;
    while (long.length > 0 && long.length < min) long += value;
    return max === undefined ? long : long.slice(0, max);
  });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const integer = checks.some((check) => check.check === "number_format");
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check === "greater_than" && check.value !== undefined)
      min = check.value + (check.inclusive ? 0 : 1);
    if (check.check === "less_than" && check.value !== undefined)
      max = check.value - (check.inclusive ? 0 : 1);
  }
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return stringArbitrary(def);
    case "number":
      return numberArbitrary(def);
    case "boolean":
      return fc.boolean();
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "unknown":
    case "any":
      return fc.jsonValue({ maxDepth: 2 });
    case "optional":
    case "default":
      return def.innerType
        ? fc.option(arbitraryOf(def.innerType), { nil: undefined })
        : fc.constant(undefined);
    case "nullable":
      return def.innerType ? fc.option(arbitraryOf(def.innerType), { nil: null }) : fc.constant(null);
    case "pipe":
      return def.in ? arbitraryOf(def.in) : fc.constant(undefined);
    case "union":
      return fc.oneof(...(def.options ?? []).map(arbitraryOf));
    case "array": {
      const { min, max } = lengths(checksOf(def));
      if (!def.element) return fc.constant([]);
      return fc.array(arbitraryOf(def.element), { minLength: min, maxLength: Math.min(max ?? 4, min + 4) });
    }
    case "record":
      if (!def.keyType || !def.valueType) return fc.constant({});
      return fc.dictionary(arbitraryOf(def.keyType).map(String), arbitraryOf(def.valueType), { maxKeys: 4 });
    case "object": {
      const shape = def.shape ?? {};
      const model = Object.fromEntries(
        Object.entries(shape).map(([key, value]) => [key, arbitraryOf(value)]),
      );
      const requiredKeys = Object.entries(shape)
        .filter(([, value]) => !["optional", "default"].includes(defOf(value).type))
        .map(([key]) => key);
      return fc.record(model, { requiredKeys });
    }
    default:
      throw new Error(`arbitraryOf: zod type "${def.type}" is not covered yet; add it here`);
  }
}
