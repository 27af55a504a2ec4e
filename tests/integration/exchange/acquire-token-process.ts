import { createDb } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { userActing } from "@/tests/helpers/user-acting";

// Another process of the service (a worker, a second web instance) asking for an admin's Exchange
// Online token with the assertion the first one had. Prints the token it got.
// Usage: acquire-token-process.ts <tenant row id> <user row id> <assertion>

const [tenantId = "", userId = "", userAssertion = ""] = process.argv.slice(2);
const db = createDb(getServerEnv().DATABASE_URL);
try {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const acting = userActing({ tenant, user, accessToken: userAssertion });
  const token = await acquireExchangeOnlineToken({ db, acting });
  process.stdout.write(`${JSON.stringify(token)}\n`);
} finally {
  await db.$disconnect();
}
