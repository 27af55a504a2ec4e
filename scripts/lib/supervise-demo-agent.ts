import { EXIT } from "@/agent/exit-codes";
import { type AgentProcess, spawnAgentCli } from "./spawn-agent-cli";

const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 60_000;
/** An agent that ran this long before it died starts the backoff afresh. */
const STABLE_RUN_MS = 60_000;
/** A graceful stop hands a running job back first; after this it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * Keeps `hybrid-agent run` going as a child. If it dies, it is started again after a wait that
 * doubles up to a minute (a crash loop must not flood the log or the two cores), as the systemd
 * unit in docs/AGENT.md does; the web app stays up meanwhile. An agent the web app refused
 * (exit 3: revoked) is not restarted, for the same reason that unit doesn't, nor one that was
 * asked to stop (exit 0).
 */
export function superviseDemoAgent(options: {
  configPath: string;
  onLine: (line: string) => void;
  warn: (message: string) => void;
}): { stop(): Promise<void> } {
  let running: AgentProcess | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let delayMs = FIRST_RESTART_DELAY_MS;

  const start = () => {
    const startedAt = Date.now();
    const agent = spawnAgentCli(["run", "--config", options.configPath], options.onLine);
    running = agent;
    void agent.exited.then(({ code, signal }) => {
      running = undefined;
      if (stopping) return;
      // Someone sent it SIGINT or SIGTERM (Ctrl-C reaches every process of the terminal's group).
      if (code === EXIT.ok) {
        options.warn("the demo agent was stopped; restart npm start to run it again.");
        return;
      }
      if (code === EXIT.rejected) {
        options.warn(
          "the demo agent was refused by the web app (revoked on the Agents page?) and stopped. " +
            "Restart npm start to pair a new one; the web app keeps running.",
        );
        return;
      }
      if (Date.now() - startedAt > STABLE_RUN_MS) delayMs = FIRST_RESTART_DELAY_MS;
      options.warn(
        `the demo agent stopped unexpectedly (${code === null ? signal : `exit ${code}`}); ` +
          `starting it again in ${delayMs / 1000} s. The web app keeps running.`,
      );
      restartTimer = setTimeout(start, delayMs);
      delayMs = Math.min(delayMs * 2, MAX_RESTART_DELAY_MS);
    });
  };
  start();

  return {
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const agent = running;
      if (!agent) return;
      agent.child.kill("SIGTERM");
      const killer = setTimeout(() => agent.child.kill("SIGKILL"), STOP_GRACE_MS);
      await agent.exited;
      clearTimeout(killer);
    },
  };
}
