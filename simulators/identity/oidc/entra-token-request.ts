import { IncomingMessage } from "node:http";
import { DEVICE_CODE_GRANT } from "./client-registrations";

// Translates a token request from Entra's dialect to what oidc-provider understands: msal-node
// redeems a device code with `grant_type=device_code`, a short name Entra accepts besides RFC 8628's
// URN, which is the only name oidc-provider knows. Other token requests pass through untouched.

const ENTRA_GRANT_NAMES: Record<string, string> = { device_code: DEVICE_CODE_GRANT };

/** oidc-provider's own limit for a request body. */
const MAX_BODY_BYTES = 56 * 1024;

export class TokenRequestTooLarge extends Error {}

/**
 * The request as oidc-provider should read it (the same one, or a copy with the grant type renamed),
 * and the grant type it asked for.
 */
export async function translateEntraTokenRequest(
  req: IncomingMessage,
): Promise<{ request: IncomingMessage; grantType?: string }> {
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return { request: req };
  }
  const body = await readBody(req);
  const form = new URLSearchParams(body.toString("utf8"));
  const grantType = form.get("grant_type") ?? undefined;
  const urn = ENTRA_GRANT_NAMES[grantType ?? ""];
  if (urn) form.set("grant_type", urn);
  return {
    request: withBody(req, urn ? Buffer.from(form.toString()) : body),
    ...(grantType ? { grantType } : {}),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new TokenRequestTooLarge("the token request is too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The body has been read off the socket: oidc-provider gets an equal request that streams it again. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  copy.push(body);
  copy.push(null);
  // An incomplete message that ends counts as aborted, and would take the socket down with it.
  copy.complete = true;
  return copy;
}
