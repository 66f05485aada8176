-- Stock plans (issue 23): each product's supplier lead time and minimum order, its demand forecast as
-- worked out once a day, the plan worked out from it, and the mark that the owner has been told in the
-- episode now running.
ALTER TABLE "Product" ADD COLUMN "leadDays" INTEGER,
ADD COLUMN "minOrder" INTEGER,
ADD COLUMN "planForecast" JSONB,
ADD COLUMN "planPace" DOUBLE PRECISION,
ADD COLUMN "planReorderPoint" INTEGER,
ADD COLUMN "planOrderUpTo" INTEGER,
ADD COLUMN "plannedAt" TIMESTAMP(3),
ADD COLUMN "reorderAlertedAt" TIMESTAMP(3);

-- An episode ends when the stock is above the reorder point again (or, for a product without a plan,
-- above its low-stock threshold), whichever way it got there: a restock, a stocktake, a product update,
-- a cancelled or expired order giving its stock back, an import. Clearing the mark here, in the same
-- row update, covers every one of them at once and cannot race with a sale.
CREATE FUNCTION "Product_end_reorder_episode"() RETURNS trigger AS $$
BEGIN
  IF NEW."reorderAlertedAt" IS NOT NULL AND NEW.stock > COALESCE(NEW."planReorderPoint", NEW."lowStockThreshold") THEN
    NEW."reorderAlertedAt" := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Product_end_reorder_episode" BEFORE UPDATE ON "Product"
FOR EACH ROW EXECUTE FUNCTION "Product_end_reorder_episode"();
