/**
 * One line per event, timestamped, in words: an admin reading `journalctl -u hybrid-agent`
 * should see what the agent is doing and why it waits, without a JSON viewer.
 */
export type AgentLog = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

type Writable = { write(text: string): unknown };

export function createAgentLog(
  stream: Writable = process.stdout,
  now: () => Date = () => new Date(),
): AgentLog {
  const write = (level: string, message: string) => {
    // A message never spans lines, so one event stays one line for grep and journald.
    stream.write(`${now().toISOString()} ${level.padEnd(5)} ${message.replace(/\s*\n\s*/g, " ")}\n`);
  };
  return {
    info: (message) => write("info", message),
    warn: (message) => write("warn", message),
    error: (message) => write("error", message),
  };
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
