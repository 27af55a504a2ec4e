import { PrismaPg } from "@prisma/adapter-pg";
import { getServerEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** The client an interactive transaction (`db.$transaction(async (tx) => …)`) hands its callback. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// The one Prisma client of a server process. Kept on globalThis so that Next's
// dev reloads don't open a new pool per edit.
const holder = globalThis as unknown as { prisma?: Db };

export function getDb(): Db {
  holder.prisma ??= createDb(getServerEnv().DATABASE_URL);
  return holder.prisma;
}
