import { lookupTxtRecords } from "@/lib/dns/lookup-txt-records";

export interface DomainProofCheck {
  domain: string;
  verified: boolean;
  /** What the domain publishes now, so the admin can see a typo or an old proof. */
  published: string[];
  message: string;
}

/**
 * Checks that `domain` publishes the federation proof (`Get-FederatedDomainProof`) as a TXT
 * record, as the HCW's Domain Ownership page does before it creates the federation trust: a trust
 * created without it fails, and a failed trust can lock the application id for 24 hours.
 */
export async function verifyDomainProof(options: {
  domain: string;
  proof: string;
  servers: readonly string[];
}): Promise<DomainProofCheck> {
  const published = await lookupTxtRecords({ name: options.domain, servers: options.servers });
  const verified = published.some((record) => record.trim() === options.proof);
  const record = `${options.domain} IN TXT ${options.proof}`;
  let message: string;
  if (verified) message = `${options.domain} publishes its proof.`;
  else if (published.length === 0)
    message = `${options.domain} publishes no TXT record yet. Publish "${record}" at your DNS host; new records can take a while to be seen.`;
  else
    message = `${options.domain} publishes ${published.length} TXT record(s), none of them this proof. Publish "${record}" (an older proof does not count).`;
  return { domain: options.domain, verified, published, message };
}
