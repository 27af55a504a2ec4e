import type { Db } from "@/lib/db";
import type { Directory } from "@/simulators/identity/directory/load-directory";

/**
 * The demo organizations and their people, taken from the simulated identity
 * directory so that ids match what the identity provider puts in tokens.
 * The directory's partner relationships that give the wizard's role become partners with an
 * active relationship to each customer (Woodgrove Partners manages Contoso and Fabrikam; its
 * Global Reader relationship with Adatum is left for the Customers page to refuse), so the
 * partner dashboard has customers. Idempotent: a second start finds the rows and changes nothing.
 */
export async function seedDemo(db: Db, directory: Directory): Promise<void> {
  for (const tenant of directory.tenants) {
    const row = await db.tenant.upsert({
      where: { entraTenantId: tenant.tenantId },
      create: {
        entraTenantId: tenant.tenantId,
        cloud: tenant.cloud,
        displayName: tenant.displayName,
        initialDomain: tenant.initialDomain,
      },
      update: {},
    });
    for (const user of tenant.users) {
      await db.user.upsert({
        where: { homeTenantId_objectId: { homeTenantId: row.id, objectId: user.objectId } },
        create: {
          homeTenantId: row.id,
          objectId: user.objectId,
          upn: user.userPrincipalName,
          displayName: user.displayName,
        },
        update: {},
      });
    }
  }
  // As a partner admin would add them: only relationships that give what the wizard needs.
  const wizardReady = directory.partnerRelationships.filter((relationship) =>
    relationship.directoryRoles.some(
      (role) => role === "ExchangeAdministrator" || role === "GlobalAdministrator",
    ),
  );
  for (const relationship of wizardReady) {
    const home = await db.tenant.findUniqueOrThrow({
      where: { entraTenantId: relationship.partnerTenantId },
    });
    const customer = await db.tenant.findUniqueOrThrow({
      where: { entraTenantId: relationship.customerTenantId },
    });
    const partner = await db.partner.upsert({
      where: { homeTenantId: home.id },
      create: { homeTenantId: home.id, name: home.displayName },
      update: {},
    });
    await db.partnerTenant.upsert({
      where: { partnerId_tenantId: { partnerId: partner.id, tenantId: customer.id } },
      create: { partnerId: partner.id, tenantId: customer.id, role: "operator", status: "active" },
      update: {},
    });
  }
}
