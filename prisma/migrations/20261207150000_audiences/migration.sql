-- Saved audiences (owner commands: audience save, audiences, audience <name>): a name, unique
-- whatever its case, and the parsed definition as JSON.
-- CreateTable
CREATE TABLE "Audience" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Audience_pkey" PRIMARY KEY ("id")
);

-- "Lapsed" and "lapsed" are one audience.
CREATE UNIQUE INDEX "Audience_name_lower_key" ON "Audience"(lower("name"));
