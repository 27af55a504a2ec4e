import { type DestinationStream, type Logger, pino } from "pino";
import { getLogLevel } from "@/lib/env";

let rootLogger: Logger | undefined;

/** What a log line keeps of an error: never the whole object (a pg error holds its client, keys and all). */
export interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: LoggedError;
  errors?: LoggedError[];
}

const MAX_CAUSE_DEPTH = 3;

export function serializeError(value: unknown, depth = 0): LoggedError {
  if (!(value instanceof Error)) {
    // A thrown non-error may be anything, a request or a client included: say only what it was.
    return { type: typeof value, message: typeof value === "string" ? value : `a thrown ${typeof value}` };
  }
  const code: unknown = Reflect.get(value, "code");
  const logged: LoggedError = {
    type: value.name,
    message: value.message,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(value.stack ? { stack: value.stack } : {}),
  };
  if (depth < MAX_CAUSE_DEPTH) {
    if (value.cause !== undefined) logged.cause = serializeError(value.cause, depth + 1);
    if (value instanceof AggregateError)
      logged.errors = value.errors.map((e) => serializeError(e, depth + 1));
  }
  return logged;
}

/** A logger writing JSON lines to `destination` (stdout when absent), errors logged by `serializeError`. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      name: "hybrid-wizard",
      level: getLogLevel(),
      serializers: { err: serializeError, error: serializeError },
      redact: [
        "req.headers.authorization",
        "*.authorization",
        "*.accessToken",
        "*.refreshToken",
        "*.clientSecret",
        "*.credential",
        "*.password",
        "*.secret",
        "*.token",
      ],
    },
    destination,
  );
}

/** JSON lines on stdout; pretty output is left to whoever reads them (pino-pretty, jq). */
export function getLogger(): Logger {
  rootLogger ??= createLogger();
  return rootLogger;
}
