-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "refundRef" TEXT,
ADD COLUMN     "refundedAt" TIMESTAMP(3);

