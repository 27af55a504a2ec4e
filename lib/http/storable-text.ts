import { AppError } from "@/lib/errors";

// What PostgreSQL cannot store in text or jsonb, nor take as a query parameter: NUL, and UTF-16
// surrogates without their pair (JSON's \u escapes can carry both). Refused where a request's text
// comes in (bodies, query parameters), once, rather than failing deep in a query as a 500.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function assertStorable(text: string, where: string): void {
  if (text.includes("\u0000") || LONE_SURROGATE.test(text)) {
    throw new AppError(
      "bad_request",
      `${where} holds a NUL character or a broken UTF-16 surrogate (a \\u escape): remove it.`,
    );
  }
}
