/** Entry point of `hybrid-wizard` (`npx tsx cli/hybrid-wizard.ts …` in development, the bundle in production). */
import { runCli } from "./main";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
});
// msal's loopback server or a keep-alive socket must not hold a finished command open.
process.exit();
