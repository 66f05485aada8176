-- Promo codes (`promo add …`), the code and discount an order redeemed, and a code a campaign offers.
-- CreateEnum
CREATE TYPE "PromoKind" AS ENUM ('percent', 'amount');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "promoId" INTEGER,
ADD COLUMN     "discountMinor" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "promoCode" TEXT;

-- CreateTable
CREATE TABLE "Promo" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "PromoKind" NOT NULL,
    "value" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "minMinor" INTEGER,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "maxUses" INTEGER,
    "used" INTEGER NOT NULL DEFAULT 0,
    "perCustomer" INTEGER,
    "audience" TEXT,
    "productSkus" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "category" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "Promo_pkey" PRIMARY KEY ("id"),
    -- The last use goes to one order: `used` never passes `maxUses`, whatever races for it.
    CONSTRAINT "Promo_used_check" CHECK ("used" >= 0 AND ("maxUses" IS NULL OR "used" <= "maxUses"))
);

-- CreateIndex
CREATE UNIQUE INDEX "Promo_code_key" ON "Promo"("code");

-- CreateIndex
CREATE INDEX "Order_promoId_idx" ON "Order"("promoId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_promoId_fkey" FOREIGN KEY ("promoId") REFERENCES "Promo"("id") ON DELETE SET NULL ON UPDATE CASCADE;
