-- AlterTable
ALTER TABLE "PartnerTenant" ADD COLUMN     "checkedAt" TIMESTAMP(3),
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "gdapRoles" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "suspendedByCustomer" BOOLEAN NOT NULL DEFAULT false;
