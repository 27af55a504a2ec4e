import { z } from "zod";
import { ZApiErrorBodySchema } from "@/lib/contracts/api-error";
import { IDEMPOTENCY_KEY_HEADER } from "@/lib/contracts/idempotency";
import type { ApiOperation } from "@/lib/openapi/api-operation";
import { API_OPERATIONS } from "@/lib/openapi/api-operations";
import { APP_VERSION } from "@/lib/version";

type JsonSchema = Record<string, unknown>;

function moveDefinitions(node: unknown, renamed: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => moveDefinitions(item, renamed));
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && renamed.has(value)
        ? renamed.get(value)
        : moveDefinitions(value, renamed),
    ]),
  );
}

type ToSchema = (schema: z.ZodType, io: "input" | "output") => JsonSchema;

/**
 * Zod schemas as OpenAPI 3.1 wants them (JSON Schema 2020-12, its own dialect, so no `$schema`).
 * Requests are described as they are sent (`input`: defaults optional), answers as they come back.
 * Recursive schemas' definitions (a JSON value), which zod puts in each schema's own `$defs`, move
 * to `definitions` (the document's `components.schemas`): OpenAPI resolves `$ref`s document-wide.
 */
function schemaWriter(): { toSchema: ToSchema; definitions: Record<string, JsonSchema> } {
  const definitions: Record<string, JsonSchema> = {};
  const toSchema: ToSchema = (schema, io) => {
    const { $schema: _dialect, $defs = {}, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
    const renamed = new Map<string, string>();
    for (const name of Object.keys($defs)) {
      renamed.set(`#/$defs/${name}`, `Definition${Object.keys(definitions).length + renamed.size}`);
    }
    const refs = new Map([...renamed].map(([from, to]) => [from, `#/components/schemas/${to}`]));
    for (const [name, definition] of Object.entries($defs)) {
      definitions[renamed.get(`#/$defs/${name}`) as string] = moveDefinitions(definition, refs) as JsonSchema;
    }
    return moveDefinitions(rest, refs) as JsonSchema;
  };
  return { toSchema, definitions };
}

function parameters(operation: ApiOperation, jsonSchema: ToSchema): JsonSchema[] {
  const path = Object.entries(operation.params?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: jsonSchema(schema as z.ZodType, "input"),
  }));
  const query = Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(schema as z.ZodType, "input"),
  }));
  const idempotency = operation.startsWork
    ? [
        {
          name: IDEMPOTENCY_KEY_HEADER,
          in: "header",
          required: false,
          description:
            "Any unique string (a UUID). The same key sent again within 24 hours answers the first request's answer and starts nothing.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      ]
    : [];
  return [...path, ...query, ...idempotency];
}

function successResponse(operation: ApiOperation, jsonSchema: ToSchema): JsonSchema {
  const { schema, events, text } = operation.response;
  if (events)
    return {
      description: "Server-sent events; each event's data is one of these.",
      content: { "text/event-stream": { schema: jsonSchema(events, "output") } },
    };
  if (text) return { description: "Plain text", content: { "text/plain": { schema: { type: "string" } } } };
  if (!schema) return { description: "Done" };
  return { description: "Done", content: { "application/json": { schema: jsonSchema(schema, "output") } } };
}

function describeOperation(operation: ApiOperation, jsonSchema: ToSchema): JsonSchema {
  return {
    operationId: `${operation.method.toLowerCase()}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: operation.summary,
    tags: [operation.tag],
    security: operation.auth === "none" ? [] : [{ bearer: [] }],
    parameters: parameters(operation, jsonSchema),
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: jsonSchema(operation.body, "input") } },
      },
    }),
    responses: {
      [String(operation.response.status)]: successResponse(operation, jsonSchema),
      default: {
        description:
          "An error: a stable `code`, a `message` that says what to fix, and `docs`, the link to what to do.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the whole API, from the same schemas the routes parse with. */
export function buildOpenApiDocument(): JsonSchema {
  const { toSchema, definitions } = schemaWriter();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: describeOperation(operation, toSchema),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Hybrid Wizard API",
      version: APP_VERSION,
      description:
        "Everything the wizard's pages do. Admins call it with an access token for this service's API (the `hybrid-wizard` command line gets one with MFA); agents with their credential. Errors share one shape.",
    },
    paths,
    components: {
      schemas: { Error: toSchema(ZApiErrorBodySchema, "output"), ...definitions },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An admin's Entra access token for this API, or a paired agent's credential.",
        },
      },
    },
  };
}
