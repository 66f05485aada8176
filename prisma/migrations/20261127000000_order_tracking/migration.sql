-- The tracking number or link the owner gives when shipping an order.
ALTER TABLE "Order" ADD COLUMN     "trackingRef" TEXT;
