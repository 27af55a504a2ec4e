import pg from "pg";

export class DatabaseUnreachableError extends Error {}

/**
 * Connects once to prove the server is there, turning driver errors into a
 * sentence that names the variable and the host to check.
 */
export async function checkDatabaseConnection(
  databaseUrl: string,
  variableName = "DATABASE_URL",
): Promise<void> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnreachableError(
      `Cannot reach the PostgreSQL server named by ${variableName} (${where}, database "${url.pathname.slice(1)}"): ${reason}. ` +
        `Check that the server is running and that ${variableName} is right, or unset ${variableName} to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
