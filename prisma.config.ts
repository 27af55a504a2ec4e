import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate here; migrate deploy where its engines can be downloaded).
// The application itself reads DATABASE_URL through lib/env.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/hybrid_wizard" },
});
