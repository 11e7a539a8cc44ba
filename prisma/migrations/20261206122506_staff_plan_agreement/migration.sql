-- CreateEnum
CREATE TYPE "PlanAgreedVia" AS ENUM ('ONLINE', 'IN_PERSON', 'PHONE');

-- AlterTable
ALTER TABLE "payment_plan" ADD COLUMN     "agreedVia" "PlanAgreedVia" NOT NULL DEFAULT 'ONLINE';
