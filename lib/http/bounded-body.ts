import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/errors";

// A request body read as it arrives and refused (413) the moment it passes the route's limit, so
// nothing larger is ever buffered: from a Web Request (Next) or from Node's IncomingMessage (the
// agent API the web server answers itself).

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The request body is larger than this endpoint accepts (${describeBytes(limitBytes)}).`,
  );
}

/** A Content-Length past the limit is refused before a byte of the body is read. */
function refuseDeclaredLength(contentLength: string | null | undefined, limitBytes: number): void {
  if (Number(contentLength ?? Number.NaN) > limitBytes) throw tooLarge(limitBytes);
}

/** `chunks` gathered, refused the moment they pass the limit; leaving the loop stops the reading. */
async function gatherWithin(chunks: AsyncIterable<Uint8Array>, limitBytes: number): Promise<Uint8Array> {
  const gathered: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of chunks) {
    received += chunk.byteLength;
    if (received > limitBytes) throw tooLarge(limitBytes);
    gathered.push(chunk);
  }
  return Buffer.concat(gathered, received);
}

/** A Web Request's body: refusing it cancels the stream. */
export async function readBounded(request: Request, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredLength(request.headers.get("content-length"), limitBytes);
  return request.body ? gatherWithin(request.body, limitBytes) : new Uint8Array();
}

/**
 * The same from Node's request. On refusal the rest of the body is left unread, and the request
 * not destroyed: the caller answers, and closes the connection rather than take in what it refused.
 * A caller that goes away mid-body fails the read (ECONNRESET).
 */
export function readBoundedMessage(message: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredLength(message.headers["content-length"], limitBytes);
  return gatherWithin(message.iterator({ destroyOnReturn: false }), limitBytes);
}
