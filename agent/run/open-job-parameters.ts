/**
 * Opens a job's sealed parameters just before its cmdlet runs. The opened values live only in
 * memory for this one call and are never logged.
 */
import type { CmdletJob } from "@/lib/agents/protocol";
import { openSecretValue, SealedSecretError } from "@/lib/agents/sealed-secret";
import { CmdletError, type PlainCredential } from "../executors/executor";

export async function openJobParameters(
  job: CmdletJob,
  privateKey: CryptoKey,
): Promise<{ parameters: Record<string, unknown>; credentials: Record<string, PlainCredential> }> {
  const parameters: Record<string, unknown> = { ...job.parameters };
  const credentials: Record<string, PlainCredential> = {};
  for (const [name, sealed] of Object.entries(job.sealedParameters ?? {})) {
    if (name in parameters) {
      throw new CmdletError({
        message: `The job gives -${name} both in the clear and sealed.`,
        category: "InvalidArgument",
        errorId: "ParameterGivenTwice",
        transient: false,
      });
    }
    try {
      const value = await openSecretValue(privateKey, sealed);
      if (value.type === "string") parameters[name] = value.value;
      else credentials[name] = { userName: value.userName, password: value.password };
    } catch (error) {
      if (!(error instanceof SealedSecretError)) throw error;
      throw new CmdletError({
        message: `-${name}: ${error.message}`,
        category: "SecurityError",
        errorId: "SealedSecretNotOpened",
        transient: false,
      });
    }
  }
  return { parameters, credentials };
}
