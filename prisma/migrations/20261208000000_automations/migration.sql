-- Automations: a campaign with a trigger, which fires per customer and occasion through the same outbox.
-- AlterEnum
ALTER TYPE "CampaignStatus" ADD VALUE 'paused';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "trigger" JSONB;

-- AlterTable
ALTER TABLE "CampaignDelivery" ADD COLUMN "occasion" TEXT NOT NULL DEFAULT '',
ADD COLUMN "productId" INTEGER;

-- DropIndex
DROP INDEX "CampaignDelivery_campaignId_customerId_key";

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_customerId_occasion_key" ON "CampaignDelivery"("campaignId", "customerId", "occasion");

-- AddForeignKey
ALTER TABLE "CampaignDelivery" ADD CONSTRAINT "CampaignDelivery_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;
