/**
 * The hosted-fields page: the only place a card or bank number is typed. It is served by the
 * gateway on its own origin inside the portal's iframe; its script (hosted-fields.js) talks to the
 * parent only with postMessage and only to the parent origin the URL names.
 */

import { say, type TLang } from "./strings.js";

export type TFieldsKind = "card" | "ach";

/** For text and attribute values in the hosted pages. */
export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** CSP of the page: its own script, style and fetch only; framed only by the parent origin it was asked for. */
export const hostedFieldsCsp = (parentOrigin: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${parentOrigin}`,
    "require-trusted-types-for 'script'",
  ].join("; ");

/** For a refused request: no script, and no one may frame it. */
export const REFUSED_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type TField = {
  id: string;
  label: string;
  hint?: string;
  autocomplete: string;
  inputmode?: string;
  maxlength: number;
  placeholder?: string;
  /** An extra live region, e.g. the detected card brand. */
  status?: boolean;
  size?: "wide" | "narrow";
};

const CARD: TField[] = [
  {
    id: "number",
    label: "Card number",
    hint: "Visa, Mastercard, American Express or Discover",
    autocomplete: "cc-number",
    inputmode: "numeric",
    maxlength: 23,
    status: true,
    size: "wide",
  },
  {
    id: "expiry",
    label: "Expiration date",
    hint: "MM/YY",
    autocomplete: "cc-exp",
    inputmode: "numeric",
    maxlength: 5,
    size: "narrow",
  },
  {
    id: "cvv",
    label: "Security code (CVV)",
    hint: "3 digits on the back; 4 on the front for American Express",
    autocomplete: "cc-csc",
    inputmode: "numeric",
    maxlength: 4,
    size: "narrow",
  },
  {
    id: "zip",
    label: "Billing ZIP code",
    hint: "5 digits",
    autocomplete: "postal-code",
    inputmode: "numeric",
    maxlength: 5,
    size: "narrow",
  },
];

const ACH: TField[] = [
  {
    id: "routing_number",
    label: "Routing number",
    hint: "9 digits, at the bottom left of a check",
    autocomplete: "off",
    inputmode: "numeric",
    maxlength: 9,
    size: "wide",
  },
  {
    id: "account_number",
    label: "Account number",
    hint: "4 to 17 digits",
    autocomplete: "off",
    inputmode: "numeric",
    maxlength: 17,
    size: "wide",
  },
];

const inputHtml = (f: TField, lang: TLang) => {
  const describedBy = [f.hint ? `${f.id}-hint` : null, f.status ? `${f.id}-status` : null, `${f.id}-error`]
    .filter(Boolean)
    .join(" ");
  return `
    <div class="field field-${f.size ?? "wide"}">
      <label for="${f.id}">${escapeHtml(say(lang, f.label))}</label>
      ${f.hint ? `<p class="hint" id="${f.id}-hint">${escapeHtml(say(lang, f.hint))}</p>` : ""}
      <input id="${f.id}" name="${f.id}" type="text" autocomplete="${f.autocomplete}"${
        f.inputmode ? ` inputmode="${f.inputmode}"` : ""
      } maxlength="${f.maxlength}" spellcheck="false" autocapitalize="off" aria-describedby="${describedBy}" aria-invalid="false">
      ${f.status ? `<p class="status" id="${f.id}-status" aria-live="polite"></p>` : ""}
      <p class="error" id="${f.id}-error" aria-live="polite"></p>
    </div>`;
};

const accountTypeHtml = (lang: TLang) => `
    <fieldset class="field field-wide" id="account_type" aria-describedby="account_type-error">
      <legend>${escapeHtml(say(lang, "Account type"))}</legend>
      <div class="choices">
        <label class="choice"><input type="radio" name="account_type" value="checking" checked> ${escapeHtml(say(lang, "Checking"))}</label>
        <label class="choice"><input type="radio" name="account_type" value="savings"> ${escapeHtml(say(lang, "Savings"))}</label>
      </div>
      <p class="error" id="account_type-error" aria-live="polite"></p>
    </fieldset>`;

/** The card or bank form in `lang` (strings.js; English unless the embedding page asked for another). */
export const hostedFieldsHtml = ({
  kind,
  parentOrigin,
  publishableKey,
  lang = "en",
}: {
  kind: TFieldsKind;
  parentOrigin: string;
  publishableKey: string;
  lang?: TLang;
}) => {
  const title = escapeHtml(say(lang, kind === "card" ? "Card details" : "Bank account details"));
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${title}</title>
  <link rel="stylesheet" href="/hosted/hosted-fields.css">
  <script type="module" src="/hosted/hosted-fields.js"></script>
</head>
<body>
  <main>
    <form id="hosted-fields" novalidate autocomplete="on" aria-label="${title}"
      data-kind="${kind}" data-lang="${lang}" data-origin="${escapeHtml(parentOrigin)}" data-key="${escapeHtml(publishableKey)}">
      <div class="fields">${(kind === "card" ? CARD : ACH).map((f) => inputHtml(f, lang)).join("")}${kind === "ach" ? accountTypeHtml(lang) : ""}
      </div>
      <p class="error" id="form-error" aria-live="polite"></p>
    </form>
  </main>
</body>
</html>
`;
};

export const refusedHtml = (reason: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Payment form unavailable</title>
</head>
<body>
  <main>
    <h1>Payment form unavailable</h1>
    <p>${escapeHtml(reason)}</p>
  </main>
</body>
</html>
`;
