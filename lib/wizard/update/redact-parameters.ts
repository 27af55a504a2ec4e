// What the log keeps of an operation's parameters: every value as passed, except secrets. The plan
// passes credentials by reference (never in `parameters`), and sealed parameters are ciphertext for
// the agent alone; the log names both without their content. A parameter whose name says it holds a
// secret is redacted too, in case a future task passes one in the clear.

const SECRET_NAME = /password|secret|credential|token|key$/i;
export const REDACTED = "(redacted)";

export function redactParameters(options: {
  parameters: Record<string, unknown>;
  credentials?: Record<string, { userName: string }> | null;
  sealedParameters?: Record<string, unknown> | null;
}): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options.parameters)) {
    shown[name] = SECRET_NAME.test(name) ? REDACTED : value;
  }
  for (const [name, reference] of Object.entries(options.credentials ?? {})) {
    shown[name] = `${reference.userName} / ${REDACTED}`;
  }
  for (const name of Object.keys(options.sealedParameters ?? {})) shown[name] = REDACTED;
  return shown;
}
