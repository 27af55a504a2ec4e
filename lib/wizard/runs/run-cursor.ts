import { z } from "zod";
import { AppError } from "@/lib/errors";

// The list's cursor: the last run's creation time and id, opaque to the browser.

const ZCursorSchema = z.object({ createdAt: z.coerce.date(), id: z.uuid() });

export function encodeRunCursor(run: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: run.createdAt.toISOString(), id: run.id })).toString(
    "base64url",
  );
}

export function decodeRunCursor(cursor: string): { createdAt: Date; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = ZCursorSchema.safeParse(decoded);
  if (!parsed.success || Number.isNaN(parsed.data.createdAt.getTime())) {
    throw new AppError("bad_request", "cursor must be a nextCursor this list gave; start again without it.");
  }
  return parsed.data;
}
