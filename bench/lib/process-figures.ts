import { readdir, readFile } from "node:fs/promises";

// Readings of another process from /proc (Linux), for figures about the web process.

const CLOCK_TICKS_PER_SECOND = 100;

/** Resident set size (VmRSS) in KiB. */
export async function readRssKib(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/**
 * CPU seconds (user + system) the process has used so far; with `endedChildren`, also those of
 * its children that have ended and been waited for (cutime + cstime).
 */
export async function readCpuSeconds(
  pid: number,
  options: { endedChildren?: boolean } = {},
): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  const own = (fields[11] ?? 0) + (fields[12] ?? 0);
  const ended = options.endedChildren ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0;
  return (own + ended) / CLOCK_TICKS_PER_SECOND;
}

/** The soft limit on open files (`ulimit -n`) the process runs with. */
export async function readOpenFilesLimit(pid: number | "self"): Promise<string> {
  const limits = await readFile(`/proc/${pid}/limits`, "utf8");
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  return match ? `${match[1]} (hard ${match[2]})` : "unknown";
}

/**
 * The main thread's time on a CPU and time runnable but waiting for one, in seconds
 * (/proc/<pid>/schedstat). On a shared machine the second says how much of a figure is queueing
 * for a core rather than work.
 */
export async function readSchedulerSeconds(pid: number): Promise<{ running: number; waiting: number }> {
  const [running, waiting] = (await readFile(`/proc/${pid}/schedstat`, "utf8")).split(" ").map(Number);
  return { running: (running ?? 0) / 1e9, waiting: (waiting ?? 0) / 1e9 };
}

/** The parent process id of `pid`, from /proc/<pid>/stat. */
async function readParentPid(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/**
 * A PostgreSQL cluster's processes: its postmaster (the first line of `<dataDir>/postmaster.pid`)
 * first, then its children — the backends serving connections, and the background writer, WAL
 * writer and the rest.
 */
export async function readPostgresPids(dataDir: string): Promise<number[]> {
  const postmaster = Number((await readFile(`${dataDir}/postmaster.pid`, "utf8")).split("\n")[0]);
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const children: number[] = [];
  for (const pid of pids) if ((await readParentPid(pid)) === postmaster) children.push(pid);
  return [postmaster, ...children];
}

/**
 * CPU seconds used so far by a PostgreSQL cluster's processes, those running and those ended: a
 * backend whose connection closed during a measurement would otherwise take its seconds out of the
 * figure.
 */
export async function readPostgresCpuSeconds(dataDir: string): Promise<number> {
  const [postmaster, ...children] = await readPostgresPids(dataDir);
  let seconds = await readCpuSeconds(postmaster!, { endedChildren: true });
  // A backend may end between the listing and the reading.
  for (const pid of children) seconds += await readCpuSeconds(pid).catch(() => 0);
  return seconds;
}

/** The whole machine's CPU time so far, in clock ticks, from the first line of /proc/stat. */
export async function readMachineTicks(): Promise<{ total: number; idle: number; stolen: number }> {
  const line = (await readFile("/proc/stat", "utf8")).split("\n")[0] ?? "";
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guests are inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    idle: idle + iowait,
    stolen: steal,
  };
}
