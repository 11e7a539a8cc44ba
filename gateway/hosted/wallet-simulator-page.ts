/**
 * The wallet simulator's page (sandbox only): a stand-in for the Apple Pay and Google Pay
 * payment sheets in browsers that have neither. The portal shows it in an iframe inside a modal
 * dialog; its script (wallet-simulator.js) mints a sandbox wallet token on this origin for the
 * chosen test card and posts the wallet's answer to the one parent origin the URL names.
 */
import { SIMULATOR_CARDS, BRAND_NAMES, type TWalletKind } from "../wallets";
import { escapeHtml } from "./page";
import { INTL_LOCALES, say, type TLang } from "./strings.js";

export const WALLET_SIMULATOR_MAX_LABEL = 100;

const TITLES: Record<TWalletKind, string> = {
  apple_pay: "Sandbox Apple Pay",
  google_pay: "Sandbox Google Pay",
};

const formatAmount = (cents: number, currency: string, lang: TLang) =>
  new Intl.NumberFormat(INTL_LOCALES[lang], { style: "currency", currency }).format(cents / 100);

const cardsHtml = (lang: TLang) =>
  SIMULATOR_CARDS.map(
    (card, i) => `
        <label class="choice"><input type="radio" name="card" value="${card.id}"${i === 0 ? " checked" : ""}>
          <span class="choice-text"><span class="card-name">${escapeHtml(
            say(lang, "{brand} ending in {last4}", {
              brand: BRAND_NAMES[card.brand] ?? card.brand,
              last4: card.number.slice(-4),
            }),
          )}</span> <span class="card-result">${escapeHtml(say(lang, card.result))}</span></span></label>`,
  ).join("");

const authMethodHtml = (lang: TLang) => `
      <fieldset class="group" role="radiogroup">
        <legend>${escapeHtml(say(lang, "How Google Pay sends the card"))}</legend>
        <label class="choice"><input type="radio" name="auth_method" value="CRYPTOGRAM_3DS" checked>
          <span class="choice-text">${escapeHtml(say(lang, "Card on this device, as a device token (CRYPTOGRAM_3DS)"))}</span></label>
        <label class="choice"><input type="radio" name="auth_method" value="PAN_ONLY">
          <span class="choice-text">${escapeHtml(say(lang, "Card saved in the Google account (PAN_ONLY, can be saved for later)"))}</span></label>
      </fieldset>`;

export const walletSimulatorHtml = ({
  kind,
  parentOrigin,
  publishableKey,
  amountCents,
  currency,
  label,
  lang = "en",
}: {
  kind: TWalletKind;
  parentOrigin: string;
  publishableKey: string;
  amountCents: number;
  currency: string;
  label: string;
  /** The embedding page's language (strings.js); English by default. */
  lang?: TLang;
}) => {
  const title = escapeHtml(say(lang, TITLES[kind]));
  const amount = formatAmount(amountCents, currency, lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${title}</title>
  <link rel="stylesheet" href="/hosted/wallet-simulator.css">
  <script type="module" src="/hosted/wallet-simulator.js"></script>
</head>
<body class="sheet-${kind}">
  <main>
    <h1 id="sheet-title">${title}</h1>
    <p class="badge">${escapeHtml(say(lang, "Sandbox: test cards only, no real payment is made."))}</p>
    <dl class="summary">
      <div><dt>${escapeHtml(say(lang, "Pay to"))}</dt><dd>${escapeHtml(label)}</dd></div>
      <div><dt>${escapeHtml(say(lang, "Total"))}</dt><dd class="amount">${escapeHtml(amount)}</dd></div>
    </dl>
    <form id="wallet" novalidate aria-labelledby="sheet-title"
      data-kind="${kind}" data-lang="${lang}" data-origin="${escapeHtml(parentOrigin)}" data-key="${escapeHtml(publishableKey)}">
      <fieldset class="group" role="radiogroup">
        <legend>${escapeHtml(say(lang, "Card"))}</legend>${cardsHtml(lang)}
      </fieldset>${kind === "google_pay" ? authMethodHtml(lang) : ""}
      <p class="error" id="form-error" aria-live="assertive"></p>
      <div class="actions">
        <button type="submit" id="pay" class="pay">${escapeHtml(say(lang, "Pay {amount}", { amount }))}</button>
        <button type="button" id="cancel" class="cancel">${escapeHtml(say(lang, "Cancel"))}</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
};
