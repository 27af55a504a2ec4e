/** Exit codes a script can act on (docs/SCRIPTING.md). */
export const EXIT = {
  /** Done: the command did what it said (an update that succeeded, a plan printed). */
  ok: 0,
  /** The update ran and operations failed (or Undo was refused): read the log. */
  failed: 1,
  /** Bad input: the command line, an answers file, a run that is not there. Nothing was started. */
  usage: 2,
  /** Sign in again: no sign-in yet, Entra wants a new one (MFA, sign-in frequency, revoked), or MFA is required. */
  signIn: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with its exit code and a message saying what to do. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** What `--json` prints besides the message (the fields to fix, the error code). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CliError";
  }
}
