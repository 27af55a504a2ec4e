/**
 * The command line's environment, read once at start-up and passed down, so nothing else reads
 * `process.env` and tests can hand in their own.
 */
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const ZOptional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const ZRawCliEnvSchema = z.object({
  HYBRID_WIZARD_HOME: ZOptional,
  HYBRID_WIZARD_SERVER: ZOptional,
  /** `none`: print the sign-in address instead of opening a browser (a test drives its own). */
  HYBRID_WIZARD_BROWSER: ZOptional,
  XDG_CONFIG_HOME: ZOptional,
  APPDATA: ZOptional,
});

export type CliEnv = {
  /** Where the sign-in and its token cache are kept, for this OS user only. */
  home: string;
  server?: string;
  openBrowser: boolean;
};

export function readCliEnv(env: Record<string, string | undefined>): CliEnv {
  const raw = ZRawCliEnvSchema.parse(env);
  const base =
    process.platform === "win32"
      ? (raw.APPDATA ?? path.join(os.homedir(), "AppData", "Roaming"))
      : (raw.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"));
  return {
    home: raw.HYBRID_WIZARD_HOME ?? path.join(base, "hybrid-wizard"),
    server: raw.HYBRID_WIZARD_SERVER,
    openBrowser: raw.HYBRID_WIZARD_BROWSER !== "none",
  };
}
