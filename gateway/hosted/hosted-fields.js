// The hosted fields' script (served as /hosted/hosted-fields.js, an ES module). It formats and
// checks the fields as they are typed, and on the parent's {type: "gateway:tokenize"} posts the
// numbers to its own origin (POST /hosted/tokens) and hands the parent a token, never a number.
// Every message goes to the one parent origin named in the page's URL, and only messages from that
// origin, sent by the parent window, are heard.
import {
  ACH_FIELDS,
  BRAND_LABELS,
  CARD_FIELDS,
  detectBrand,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  validateAch,
  validateCard,
} from "./rules.js";
import { connectToParent } from "./parent-frame.js";
import { pickLang, say } from "./strings.js";

const form = document.getElementById("hosted-fields");
const { kind, origin: parentOrigin, key } = form.dataset;
// The language the embedding page asked for (the page is rendered in it; these are the words written here).
const lang = pickLang(form.dataset.lang);
const fieldNames = kind === "ach" ? ACH_FIELDS : CARD_FIELDS;
const { post, ready } = connectToParent(parentOrigin);

const byId = (id) => document.getElementById(id);

const valueOf = (name) => {
  if (name === "account_type") {
    const checked = form.querySelector('input[name="account_type"]:checked');
    return checked ? checked.value : "";
  }
  return byId(name).value;
};

const values = () => Object.fromEntries(fieldNames.map((name) => [name, valueOf(name)]));

const check = () => (kind === "ach" ? validateAch(values()) : validateCard(values(), new Date()));

const focusTarget = (name) =>
  name === "account_type" ? form.querySelector('input[name="account_type"]') : byId(name);

const setFieldError = (name, message) => {
  byId(`${name}-error`).textContent = message ? say(lang, message) : "";
  if (name !== "account_type") byId(name).setAttribute("aria-invalid", message ? "true" : "false");
};

/** Shows these errors (and clears the others); optionally moves focus to the first. */
const showErrors = (fields, { focus = false } = {}) => {
  let first = null;
  for (const name of fieldNames) {
    setFieldError(name, fields[name]);
    if (fields[name] && !first) first = name;
  }
  byId("form-error").textContent = fields.form ? say(lang, fields.form) : "";
  if (focus && first) focusTarget(first).focus();
};

const touched = new Set();

/** After a field is left (or, once it shows an error, as it is corrected): its own message only. */
const recheck = (name) => {
  const result = check();
  setFieldError(name, result.ok ? "" : result.fields[name]);
};

// Card number: spaced as typed (4-4-4-4, American Express 4-6-5), caret kept after the same digit.
const onNumberInput = (input) => {
  const caret = input.selectionStart ?? input.value.length;
  const digitsBefore = digitsOnly(input.value.slice(0, caret)).length;
  const formatted = formatCardNumber(input.value);
  input.value = formatted;
  let position = 0;
  for (let seen = 0; position < formatted.length && seen < digitsBefore; position++) {
    if (/\d/.test(formatted[position])) seen++;
  }
  if (document.activeElement === input) input.setSelectionRange(position, position);
  const brand = detectBrand(digitsOnly(formatted));
  const status = byId("number-status");
  const text = brand ? say(lang, "{brand} card", { brand: BRAND_LABELS[brand] }) : "";
  if (status.textContent !== text) status.textContent = text;
  byId("cvv").maxLength = brand === "amex" ? 4 : 3;
};

const onExpiryInput = (input, event) => {
  let value = formatExpiry(input.value);
  if (event.inputType && event.inputType.startsWith("insert") && value.length === 2) value += "/";
  input.value = value;
};

for (const name of fieldNames) {
  if (name === "account_type") continue;
  const input = byId(name);
  input.addEventListener("input", (event) => {
    if (name === "number") onNumberInput(input);
    else if (name === "expiry") onExpiryInput(input, event);
    else input.value = digitsOnly(input.value);
    if (input.getAttribute("aria-invalid") === "true") recheck(name);
  });
  input.addEventListener("blur", () => {
    if (input.value !== "") touched.add(name);
    if (touched.has(name)) recheck(name);
  });
}

let busy = false;

const tokenize = async () => {
  if (busy) return;
  const result = check();
  if (!result.ok) {
    showErrors(result.fields, { focus: true });
    post({ type: "gateway:invalid", fields: result.fields });
    return;
  }
  busy = true;
  form.setAttribute("aria-busy", "true");
  try {
    const response = await fetch("/hosted/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key, origin: parentOrigin, kind, ...values() }),
      credentials: "omit",
      cache: "no-store",
    });
    const data = await response.json().catch(() => null);
    if (response.ok && data && typeof data.token === "string") {
      showErrors({});
      post({
        type: "gateway:token",
        token: data.token,
        kind: data.kind,
        brand: data.brand,
        last4: data.last4,
        exp_month: data.exp_month,
        exp_year: data.exp_year,
        bank_account_type: data.bank_account_type,
      });
      return;
    }
    const fields =
      data && data.error && data.error.fields
        ? data.error.fields
        : { form: "These details could not be checked just now. Please try again." };
    showErrors(fields, { focus: true });
    post({ type: "gateway:invalid", fields });
  } catch {
    const fields = { form: "These details could not be checked just now. Please try again." };
    showErrors(fields);
    post({ type: "gateway:invalid", fields });
  } finally {
    busy = false;
    form.removeAttribute("aria-busy");
  }
};

window.addEventListener("message", (event) => {
  if (event.origin !== parentOrigin || event.source !== window.parent) return;
  if (event.data && event.data.type === "gateway:tokenize") void tokenize();
});

// The form never submits itself: Enter in a field does nothing but keep the numbers here.
form.addEventListener("submit", (event) => event.preventDefault());

ready({ type: "gateway:ready" });
