-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('succeeded', 'refused');

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_tenantId_fkey";

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorUserId_fkey";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorHomeTenantId" UUID,
ADD COLUMN     "actorName" TEXT,
ADD COLUMN     "actorUpn" TEXT,
ADD COLUMN     "result" "AuditResult" NOT NULL DEFAULT 'succeeded',
ADD COLUMN     "tenantName" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_id_idx" ON "AuditEvent"("tenantId", "id");

-- Rows written before this migration keep the names of what they name, as later rows do.
UPDATE "AuditEvent" e SET "tenantName" = t."displayName" FROM "Tenant" t WHERE t."id" = e."tenantId";
UPDATE "AuditEvent" e SET "actorName" = u."displayName", "actorUpn" = u."upn", "actorHomeTenantId" = u."homeTenantId"
  FROM "User" u WHERE u."id" = e."actorUserId";
UPDATE "AuditEvent" e SET "actorName" = a."name" FROM "Agent" a WHERE a."id" = e."actorAgentId";

-- Append-only, in the database itself: whatever connects as the app's role (a bug, an intruder
-- with its credentials) can add audit rows but never change or remove one.
-- The body is an escape string with its semicolons written \073: migrations are run statement
-- by statement, split at every semicolon (the pg driver adapter's executeScript).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''AuditEvent is append-only: % is refused'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "AuditEvent_append_only_rows" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_append_only_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
