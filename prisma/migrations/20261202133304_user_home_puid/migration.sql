-- AlterTable
ALTER TABLE "User" ADD COLUMN     "puid" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_homeTenantId_puid_key" ON "User"("homeTenantId", "puid");
