import { type Logger, pino } from "pino";
import { getLogLevel } from "@/lib/env";

let rootLogger: Logger | undefined;

/** JSON lines on stdout; pretty output is left to whoever reads them (pino-pretty, jq). */
export function getLogger(): Logger {
  rootLogger ??= pino({
    name: "hybrid-wizard",
    level: getLogLevel(),
    redact: ["req.headers.authorization", "*.credential", "*.password", "*.secret", "*.token"],
  });
  return rootLogger;
}
