import type { DomainProofCheck } from "@/lib/contracts/wizard-domain-proofs";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { verifyDomainProof } from "@/lib/wizard/domain-ownership/verify-domain-proof";
import { findRunRow } from "./find-run-row";
import { storedGatherOf } from "./stored-gather";

/** Verify on Domain Ownership: the proof Exchange gave for `domain`, looked up in DNS through `resolvers`. */
export async function verifyRunDomainProof(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  domain: string;
  resolvers: readonly string[];
}): Promise<DomainProofCheck> {
  const run = await findRunRow(options);
  const proof = storedGatherOf(run.gathered).domainProofs.find(
    (candidate) => candidate.domain === options.domain,
  );
  if (!proof?.proof) {
    throw new AppError(
      "bad_request",
      `There is no proof for ${options.domain} in this run: read the domain proofs on Domain Ownership first.`,
    );
  }
  return verifyDomainProof({ domain: proof.domain, proof: proof.proof, servers: options.resolvers });
}
