import { z } from "zod";
import { IDEMPOTENCY_KEY_HEADER } from "@/lib/contracts/idempotency";
import { sha256 } from "@/lib/crypto/hashing";
import { getDb } from "@/lib/db";
import { getTokenCacheEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readBounded } from "@/lib/http/bounded-body";
import type { RequestContext } from "@/lib/http/handle-route";
import { claimIdempotencyKey } from "@/lib/idempotency/claim-idempotency-key";
import { recordIdempotentAnswer } from "@/lib/idempotency/record-idempotent-answer";
import { releaseIdempotencyKey } from "@/lib/idempotency/release-idempotency-key";
import type { UserActingContext } from "@/lib/tenants/acting-context";

type UserHandler<P> = (
  request: Request,
  context: RequestContext & { acting: UserActingContext },
  params: P,
) => Promise<Response>;

const ZIdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID fits).");

/** The request as the key stands for it: method, path with query, and body. */
async function requestHash(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  // Every route that starts work reads a small body (or none); a larger one is refused as it would be.
  const body = await readBounded(request.clone(), BODY_LIMITS.small);
  const url = new URL(request.url);
  return sha256(`${request.method} ${url.pathname}${url.search}\n${new TextDecoder().decode(body)}`);
}

/**
 * For a user route that starts work (a run, a confirm, a retry, a pairing code): with an
 * `Idempotency-Key` header, the first request runs and its answer is kept; the same request sent
 * again with the key gets that answer (`Idempotent-Replayed: true`) and starts nothing. A request
 * that fails lets its key go, so a retry after fixing the cause runs. Without the header the route
 * runs as it always did (the pages send none).
 */
export function idempotent<P>(handler: UserHandler<P>): UserHandler<P> {
  return async (request, context, params) => {
    const header = request.headers.get(IDEMPOTENCY_KEY_HEADER);
    if (header === null) return handler(request, context, params);
    const parsed = ZIdempotencyKeySchema.safeParse(header);
    if (!parsed.success)
      throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Bad Idempotency-Key.");
    const key = parsed.data;
    const db = getDb();
    const { acting } = context;
    const keyRing = getTokenCacheEnv().TOKEN_CACHE_KEYS;

    const claim = await claimIdempotencyKey({
      db,
      acting,
      key,
      requestHash: await requestHash(request),
      keyRing,
    });
    if (claim.kind === "replay") {
      if (claim.body === null) {
        throw new AppError(
          "conflict",
          "This request already ran with this Idempotency-Key; its answer was a live stream, which is not kept. Read its result instead (GET the run).",
        );
      }
      const headers = new Headers({ "idempotent-replayed": "true" });
      if (claim.contentType) headers.set("content-type", claim.contentType);
      return new Response(claim.body, { status: claim.status, headers });
    }

    let response: Response;
    try {
      response = await handler(request, context, params);
    } catch (error) {
      await releaseIdempotencyKey({ db, acting, key });
      throw error;
    }
    if (response.status >= 500) {
      await releaseIdempotencyKey({ db, acting, key });
      return response;
    }
    const contentType = response.headers.get("content-type");
    const isStream = contentType?.startsWith("text/event-stream") ?? false;
    await recordIdempotentAnswer({
      db,
      acting,
      key,
      status: response.status,
      contentType,
      body: isStream ? null : await response.clone().text(),
      keyRing,
    });
    return response;
  };
}
