import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { verifyDomainProof } from "@/lib/wizard/domain-ownership/verify-domain-proof";
import { type LocalDnsServer, startLocalDnsServer } from "@/tests/helpers/dns-server";

// A real DNS server on loopback, asked through Node's resolver with the configured servers.
let dns: LocalDnsServer;
beforeAll(async () => {
  dns = await startLocalDnsServer();
});
afterAll(() => dns.close());

const proof = "Mq1nLPVR7qrNMlSmAW8nrPz4Y9Vf+3sM6vxS5SOJ0wM0LaZXY6jNjQG0Ly2a2b0z3Hm0DHgcfRMmxEy3ey1YmA==";

describe("verifyDomainProof", () => {
  it("finds the proof among the domain's TXT records", async () => {
    dns.txt.set("contoso.com", ["v=spf1 include:spf.protection.outlook.com -all", proof]);
    const check = await verifyDomainProof({ domain: "contoso.com", proof, servers: [dns.address] });
    expect(check.verified).toBe(true);
    expect(check.published).toHaveLength(2);
  });

  it("joins a long record's strings before comparing, as DNS means them", async () => {
    dns.txt.set("fabrikam.com", [[proof.slice(0, 40), proof.slice(40)]]);
    const check = await verifyDomainProof({ domain: "fabrikam.com", proof, servers: [dns.address] });
    expect(check.verified).toBe(true);
  });

  it("says what to publish when the domain has no TXT record", async () => {
    const check = await verifyDomainProof({ domain: "northwind.com", proof, servers: [dns.address] });
    expect(check.verified).toBe(false);
    expect(check.message).toContain(`northwind.com IN TXT ${proof}`);
  });

  it("shows what is published instead when it is not the proof", async () => {
    dns.txt.set("litware.com", ["an-older-proof"]);
    const check = await verifyDomainProof({ domain: "litware.com", proof, servers: [dns.address] });
    expect(check).toMatchObject({ verified: false, published: ["an-older-proof"] });
    expect(check.message).toMatch(/none of them this proof/);
  });

  it("reports a resolver that does not answer as an error, not as a missing record", async () => {
    const closed = await startLocalDnsServer();
    await closed.close();
    const failure = verifyDomainProof({ domain: "contoso.com", proof, servers: [closed.address] });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toThrow(/DNS could not be asked/);
  });
});
