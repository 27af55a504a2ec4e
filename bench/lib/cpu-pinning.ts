import { execFile } from "node:child_process";
import { cpus } from "node:os";
import { promisify } from "node:util";
import { readPostgresPids } from "@/bench/lib/process-figures";

// On a machine of two cores the agents' own HTTP takes a third of a core with 10,000 of them held,
// and the scheduler puts it, PostgreSQL and the web process wherever a core is free. Pinning them
// apart says what the web process does with a core of its own, which is what the aim is about.

/** What gets the machine's last core to itself; everything else shares the others. */
export const OWN_CORE_CHOICES = ["web", "web+postgres"] as const;
export type OwnCore = (typeof OWN_CORE_CHOICES)[number];

const pinTo = promisify(execFile);

/** Pins every thread of the process (`taskset -a`); threads made later inherit it. */
async function pin(pid: number, cpuList: string): Promise<void> {
  await pinTo("taskset", ["--all-tasks", "--pid", "--cpu-list", cpuList, String(pid)]);
}

/**
 * Pins the web process (and PostgreSQL, for "web+postgres") to the last core and this process to the
 * others. PostgreSQL's backends opened later are forked from its postmaster, so they follow it.
 * Returns what went where, to print beside the figures.
 */
export async function pinApart(options: {
  ownCore: OwnCore;
  webPid: number;
  postgresDataDir: string | undefined;
}): Promise<string> {
  const count = cpus().length;
  if (count < 2) throw new Error(`--own-core needs two cores or more; this machine has ${count}`);
  const own = String(count - 1);
  const rest = count === 2 ? "0" : `0-${count - 2}`;
  if (!options.postgresDataDir) throw new Error("--own-core needs the embedded PostgreSQL's data folder");
  const [postmaster, ...backends] = await readPostgresPids(options.postgresDataDir);
  const postgresCpus = options.ownCore === "web+postgres" ? own : rest;
  await pin(process.pid, rest);
  await pin(options.webPid, own);
  await pin(postmaster!, postgresCpus);
  // A backend may end between the listing and its pinning; those forked later follow the postmaster.
  for (const pid of backends) await pin(pid, postgresCpus).catch(() => {});
  return options.ownCore === "web+postgres"
    ? `web process and PostgreSQL on CPU ${own}; the agents and enqueues on CPU ${rest}`
    : `web process on CPU ${own}; PostgreSQL, the agents and enqueues on CPU ${rest}`;
}
