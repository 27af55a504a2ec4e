import type pg from "pg";

// The embedded cluster's two roles: its superuser, which owns the databases and runs migrations,
// and the role the web app, the queue and the worker connect as.

export const SUPERUSER = "hybrid_wizard";
/** No superuser, no CREATEROLE, no CREATEDB. */
export const APP_ROLE = "hybrid_wizard_app";

/** Creates the application role, or sets its password. Passwords are base64url: nothing to quote. */
export async function ensureAppRole(client: pg.Client, password: string): Promise<void> {
  const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  const verb = exists.rowCount === 0 ? "CREATE" : "ALTER";
  await client.query(
    `${verb} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
  );
}

/** Run as the owner, connected to `database`: what the application role needs there, and no more. */
export async function letAppRoleUse(client: pg.Client, database: string): Promise<void> {
  await grantAppRole(client, database);
  await handQueueSchemaToAppRole(client);
}

/**
 * What the application role may do in a database the superuser owns: read and write the tables the
 * migrations (run as the owner) create, now and later, and create schemas, which pg-boss needs for
 * its own (`pgboss`, which it then owns). Nothing else: no roles, no other databases' data.
 */
async function grantAppRole(client: pg.Client, database: string): Promise<void> {
  await client.query(`
    GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${client.escapeIdentifier(database)} TO ${APP_ROLE};
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${SUPERUSER} IN SCHEMA public
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${SUPERUSER} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
  `);
}

/**
 * A database from before the application role has its queue schema (pg-boss's, made when the app
 * still connected as the superuser) owned by the superuser; pg-boss must own it to migrate it on
 * upgrades. Its objects change owner, and queued jobs stay where they are.
 */
async function handQueueSchemaToAppRole(client: pg.Client): Promise<void> {
  await client.query(`
    DO $$
    DECLARE object record;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss' AND nspowner <> '${APP_ROLE}'::regrole) THEN
        RETURN;
      END IF;
      ALTER SCHEMA pgboss OWNER TO ${APP_ROLE};
      FOR object IN SELECT c.oid::regclass AS name FROM pg_class c
        WHERE c.relnamespace = 'pgboss'::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'a' AND c.relkind = 'S')
      LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO ${APP_ROLE}', object.name);
      END LOOP;
      FOR object IN SELECT p.oid::regprocedure AS name FROM pg_proc p WHERE p.pronamespace = 'pgboss'::regnamespace LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO ${APP_ROLE}', object.name);
      END LOOP;
      FOR object IN SELECT t.oid::regtype AS name FROM pg_type t
        WHERE t.typnamespace = 'pgboss'::regnamespace AND t.typtype IN ('e', 'c', 'd') AND t.typrelid = 0
      LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', object.name);
      END LOOP;
    END $$;
  `);
}
