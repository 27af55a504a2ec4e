import { ZOperationFailureSchema } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { withMigrationCredential } from "@/lib/wizard/credentials/with-migration-credential";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";
import { isAppError } from "./describe-failure";
import type { OperationTransport, WriteOutcome } from "./operation-transports";

// An operation's write. One with credential parameters (New-MigrationEndpoint's -Credentials) gets
// the run's migration credential in memory for this one call: the Operation row names only the
// account (userName, secretReference), and the password reaches only Exchange Online's admin API,
// as the PSCredential it takes ({ UserName, Password }). Written, the credential is deleted;
// refused, it is kept so that Retry can use it again.

/** Marks a refused write inside withMigrationCredential, so the credential is kept, not deleted. */
const REFUSED = "refused_write";

export async function writeOperation(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  transport: OperationTransport;
  side: PlanSide;
  cmdlet: string;
  parameters: Record<string, unknown>;
  credentials: Record<string, { userName: string }> | null;
  key: string;
}): Promise<WriteOutcome> {
  const { transport, cmdlet, parameters, key } = options;
  const names = Object.keys(options.credentials ?? {});
  if (names.length === 0) return transport.write(cmdlet, parameters, key);
  if (options.side !== "Online") {
    return refusal(
      `${cmdlet} takes a credential, which only Exchange Online is given; it is not sent to an agent.`,
    );
  }
  try {
    return await withMigrationCredential(options, async ({ userName, password }) => {
      const credential = { UserName: userName, Password: password };
      const withCredentials = {
        ...parameters,
        ...Object.fromEntries(names.map((name) => [name, credential])),
      };
      const outcome = await transport.write(cmdlet, withCredentials, key);
      if (!outcome.ok)
        throw new AppError("exchange_error", outcome.failure.message, { [REFUSED]: outcome.failure });
      return outcome;
    });
  } catch (error) {
    // Thrown back with the password taken out (withMigrationCredential), so this failure is safe to keep.
    const refused = isAppError(error, "exchange_error")
      ? ZOperationFailureSchema.safeParse(error.details?.[REFUSED])
      : undefined;
    if (refused?.success) return { ok: false, failure: refused.data };
    // No credential to use (never entered, used already, a key gone): the admin must enter it again.
    if (isAppError(error, "conflict")) return refusal(error.message);
    throw error;
  }
}

function refusal(message: string): WriteOutcome {
  return { ok: false, failure: { message } };
}
