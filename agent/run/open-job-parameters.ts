/**
 * Opens a job's sealed parts just before its cmdlets run: its sealed parameters, and the account its
 * session opens as. The opened values live only in memory for this one job and are never logged.
 */
import type { AgentJob, CmdletJob, SealedSecret, SecretValue } from "@/lib/agents/protocol";
import { openSecretValue, SealedSecretError } from "@/lib/agents/sealed-secret";
import { CmdletError, type PlainCredential } from "../executors/executor";

/** Opens one sealed value; one that does not open fails the job (not the agent), naming what it was. */
async function openOrRefuse(what: string, sealed: SealedSecret, privateKey: CryptoKey): Promise<SecretValue> {
  try {
    return await openSecretValue(privateKey, sealed);
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    throw new CmdletError({
      message: `${what}: ${error.message}`,
      category: "SecurityError",
      errorId: "SealedSecretNotOpened",
      transient: false,
    });
  }
}

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
    const value = await openOrRefuse(`-${name}`, sealed, privateKey);
    if (value.type === "string") parameters[name] = value.value;
    else credentials[name] = { userName: value.userName, password: value.password };
  }
  return { parameters, credentials };
}

/** The account the job's session opens as, when the run named one; undefined for the agent's own. */
export async function openSessionCredential(
  job: AgentJob,
  privateKey: CryptoKey,
): Promise<PlainCredential | undefined> {
  if (!job.sessionCredential) return undefined;
  const what = "The on-premises account for this run";
  const value = await openOrRefuse(what, job.sessionCredential, privateKey);
  if (value.type !== "credential") {
    throw new CmdletError({
      message: `${what} opened, but holds no user name and password. Enter the account again in the wizard.`,
      category: "InvalidData",
      errorId: "SessionCredentialNotACredential",
      transient: false,
    });
  }
  return { userName: value.userName, password: value.password };
}
