import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { gatherNow } from "@/lib/wizard/gather/gather-now";
import { runAnswers } from "@/lib/wizard/runs/run-answers";
import { type CertificateChoice, certificateChoices } from "./certificate-choices";

/** The Done page's certificate list for Replace the transport certificate, read from the servers now. */
export async function listCertificateChoices(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  logger?: Logger;
}): Promise<CertificateChoice[]> {
  const answers = await runAnswers(options);
  const { state } = await gatherNow(options);
  return certificateChoices(state, answers, new Date());
}
