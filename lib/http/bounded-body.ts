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

export async function readBounded(request: Request, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredLength(request.headers.get("content-length"), limitBytes);
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
  return Buffer.concat(chunks, received);
}

/**
 * The same from Node's request. On refusal the rest of the body is left unread: the caller answers
 * and closes the connection rather than take in what it refused.
 */
export async function readBoundedMessage(message: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
  refuseDeclaredLength(message.headers["content-length"], limitBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (outcome: () => void) => {
      message.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      message.pause();
      settle(() => reject(tooLarge(limitBytes)));
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, received)));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () =>
      settle(() => reject(new Error("The caller went away before its request body arrived.")));
    message.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
  });
}
