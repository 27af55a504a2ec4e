import exitHook from "async-exit-hook";
import { DatabaseUnreachableError } from "@/lib/database/check-connection";
import { EmbeddedPostgresError } from "@/lib/database/embedded-postgres";
import { EnvError } from "@/lib/env";
import { PortInUseError } from "@/lib/net/assert-port-free";

/** A mistake in how a command was called: its message is all the person needs. */
export class UsageError extends Error {}

const EXPECTED = [UsageError, EnvError, DatabaseUnreachableError, EmbeddedPostgresError, PortInUseError];

type Cleanup = () => Promise<void>;

/**
 * Runs a command-line entry point. `main` registers what must be undone with
 * `cleanup`; it is undone in reverse order on failure, on Ctrl-C / SIGTERM,
 * and at the end. Expected failures print their message alone and exit 1.
 *
 * Signals go through async-exit-hook because embedded-postgres already uses it
 * to stop its clusters: one mechanism, so nothing exits before our children stop.
 */
export async function runCommand(
  main: (cleanup: (undo: Cleanup) => void) => Promise<"keep-running" | undefined>,
): Promise<void> {
  const undos: Cleanup[] = [];
  const undoAll = async () => {
    for (const undo of undos.splice(0).reverse()) await undo().catch((error) => console.error(error));
  };
  // The library gives up after 10 s and exits, leaving children running; stopping the agent, the
  // web app and PostgreSQL one after another can take longer on a busy machine.
  exitHook.forceExitTimeout(60_000);
  exitHook((done) => {
    void undoAll().then(done);
  });
  try {
    const outcome = await main((undo) => undos.push(undo));
    if (outcome === "keep-running") return;
    await undoAll();
    process.exit(0);
  } catch (error) {
    if (EXPECTED.some((type) => error instanceof type)) console.error(`\n${(error as Error).message}\n`);
    else console.error(error);
    await undoAll();
    process.exit(1);
  }
}
