import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ApiRequest } from "@/lib/http/api-call";
import { assertStorable } from "@/lib/http/storable-text";
import { apiRequestOfWeb } from "@/lib/http/web-api-call";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function refuseUnstorable(key: string, value: unknown): unknown {
  assertStorable(key, "The request body");
  if (typeof value === "string") assertStorable(value, "The request body");
  return value;
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0)
    throw new AppError("bad_request", "The request has no body: send a JSON object.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not UTF-8: send JSON encoded as UTF-8.");
  }
  try {
    // The reviver sees every key and string, however deep.
    return JSON.parse(text, refuseUnstorable);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The parser's own message quotes the body, which may hold a secret: say what to fix instead.
    throw new AppError(
      "bad_request",
      "The request body is not valid JSON: check its quotes, commas and brackets.",
    );
  }
}

/**
 * The body of a JSON route, bounded and validated: 413 past `limitBytes` (checked as it streams,
 * so nothing larger is ever buffered), 400 for a body that is not JSON (naming what was wrong,
 * never echoing it), and the schema's own 422 for JSON of the wrong shape.
 */
export async function readApiJsonBody<T extends z.ZodType>(
  request: ApiRequest,
  schema: T,
  limitBytes: number,
): Promise<z.infer<T>> {
  const mediaType = request.header("content-type")?.split(";")[0]?.trim();
  if (mediaType && !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new AppError(
      "bad_request",
      `The request body must be JSON (Content-Type: application/json), not ${mediaType.slice(0, 100)}.`,
    );
  }
  return schema.parse(parseJson(await request.readBody(limitBytes)));
}

/** readApiJsonBody for a route handler given Next's Web Request. */
export function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  limitBytes: number,
): Promise<z.infer<T>> {
  return readApiJsonBody(apiRequestOfWeb(request), schema, limitBytes);
}
