-- The delivery charge of an order, included in its total (0 when delivery is free or in the prices).
-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "deliveryMinor" INTEGER NOT NULL DEFAULT 0;
