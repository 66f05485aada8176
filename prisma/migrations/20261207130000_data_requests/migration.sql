-- Customers' requests for their data (access) or its erasure, made in the chat, and the owner's answer.
-- CreateEnum
CREATE TYPE "DataRequestKind" AS ENUM ('access', 'erasure');

-- CreateEnum
CREATE TYPE "DataRequestAnswer" AS ENUM ('exported', 'erased', 'declined');

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "kind" "DataRequestKind" NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "answer" "DataRequestAnswer",
    "answeredBy" TEXT,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataRequest_customerId_idx" ON "DataRequest"("customerId");

-- At most one open request per customer and kind: asking again while one is open adds nothing
-- (and notifies the owner no second time), however many replicas handle the customer.
CREATE UNIQUE INDEX "DataRequest_open_key" ON "DataRequest"("customerId", "kind") WHERE "answeredAt" IS NULL;

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
