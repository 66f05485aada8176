/**
 * `product add` / `product update` fields as typed (`price=8.50 tags=a,b active=no`) turned into a
 * product's fields, every problem named at once so the owner fixes the line in one go.
 */
import { z } from "zod";
import { AppError } from "../errors.ts";
import { parseMoney } from "../money.ts";
import { ZLeadDays, ZMinOrder } from "../products/product-input.ts";
import type { OwnerMessages } from "../i18n/owner.ts";

const yes = z.enum(["yes", "no", "true", "false", "1", "0", "y", "n"]).transform((v) => ["yes", "true", "1", "y"].includes(v));

export function productFieldsFromText(fields: Record<string, string>, currency: string, t: OwnerMessages["productFields"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    switch (key) {
      case "sku": out.sku = value; break;
      case "name": out.name = value; break;
      case "name_zh": case "namezh": out.nameZh = value; break;
      case "description": case "desc": out.description = value; break;
      case "description_zh": case "descriptionzh": out.descriptionZh = value; break;
      case "category": out.category = value; break;
      case "category_zh": case "categoryzh": out.categoryZh = value; break;
      case "tags": out.tags = value.split(",").map((tag) => tag.trim()).filter(Boolean); break;
      case "currency": out.currency = value.toUpperCase(); break;
      case "image": case "image_url": out.imageUrl = value; break;
      case "price": {
        const minor = parseMoney(value, String(out.currency ?? fields.currency ?? currency).toUpperCase());
        if (minor === null) problems.push(t.badPrice(value));
        else out.priceMinor = minor;
        break;
      }
      case "stock": case "threshold": case "low": {
        const n = z.coerce.number().int().min(0).max(1_000_000).safeParse(value);
        if (!n.success) problems.push(t.badWholeNumber(key, value));
        else out[key === "stock" ? "stock" : "lowStockThreshold"] = n.data;
        break;
      }
      case "lead_days": case "leaddays": case "lead_time": case "lead": {
        // "default" (or "none") goes back to DEFAULT_LEAD_DAYS.
        if (["default", "none", ""].includes(value.toLowerCase())) out.leadDays = null;
        else {
          const n = ZLeadDays.safeParse(Number(value));
          if (!n.success || !/^\d+$/.test(value)) problems.push(t.badLeadDays(value));
          else out.leadDays = n.data;
        }
        break;
      }
      case "min_order": case "minorder": case "moq": {
        // "none" or 0: no minimum order.
        if (["none", "0", ""].includes(value.toLowerCase())) out.minOrder = null;
        else {
          const n = ZMinOrder.safeParse(Number(value));
          if (!n.success || !/^\d+$/.test(value)) problems.push(t.badWholeNumber(key, value));
          else out.minOrder = n.data;
        }
        break;
      }
      case "consumable": case "active": {
        const b = yes.safeParse(value.toLowerCase());
        if (!b.success) problems.push(t.badYesNo(key));
        else out[key] = b.data;
        break;
      }
      default: problems.push(t.unknownField(key));
    }
  }
  if (problems.length) throw new AppError("INVALID_INPUT", { message: `product fields: ${problems.join("; ")}`, userMessage: t.pleaseFix(problems) });
  return out;
}
