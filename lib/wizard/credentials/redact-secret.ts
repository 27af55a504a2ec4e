import { AppError } from "@/lib/errors";

const REDACTED = "[redacted]";

/**
 * An error that may quote a secret it was handed (Exchange echoing a parameter back, a client
 * putting its request in the message), with every occurrence of the secret replaced — in the
 * message and the details — so it reaches no log, no Operation row and no browser. Other errors
 * are returned as they are.
 */
export function redactSecret(error: unknown, secret: string): unknown {
  if (!(error instanceof Error) || secret === "") return error;
  const details = error instanceof AppError ? error.details : undefined;
  const detailsText = details === undefined ? "" : JSON.stringify(details);
  // The secret as it appears inside a JSON string (quotes and backslashes escaped).
  const inJson = JSON.stringify(secret).slice(1, -1);
  if (!error.message.includes(secret) && !detailsText.includes(inJson)) return error;
  const message = error.message.split(secret).join(REDACTED);
  const cleanDetails =
    details === undefined ? undefined : JSON.parse(detailsText.split(inJson).join(REDACTED));
  return error instanceof AppError
    ? new AppError(error.code, message, cleanDetails)
    : new AppError("unavailable", message);
}
