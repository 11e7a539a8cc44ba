import layout from "./layout.json";
import guest from "./guest.json";
import statements from "./statements.json";
import receipts from "./receipts.json";
import pay from "./pay.json";
import auth from "./auth.json";
import errors from "./errors.json";
import family from "./family.json";
import profile from "./profile.json";
import sharing from "./sharing.json";
import bills from "./bills.json";
import plans from "./plans.json";
import autopay from "./autopay.json";
import wallet from "./wallet.json";

/**
 * The English messages, one file per area of the portal (docs/i18n.md). Each namespace
 * (the top-level key) lives in one file only; add a file here when a new area is translated.
 */
const messages = {
  ...layout,
  ...guest,
  ...statements,
  ...receipts,
  ...pay,
  ...auth,
  ...errors,
  ...family,
  ...profile,
  ...sharing,
  ...bills,
  ...plans,
  ...autopay,
  ...wallet,
};

export default messages;
