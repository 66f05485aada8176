-- Follow-ups sent to customers (abandoned carts, unpaid orders): one per subject.
-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('abandoned_cart', 'unpaid_order');

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "conversationId" INTEGER NOT NULL,
    "delivered" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_subject_key" ON "FollowUp"("subject");

-- CreateIndex
CREATE INDEX "FollowUp_sentAt_idx" ON "FollowUp"("sentAt");

