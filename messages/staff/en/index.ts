import layout from "./layout.json";
import search from "./search.json";
import dashboard from "./dashboard.json";
import accounts from "./accounts.json";
import plans from "./plans.json";
import payments from "./payments.json";
import reports from "./reports.json";
import files from "./files.json";
import messages from "./messages.json";
import users from "./users.json";
import integrations from "./integrations.json";
import settings from "./settings.json";

/**
 * The staff console's messages, English only (issue 15; docs/i18n.md, "The staff console"): one
 * file per area, gathered here. lib/i18n/messages.ts merges them into every locale's messages,
 * so a staff page reads English whatever the reader's language. Each namespace (the top-level
 * key, `Staff…`) lives in one file only and is in no patient file.
 */
const staffMessages = {
  ...layout,
  ...search,
  ...dashboard,
  ...accounts,
  ...plans,
  ...payments,
  ...reports,
  ...files,
  ...messages,
  ...users,
  ...integrations,
  ...settings,
};

export default staffMessages;

/** The staff namespaces: what the staff layout's NextIntlClientProvider passes to client components. */
export const STAFF_NAMESPACES = Object.keys(staffMessages) as (keyof typeof staffMessages)[];
