import type { AnswersInput } from "@/lib/wizard/answers/answers";
import { parseFixture } from "@/simulators/exchange/fixtures/load-fixture";

// A large organization for the plan benchmark: N Exchange 2019 servers behind one name and D
// accepted domains, all verified in the tenant and all shared, with its answers.

const THUMBPRINT = "0123456789ABCDEF0123456789ABCDEF01234567";

export function generatedOrganization(servers: number, domains: number) {
  const domainNames = Array.from(
    { length: domains },
    (_, index) => `gen${String(index + 1).padStart(3, "0")}.example.com`,
  );
  const serverNames = Array.from(
    { length: servers },
    (_, index) => `GEN-EX${String(index + 1).padStart(2, "0")}`,
  );
  const fqdn = `mail.${domainNames[0]}`;
  const fixture = parseFixture({
    name: `generated-${servers}-${domains}`,
    description: `${servers} servers, ${domains} accepted domains (benchmark).`,
    onPremises: {
      organizationName: "Generated",
      organizationGuid: "0b7c4a52-7d1e-4a8e-9d3b-5f2a6c8e1d40",
      activeDirectoryDomain: "corp.generated.example",
      servers: serverNames.map((name) => ({
        name,
        fqdn: `${name}.corp.generated.example`,
        version: "2019",
        ews: { externalUrl: `https://${fqdn}/EWS/Exchange.asmx`, mrsProxyEnabled: false },
      })),
      acceptedDomains: domainNames.map((domainName, index) => ({ domainName, default: index === 0 })),
      certificates: serverNames.map((server) => ({
        server,
        thumbprint: THUMBPRINT,
        subject: `CN=${fqdn}`,
        issuer: "CN=Benchmark CA",
        domains: [fqdn, ...domainNames.map((domain) => `autodiscover.${domain}`)],
        notBefore: "2026-01-01T00:00:00Z",
        notAfter: "2030-01-01T00:00:00Z",
        services: ["IIS", "SMTP"],
      })),
    },
    tenant: {
      tenantId: "5d3f7a91-2c4b-4e6d-8f1a-9b0c2d4e6f81",
      cloud: "Worldwide",
      initialDomain: "generated.onmicrosoft.com",
      displayName: "Generated",
      organizationGuid: "8e2a4c6d-1f3b-4a5c-9d7e-0b2c4d6e8fa3",
      verifiedDomains: domainNames,
    },
  });
  const answers: AnswersInput = {
    environment: { cloud: "Worldwide" },
    credentials: { onPremisesAgent: "GEN-EX01", exchangeOnlineAdmin: "admin@generated.onmicrosoft.com" },
    features: { hybrid: "full" },
    migrationCredential: { userName: "GENERATED\\svc-migration", secretReference: "migration-account" },
    domains: { hybridDomains: domainNames, autodiscoverDomain: domainNames[0]! },
    receiveConnectors: { servers: serverNames },
    sendConnectors: { servers: serverNames },
    certificate: { thumbprint: THUMBPRINT },
    organizationFqdn: { fqdn },
  };
  return { fixture, answers };
}
