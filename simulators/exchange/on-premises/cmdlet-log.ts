import { appendFile, readFile } from "node:fs/promises";
import { z } from "zod";

/**
 * Exchange's cmdlet logging (the CmdletInfra logs under %ExchangeInstallPath%Logging): each cmdlet a
 * remote PowerShell session ran, with the account the session was opened as. The simulator keeps
 * it beside the organization's state file, one JSON line per cmdlet (appended, so agents in other
 * processes add to it without a turn), which is how a test tells which account ran what.
 */
const ZCmdletLogEntrySchema = z.object({
  at: z.string(),
  /** DOMAIN\user the session was opened as: the agent's own, or the -Credential it was given. */
  account: z.string(),
  cmdlet: z.string(),
  server: z.string().optional(),
});
export type CmdletLogEntry = z.infer<typeof ZCmdletLogEntrySchema>;

const logFileOf = (stateFile: string) => `${stateFile}.cmdlet-log.jsonl`;

export async function appendCmdletLog(stateFile: string, entry: Omit<CmdletLogEntry, "at">): Promise<void> {
  await appendFile(logFileOf(stateFile), `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
}

export async function readCmdletLog(stateFile: string): Promise<CmdletLogEntry[]> {
  const text = await readFile(logFileOf(stateFile), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => ZCmdletLogEntrySchema.parse(JSON.parse(line)));
}
