/**
 * The registry of owner commands, in the order `help` lists them. The parser, `help`, the console's
 * quick buttons, Slack's `/shop` and buttons, and the plain-words interpreter all read this list:
 * a new command is a new file beside these and one line here.
 *
 * A new command's file (see `define-command.ts`, and `refunds.ts` for a small one):
 * - `verb` (its name in typed commands and buttons), `words` (how a typed line starts), `usage`,
 *   `help` in English and Chinese, `examples` (the registry test reads each back as this command);
 * - `ZArgs`, the zod schema every way in must pass (a typed line, a Slack button, plain words);
 * - `mutates`: whether it changes data (or hands a customer's data out); such a command runs in one
 *   transaction and records what it did with `context.audit` (test/owner/audit-trail.test.ts runs it);
 * - `read` (its words → arguments, or null when the line is another command's) and `write` (back);
 * - `intents` and `fromWords` when the owner intent model should reach it from plain words;
 * - `quick` for a console button; `run`, answering with texts from `core/i18n/owner.ts`.
 */
import { audienceCommand } from "./audience.ts";
import { audienceDeleteCommand } from "./audience-delete.ts";
import { audienceSaveCommand } from "./audience-save.ts";
import { audiencesCommand } from "./audiences.ts";
import { auditCommand } from "./audit.ts";
import { automationCommand } from "./automation.ts";
import { automationChangeCommand } from "./automation-change.ts";
import { automationNewCommand } from "./automation-new.ts";
import { automationsCommand } from "./automations.ts";
import { backupCommand } from "./backup.ts";
import { campaignCommand } from "./campaign.ts";
import { campaignCancelCommand } from "./campaign-cancel.ts";
import { campaignNewCommand } from "./campaign-new.ts";
import { campaignSendCommand } from "./campaign-send.ts";
import { campaignsCommand } from "./campaigns.ts";
import { customerCommand } from "./customer.ts";
import { customerEraseCommand } from "./customer-erase.ts";
import { customerExportCommand } from "./customer-export.ts";
import { customerConsentCommand } from "./customer-consent.ts";
import { customerNoteCommand } from "./customer-note.ts";
import { conversationNoteCommand } from "./conversation-note.ts";
import { customersCommand } from "./customers.ts";
import type { CommandOf } from "./define-command.ts";
import { digestCommand } from "./digest.ts";
import { faqAddCommand } from "./faq-add.ts";
import { faqListCommand } from "./faq-list.ts";
import { faqRemoveCommand } from "./faq-remove.ts";
import { forecastCommand } from "./forecast.ts";
import { funnelCommand } from "./funnel.ts";
import { helpCommand } from "./help.ts";
import { hotLeadsCommand } from "./hot-leads.ts";
import { inboxCommand } from "./inbox.ts";
import { leadCommand } from "./lead.ts";
import { leadsCommand } from "./leads.ts";
import { orderCommand } from "./order.ts";
import { ordersCommand } from "./orders.ts";
import { productAddCommand } from "./product-add.ts";
import { productUpdateCommand } from "./product-update.ts";
import { promoCommand } from "./promo.ts";
import { promoAddCommand } from "./promo-add.ts";
import { promoEndCommand } from "./promo-end.ts";
import { promosCommand } from "./promos.ts";
import { refundCommand } from "./refund.ts";
import { refundsCommand } from "./refunds.ts";
import { replyCommand } from "./reply.ts";
import { restockCommand } from "./restock.ts";
import { resumeCommand } from "./resume.ts";
import { retrainCommand } from "./retrain.ts";
import { reviewCommand } from "./review.ts";
import { salesCommand } from "./sales.ts";
import { segmentsCommand } from "./segments.ts";
import { setStockCommand } from "./set-stock.ts";
import { settingsCommand } from "./settings.ts";
import { stockCommand } from "./stock.ts";
import { stockPlanCommand } from "./stock-plan.ts";
import { topCustomersCommand } from "./top-customers.ts";
import { trackingCommand } from "./tracking.ts";

export const OWNER_COMMANDS = [
  helpCommand,
  leadsCommand,
  leadCommand,
  ordersCommand,
  orderCommand,
  trackingCommand,
  refundCommand,
  refundsCommand,
  stockCommand,
  stockPlanCommand,
  setStockCommand,
  restockCommand,
  productAddCommand,
  productUpdateCommand,
  customersCommand,
  customerCommand,
  customerExportCommand,
  customerEraseCommand,
  customerConsentCommand,
  customerNoteCommand,
  funnelCommand,
  inboxCommand,
  replyCommand,
  conversationNoteCommand,
  resumeCommand,
  salesCommand,
  forecastCommand,
  digestCommand,
  segmentsCommand,
  topCustomersCommand,
  hotLeadsCommand,
  audiencesCommand,
  audienceCommand,
  audienceSaveCommand,
  audienceDeleteCommand,
  faqListCommand,
  faqAddCommand,
  faqRemoveCommand,
  reviewCommand,
  retrainCommand,
  campaignsCommand,
  campaignNewCommand,
  campaignCommand,
  campaignSendCommand,
  campaignCancelCommand,
  automationsCommand,
  automationNewCommand,
  automationCommand,
  automationChangeCommand,
  promosCommand,
  promoAddCommand,
  promoCommand,
  promoEndCommand,
  backupCommand,
  settingsCommand,
  auditCommand,
] as const;

/** A command ready to run: `{ command: verb, ...args }`, its arguments valid for that verb's schema. */
export type TOwnerCommand = CommandOf<(typeof OWNER_COMMANDS)[number]>;
/** The name of a registered command. */
export type TOwnerVerb = TOwnerCommand["command"];
