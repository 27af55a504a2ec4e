import fc from "fast-check";
import type { z } from "zod";
import { arbitraryOf } from "@/tests/helpers/zod-arbitrary";

// What the fuzz suite sends: values its schema accepts, the same values mutated beyond it, any
// JSON at all, and bodies that are not JSON, each with a content type a client might send.

export interface BodyCase {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Values that break assumptions: wrong types, sizes past any limit, names with meaning in JS. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1e308,
    "",
    " ",
    "\u0000",
    "\ud800",
    "../../etc/passwd",
    "%00",
    [],
    {},
  ),
  fc
    .constantFrom("__proto__", "constructor", "prototype", "toString")
    .map((key): Json => ({ [key]: { polluted: true } })),
  fc.integer({ min: 257, max: 70_000 }).map((length): Json => "x".repeat(length)),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

function pathsOf(value: Json, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [path];
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => pathsOf(item, [...path, index]))
    : Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]));
  return [path, ...children];
}

type Mutation = "replace" | "delete" | "add-key";

function mutate(value: Json, pick: number, mutation: Mutation, replacement: Json, newKey: string): Json {
  const copy: Json = structuredClone(value);
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) return mutation === "replace" ? replacement : copy;
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] ?? null;
  if (parent === null || typeof parent !== "object") return copy;
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  if (mutation === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete container[last];
  } else if (mutation === "replace") container[last] = replacement;
  else if (!Array.isArray(parent)) container[newKey] = replacement;
  return copy;
}

/** Values for a schema: valid, valid-then-mutated, or any JSON at all. */
export function jsonValuesFor(schema: z.ZodType): fc.Arbitrary<Json> {
  const valid = arbitraryOf(schema).map((value) => JSON.parse(JSON.stringify(value ?? null)) as Json);
  const mutated = fc
    .tuple(valid, fc.nat(), fc.constantFrom<Mutation>("replace", "delete", "add-key"), hostile, fc.string())
    .map(([value, pick, mutation, replacement, key]) => mutate(value, pick, mutation, replacement, key));
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: mutated, weight: 4 },
    { arbitrary: hostile, weight: 1 },
  );
}

const JSON_TYPE = "application/json";

/** Text that is not JSON, or JSON in the wrong encoding. */
function brokenBodies(schema: z.ZodType): fc.Arbitrary<BodyCase> {
  const validText = arbitraryOf(schema).map((value) => JSON.stringify(value ?? null));
  return fc.oneof(
    fc
      .tuple(validText, fc.nat())
      .map(([text, cut]) => ({ body: text.slice(0, cut % (text.length + 1)), contentType: JSON_TYPE })),
    validText.map((text) => ({ body: `${text}}`, contentType: JSON_TYPE })),
    validText.map((text) => ({
      body: new Uint8Array(Buffer.from(`\ufeff${text}`, "utf16le")),
      contentType: JSON_TYPE,
    })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ body: bytes, contentType: JSON_TYPE })),
    fc.string({ unit: "binary" }).map((text) => ({ body: text, contentType: JSON_TYPE })),
    validText.map((text) => ({
      body: `payload=${encodeURIComponent(text)}`,
      contentType: "application/x-www-form-urlencoded",
    })),
    validText.map((text) => ({
      body: `--b\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${text}\r\n--b--`,
      contentType: "multipart/form-data; boundary=b",
    })),
    fc.constant({ body: "", contentType: undefined }),
  );
}

/** A request body for a route whose body `schema` describes. */
export function bodiesFor(schema: z.ZodType): fc.Arbitrary<BodyCase> {
  const json = fc
    .tuple(
      jsonValuesFor(schema),
      fc.constantFrom<string | undefined>(
        ...Array<string>(6).fill(JSON_TYPE),
        "application/json; charset=utf-8",
        undefined,
        "text/plain",
      ),
    )
    .map(([value, contentType]) => ({ body: JSON.stringify(value), contentType }));
  return fc.oneof({ arbitrary: json, weight: 5 }, { arbitrary: brokenBodies(schema), weight: 2 });
}

/** A path parameter: a real id, a well-formed one that names nothing, or anything a path can hold. */
export function pathParameters(real: string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    ...(real.length ? [fc.constantFrom(...real)] : []),
    fc.uuid(),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.constantFrom("0", "-1", "1' or '1'='1", "../../etc/passwd", "%00", "null", "x".repeat(5000)),
  );
}
