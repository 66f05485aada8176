-- Chinese category names for Chinese-speaking customers (the English name is shown when unset).
ALTER TABLE "Product" ADD COLUMN     "categoryZh" TEXT;
