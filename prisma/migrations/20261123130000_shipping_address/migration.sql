-- Delivery addresses: the order's, and the customer's last one (offered for the next order).
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "address" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "shippingAddress" TEXT;

