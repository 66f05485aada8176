/**
 * An order refused because the promo code it carries does not apply at the moment it is placed (the
 * last use taken by someone else a moment before, the code ended meanwhile…): nothing of the order
 * is written, and the customer is told why, in their language, from `problem`.
 */
import { AppError } from "../errors.ts";
import type { TPromoProblem } from "./promo-rules.ts";

export class PromoRefused extends AppError {
  readonly promoCode: string;
  readonly problem: TPromoProblem;

  constructor(promoCode: string, problem: TPromoProblem) {
    super("PROMO_REFUSED", { message: `promo code ${promoCode} refused: ${problem.kind}` });
    this.name = "PromoRefused";
    this.promoCode = promoCode;
    this.problem = problem;
  }
}

export function isPromoRefused(error: unknown): error is PromoRefused {
  return error instanceof PromoRefused;
}
