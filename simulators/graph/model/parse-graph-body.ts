import type { z } from "zod";
import { badRequest } from "./graph-error";

/** Parses a request body against a resource's writable properties, refusing as Graph does. */
export function parseGraphBody<T extends z.ZodType>(schema: T, body: unknown, type: string): z.infer<T> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest(`The request body must be a JSON object of microsoft.graph.${type} properties.`);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const property = issue.keys[0];
    const owner = issue.path.length
      ? `a value of '${issue.path.join(".")}'`
      : `type 'microsoft.graph.${type}'`;
    throw badRequest(`Property '${property}' does not exist on ${owner}.`);
  }
  const property = issue.path.join(".") || "(body)";
  throw badRequest(`Invalid value for property '${property}': ${issue.message}.`);
}
