/** Where a command writes: what it answers (stdout) and what it says along the way (stderr). */
export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  signal: AbortSignal;
};

/** What a command hands back: the exit code, and what `--json` prints (text otherwise). */
export type CommandResult = { exitCode: number; json: unknown; text: string };

export const done = (json: unknown, text: string, exitCode = 0): CommandResult => ({ exitCode, json, text });
