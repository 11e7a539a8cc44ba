// The hosted pages' words in each language they speak (the hosted fields and the wallet
// simulator). Served to the browser as /hosted/strings.js (an ES module) for the words the
// scripts write, and read by the gateway's server for the pages it renders. English is the
// gateway's own language: a page speaks Spanish when the page that embeds it asks for it
// (`lang=es`), English otherwise. Each Spanish message is keyed by its English words, so the
// messages of rules.js (which the server also answers with) are said again in the page's language.
// Plain JavaScript so the browser can load it as is; strings.d.ts gives TypeScript its types.

/** @typedef {"en" | "es"} Lang */

/** The languages the hosted pages speak; the first is the default. */
export const LANGS = ["en", "es"];

/** The language asked for ("es", "es-MX") if the pages speak it, else English. */
export const pickLang = (value) => {
  const base = String(value ?? "")
    .trim()
    .toLowerCase()
    .split("-")[0];
  return LANGS.includes(base) ? base : "en";
};

/** Spanish (US, addressed as usted), keyed by the English words. */
const ES = {
  // The card and bank forms.
  "Card details": "Datos de la tarjeta",
  "Bank account details": "Datos de la cuenta bancaria",
  "Card number": "Número de tarjeta",
  "Visa, Mastercard, American Express or Discover": "Visa, Mastercard, American Express o Discover",
  "Expiration date": "Fecha de vencimiento",
  "MM/YY": "MM/AA",
  "Security code (CVV)": "Código de seguridad (CVV)",
  "3 digits on the back; 4 on the front for American Express":
    "3 dígitos en el reverso; 4 en el frente para American Express",
  "Billing ZIP code": "Código postal de facturación",
  "5 digits": "5 dígitos",
  "Routing number": "Número de ruta",
  "9 digits, at the bottom left of a check": "9 dígitos, en la parte inferior izquierda de un cheque",
  "Account number": "Número de cuenta",
  "4 to 17 digits": "De 4 a 17 dígitos",
  "Account type": "Tipo de cuenta",
  Checking: "Corriente",
  Savings: "Ahorros",
  "{brand} card": "Tarjeta {brand}",
  "These details could not be checked just now. Please try again.":
    "No pudimos verificar estos datos en este momento. Vuelva a intentarlo.",
  // rules.js: what is wrong with a field.
  "Enter the card number.": "Escriba el número de tarjeta.",
  "Enter a valid card number.": "Escriba un número de tarjeta válido.",
  "We accept Visa, Mastercard, American Express and Discover.":
    "Aceptamos Visa, Mastercard, American Express y Discover.",
  "Enter the expiration date as MM/YY.": "Escriba la fecha de vencimiento como MM/AA.",
  "Enter the expiration date as MM/YY, for example 04/29.":
    "Escriba la fecha de vencimiento como MM/AA; por ejemplo, 04/29.",
  "This card has expired. Check the date or use another card.":
    "Esta tarjeta está vencida. Revise la fecha o use otra tarjeta.",
  "Enter the 4-digit security code on the front of the card.":
    "Escriba el código de seguridad de 4 dígitos que está en el frente de la tarjeta.",
  "Enter the 3-digit security code on the back of the card.":
    "Escriba el código de seguridad de 3 dígitos que está en el reverso de la tarjeta.",
  "Enter the 5-digit billing ZIP code.": "Escriba el código postal de facturación de 5 dígitos.",
  "Enter the 9-digit routing number.": "Escriba el número de ruta de 9 dígitos.",
  "This routing number is not valid. Check it on a check.":
    "Este número de ruta no es válido. Compárelo con el de un cheque.",
  "Enter the account number: 4 to 17 digits.": "Escriba el número de cuenta: de 4 a 17 dígitos.",
  "Choose checking or savings.": "Elija corriente o ahorros.",
  // The wallet simulator.
  "Sandbox Apple Pay": "Apple Pay de prueba",
  "Sandbox Google Pay": "Google Pay de prueba",
  "Sandbox: test cards only, no real payment is made.":
    "Entorno de prueba: solo tarjetas de prueba; no se hace ningún pago real.",
  "Pay to": "Pagar a",
  Total: "Total",
  Card: "Tarjeta",
  "{brand} ending in {last4}": "{brand} terminada en {last4}",
  Approved: "Aprobada",
  Declined: "Rechazada",
  "Declined: insufficient funds": "Rechazada: fondos insuficientes",
  "Declined: expired card": "Rechazada: tarjeta vencida",
  "Processor error (nothing charged)": "Error del procesador (no se hace ningún cargo)",
  "How Google Pay sends the card": "Cómo envía Google Pay la tarjeta",
  "Card on this device, as a device token (CRYPTOGRAM_3DS)":
    "Tarjeta en este dispositivo, como token del dispositivo (CRYPTOGRAM_3DS)",
  "Card saved in the Google account (PAN_ONLY, can be saved for later)":
    "Tarjeta guardada en la cuenta de Google (PAN_ONLY; se puede guardar para más adelante)",
  "Pay {amount}": "Pagar {amount}",
  Cancel: "Cancelar",
  "The payment could not be authorised just now. Please try again.":
    "No se pudo autorizar el pago en este momento. Vuelva a intentarlo.",
};

/** Every language's words but English's, keyed by the English. */
export const TRANSLATIONS = { es: ES };

/** Intl locales for amounts: Spanish formats dollars as a US reader of Spanish expects them. */
export const INTL_LOCALES = { en: "en-US", es: "es-US" };

/**
 * `english` in `lang`, with its {placeholders} filled from `values`. Words without a
 * translation stay English (a new message is never lost, only untranslated).
 */
export const say = (lang, english, values = {}) => {
  const words = (lang !== "en" && TRANSLATIONS[lang]?.[english]) || english;
  return words.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
};
