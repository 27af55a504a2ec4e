import { acquireTokenForAbsentAdmin } from "@/lib/auth/absent-admin-token";
import type { DownstreamApi } from "@/lib/auth/on-behalf-of-token";
import type { Db } from "@/lib/db";
import { EXCHANGE_ONLINE_API } from "@/lib/exchange/exchange-online-token";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";

/**
 * The admin a run acts as when nobody is at the browser: the one who confirmed it (or resumed it
 * last). `token` asks for theirs in Exchange Online or Graph, from their encrypted token cache.
 */
export async function absentAdminOfRun(options: { db: Db; acting: ActingContext; runId: string }) {
  const { db, acting, runId } = options;
  const run = await db.wizardRun.findFirstOrThrow({
    where: { id: runId, ...tenantScope(acting) },
    select: {
      confirmedBy: {
        select: { id: true, objectId: true, upn: true, homeTenant: { select: { entraTenantId: true } } },
      },
    },
  });
  const admin = run.confirmedBy;
  if (!admin) throw new Error(`run ${runId} has no admin to act as`);
  return {
    upn: admin.upn,
    async token(api: DownstreamApi = EXCHANGE_ONLINE_API): Promise<string> {
      const token = await acquireTokenForAbsentAdmin({
        api,
        db,
        acting: {
          tenant: acting.tenant,
          actor: {
            userId: admin.id,
            objectId: admin.objectId,
            upn: admin.upn,
            homeEntraTenantId: admin.homeTenant.entraTenantId,
          },
        },
      });
      return token.accessToken;
    },
  };
}
