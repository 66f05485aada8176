/**
 * The owner's dashboard as the web console serves it: the read models of each page, the CSV exports,
 * and the one way to change anything, the owner's commands (run with the dashboard as their actor,
 * so every click is in the audit trail like a typed command).
 */
import { dashboardMessagesFor, type DashboardMessages } from "../i18n/dashboard.ts";
import type { OwnerConsole, OwnerReply } from "../owner/handle-owner-command.ts";
import type { TOwnerCommand } from "../owner/parse-owner-command.ts";
import { buildDashboardOverview, type DashboardDeps, type DashboardOverview, type TOverviewDays } from "./build-dashboard-overview.ts";
import { exportCsv, type TCsvKind } from "./export-csv.ts";
import { listDashboardCustomers, type DashboardCustomerRow, type TCustomerQuery } from "./list-dashboard-customers.ts";
import { listDashboardInbox, type DashboardInboxConversation } from "./list-dashboard-inbox.ts";
import { listDashboardOrders, type DashboardOrderRow, type TOrderFilter } from "./list-dashboard-orders.ts";
import { listDashboardProducts, type DashboardProductRow } from "./list-dashboard-products.ts";
import { createOverviewCache } from "./overview-cache.ts";
import { listMisunderstoodMessages, type MisunderstoodGroup } from "./list-misunderstood-messages.ts";
import { showDashboardCustomer, type DashboardCustomer } from "./show-dashboard-customer.ts";

/** The actor of the dashboard's commands in the audit trail. */
export const DASHBOARD_ACTOR = "dashboard";

/** Something the page should show without a reload (a new order, lead or handoff; retraining done). */
export interface DashboardEvent {
  type: string;
  text: string;
}

/** Where retraining stands (see bot/customer-intent-model.ts). */
export interface DashboardRetraining {
  state: "idle" | "training" | "failed";
  finishedAt: string | null;
  error: string | null;
  report: { accuracyBefore: number; accuracyAfter: number; evaluated: number; ownerExamples: number } | null;
}

export interface Dashboard {
  labels(): DashboardMessages;
  overview(days: TOverviewDays): Promise<DashboardOverview>;
  customers(query: TCustomerQuery): Promise<{ total: number; rows: DashboardCustomerRow[] }>;
  customer(customerId: number): Promise<DashboardCustomer | null>;
  orders(filter: TOrderFilter): Promise<DashboardOrderRow[]>;
  products(): Promise<DashboardProductRow[]>;
  inbox(): Promise<DashboardInboxConversation[]>;
  misunderstood(): Promise<{ groups: MisunderstoodGroup[]; intents: readonly string[]; examples: number; retraining: DashboardRetraining }>;
  exportCsv(kind: TCsvKind): Promise<{ filename: string; content: string }>;
  /** Runs an owner command as the dashboard; never throws (a refusal is a reply). */
  run(command: TOwnerCommand): Promise<OwnerReply[]>;
}

export function createDashboard(deps: DashboardDeps & {
  owner: Pick<OwnerConsole, "execute">;
  lowConfidence: number;
  intents(): readonly string[];
  retraining(): DashboardRetraining;
}): Dashboard {
  const overviewCache = createOverviewCache();
  return {
    labels: () => dashboardMessagesFor(deps.locale),
    overview: (days) => buildDashboardOverview(deps, days, overviewCache),
    customers: (query) => listDashboardCustomers(deps, query),
    customer: (customerId) => showDashboardCustomer(deps, customerId),
    orders: (filter) => listDashboardOrders(deps, filter),
    products: () => listDashboardProducts(deps),
    inbox: () => listDashboardInbox(deps),
    async misunderstood() {
      const [groups, examples] = await Promise.all([listMisunderstoodMessages(deps), deps.db.intentExample.count()]);
      return { groups, intents: deps.intents(), examples, retraining: deps.retraining() };
    },
    exportCsv: (kind) => exportCsv(deps.db, kind),
    run: (command) => deps.owner.execute(command, { actor: DASHBOARD_ACTOR }),
  };
}
