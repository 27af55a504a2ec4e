import { readFile } from "node:fs/promises";

// Every held poll is an open socket, in the bench and in the web process it starts. Node raises
// its own soft limit on open files to the hard limit as it starts (and the web process is Node
// too), so what decides is the hard limit, which only root can raise.

async function hardOpenFilesLimit(): Promise<number> {
  const limits = await readFile("/proc/self/limits", "utf8");
  const hard = /^Max open files\s+\S+\s+(\S+)/m.exec(limits)?.[1];
  return hard === "unlimited" ? Number.POSITIVE_INFINITY : Number(hard);
}

/** Returns when this process may open `needed` files; otherwise says what to set, and exits. */
export async function ensureOpenFilesLimit(needed: number): Promise<void> {
  const hard = await hardOpenFilesLimit();
  if (hard >= needed) return;
  console.error(
    `This run needs ${needed} open files per process; the hard limit is ${hard}. Raise it as root first: ` +
      `\`ulimit -Hn ${needed}\` in the shell that starts the bench, "nofile ${needed}" in ` +
      "/etc/security/limits.conf, or LimitNOFILE= for a systemd service.",
  );
  process.exit(1);
}
