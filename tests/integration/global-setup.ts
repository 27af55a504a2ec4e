import type { TestProject } from "vitest/node";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database of this run's own, for tests that share one. */
    databaseUrl: string;
    /** The server's maintenance database, on which tests may create databases of their own. */
    databaseServerUrl: string;
  }
}

// One PostgreSQL per test run: DATABASE_URL's server when set, else an embedded one.
export default async function setup(project: TestProject) {
  // Tests start the production build; make sure it is the code under test.
  await ensureBuild((line) => console.log(line));
  const server = await openTestDatabaseServer(process.env.DATABASE_URL);
  project.provide("databaseUrl", await createMigratedDatabase(server, "hw_test"));
  project.provide("databaseServerUrl", server.serverUrl);
  return () => server.close();
}
