import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertStorable } from "@/lib/http/storable-text";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The request body is larger than this endpoint accepts (${describeBytes(limitBytes)}).`,
  );
}

/** Reads the body as it arrives, and stops (413) the moment it passes `limitBytes`. */
export async function readBounded(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

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
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  limitBytes: number,
): Promise<z.infer<T>> {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim();
  if (mediaType && !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new AppError(
      "bad_request",
      `The request body must be JSON (Content-Type: application/json), not ${mediaType.slice(0, 100)}.`,
    );
  }
  return schema.parse(parseJson(await readBounded(request, limitBytes)));
}
