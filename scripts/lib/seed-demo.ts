import type { Db } from "@/lib/db";
import type { Cloud } from "@/lib/generated/prisma/enums";

interface DemoTenant {
  entraTenantId: string;
  cloud: Cloud;
  displayName: string;
  initialDomain: string;
}

// The demo organizations; their ids match the simulated directory and Exchange fixtures.
const DEMO_TENANTS: DemoTenant[] = [
  {
    entraTenantId: "6f1e2a7c-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
    cloud: "Worldwide",
    displayName: "Contoso",
    initialDomain: "contoso.onmicrosoft.com",
  },
  {
    entraTenantId: "8a2b3c4d-5e6f-4a7b-9c8d-1e2f3a4b5c6d",
    cloud: "Worldwide",
    displayName: "Fabrikam",
    initialDomain: "fabrikam.onmicrosoft.com",
  },
];

/** Idempotent: a second start finds the rows and changes nothing. */
export async function seedDemo(db: Db): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    await db.tenant.upsert({
      where: { entraTenantId: tenant.entraTenantId },
      create: tenant,
      update: {},
    });
  }
}
