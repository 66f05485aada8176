-- Marketing consent: when the chat asked for it (so it asks once), and every yes or no with its time and source.
-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('button', 'words', 'owner', 'import');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "consentAskedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ConsentChange" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "given" BOOLEAN NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT,

    CONSTRAINT "ConsentChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsentChange_customerId_at_idx" ON "ConsentChange"("customerId", "at");

-- AddForeignKey
ALTER TABLE "ConsentChange" ADD CONSTRAINT "ConsentChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
