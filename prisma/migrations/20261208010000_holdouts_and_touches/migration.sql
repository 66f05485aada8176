-- Hold-outs (who is kept out of a campaign, drawn with a stored seed), the owner's budget and goal, and touches for attribution.
-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'held_out';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN "holdoutSeed" TEXT,
ADD COLUMN "budgetMinor" INTEGER,
ADD COLUMN "goal" JSONB;

-- CreateTable
CREATE TABLE "Touch" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "campaignId" INTEGER,
    "code" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Touch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Touch_customerId_at_idx" ON "Touch"("customerId", "at");

-- CreateIndex
CREATE INDEX "Touch_campaignId_idx" ON "Touch"("campaignId");

-- AddForeignKey
ALTER TABLE "Touch" ADD CONSTRAINT "Touch_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touch" ADD CONSTRAINT "Touch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;
