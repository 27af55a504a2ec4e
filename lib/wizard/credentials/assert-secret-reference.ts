import { z } from "zod";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { ZCredentialsPageSchema, ZMigrationCredentialPageSchema } from "@/lib/wizard/answers/answer-pages";
import { type AnswerPageId, answersKeyOf } from "@/lib/wizard/wizard-pages";

function notStored(page: AnswerPageId, path: string, what: string): AppError {
  return new AppError("invalid_answers", "Some answers on this page need correcting; nothing was saved.", {
    page,
    issues: [
      {
        path,
        message: `is not the ${what} stored for this run (it was entered again, or already used): enter the password again`,
      },
    ],
  });
}

/** A stored credential's reference is its row's id; anything else (an answers file's label) names none. */
const isRowId = (reference: string) => z.uuid().safeParse(reference).success;

/**
 * A page's answers that name a stored credential (the Credentials page's own on-premises account,
 * the migration credential) must name the one stored for this run now, so that Next is refused at
 * the field rather than the update failing later. Other pages' answers pass untouched.
 */
export async function assertSecretReference(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  page: AnswerPageId;
  /** The page's answers, already accepted by its schema. */
  answers: unknown;
}): Promise<void> {
  const { db, acting, runId, page } = options;
  const key = answersKeyOf(page);
  if (key === "credentials") {
    const account = ZCredentialsPageSchema.parse(options.answers).onPremisesAccount;
    if (
      account &&
      (!isRowId(account.secretReference) ||
        (await db.runOnPremisesAccount.count({
          where: { id: account.secretReference, runId, ...tenantScope(acting) },
        })) === 0)
    ) {
      throw notStored(page, "credentials.onPremisesAccount.secretReference", "on-premises account");
    }
  }
  if (key === "migrationCredential") {
    const { secretReference } = ZMigrationCredentialPageSchema.parse(options.answers);
    if (
      !isRowId(secretReference) ||
      (await db.migrationCredential.count({
        where: { id: secretReference, runId, ...tenantScope(acting) },
      })) === 0
    ) {
      throw notStored(page, "migrationCredential.secretReference", "migration credential");
    }
  }
}
