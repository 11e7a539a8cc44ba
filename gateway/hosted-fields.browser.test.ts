// The hosted fields in real Chromium: framed by a parent page on an allowed origin, typed into,
// tokenized over postMessage; axe (WCAG 2.1 A and AA) on the card and bank forms.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPaymentJson } from "./store";
import { paymentBody, PUBLISHABLE_KEY, startTestGateway, type TTestGateway } from "./test/harness";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type TMessage = { type: string; [key: string]: unknown };

/** The portal's side, reduced to what the protocol needs: an iframe and a message listener. */
const parentPage = (gatewayUrl: string, fieldsUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay a bill</title></head>
<body><main><h1>Pay a bill</h1>
<iframe id="fields" title="Card details" src="${fieldsUrl}" style="width:100%;height:320px;border:0"></iframe>
</main>
<script>
  window.gatewayMessages = [];
  window.addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(gatewayUrl)}) return;
    window.gatewayMessages.push(event.data);
    if (event.data.type === "gateway:resize") document.getElementById("fields").style.height = event.data.height + "px";
  });
  window.tokenize = () =>
    document.getElementById("fields").contentWindow.postMessage({ type: "gateway:tokenize" }, ${JSON.stringify(gatewayUrl)});
</script></body></html>`;

let parent: Server;
let parentPort = 0;
let gw: TTestGateway;
let browser: Browser;

const parentOrigin = () => `http://localhost:${parentPort}`;
const fieldsUrl = (kind: "card" | "ach", origin = parentOrigin(), lang?: string) =>
  `${gw.url}/hosted-fields?${new URLSearchParams({ key: PUBLISHABLE_KEY, origin, kind, ...(lang ? { lang } : {}) })}`;

beforeAll(async () => {
  parent = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://parent.invalid");
    const kind = url.searchParams.get("kind") === "ach" ? "ach" : "card";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    // The iframe always claims the allowed origin, whatever origin this page is really served from.
    res.end(parentPage(gw.url, fieldsUrl(kind, parentOrigin(), url.searchParams.get("lang") ?? undefined)));
  });
  await new Promise<void>((resolve) => parent.listen(0, "127.0.0.1", resolve));
  parentPort = (parent.address() as AddressInfo).port;
  // The gateway on 127.0.0.1, the parent on localhost: two origins, as in production.
  gw = await startTestGateway({ allowedOrigins: [parentOrigin()] });
  browser = await chromium.launch({
    executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await new Promise<void>((resolve) => (parent ? parent.close(() => resolve()) : resolve()));
});

const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { gatewayMessages: TMessage[] }).gatewayMessages);

const waitForMessage = async (page: Page, type: string, after = 0) => {
  await page.waitForFunction(
    ([t, n]) =>
      (window as unknown as { gatewayMessages: TMessage[] }).gatewayMessages
        .slice(n as number)
        .some((m) => m.type === t),
    [type, after],
  );
  return (await messages(page)).slice(after).find((m) => m.type === type) as TMessage;
};

/** A page in a fresh browser context (axe needs one it can open pages in). */
const newPage = async () => (await browser.newContext()).newPage();

/** Collects console errors (a CSP violation shows up there). */
const consoleErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

describe("hosted fields in Chromium", () => {
  it("a parent on an allowed origin gets a token for 4111 1111 1111 1111 over postMessage", async () => {
    const page = await newPage();
    const errors = consoleErrors(page);
    try {
      await page.goto(`${parentOrigin()}/`);
      await waitForMessage(page, "gateway:ready");
      const resize = await waitForMessage(page, "gateway:resize");
      expect(resize.height).toBeGreaterThan(100);

      // (The same check as for a refused parent below, here finding the form.)
      const loaded = page.frames().find((f) => f !== page.mainFrame());
      expect(await loaded?.locator("input").count()).toBe(4);

      const frame = page.frameLocator("#fields");
      const number = frame.getByLabel("Card number");
      await number.pressSequentially("4111111111111111");
      await expect.poll(() => number.inputValue()).toBe("4111 1111 1111 1111");
      expect(await frame.locator("#number-status").textContent()).toBe("Visa card");
      const expiry = frame.getByLabel("Expiration date");
      await expiry.pressSequentially("1230");
      expect(await expiry.inputValue()).toBe("12/30");
      await frame.getByLabel("Security code (CVV)").pressSequentially("123");
      await frame.getByLabel("Billing ZIP code").pressSequentially("19103");

      const before = (await messages(page)).length;
      await page.evaluate(() => (window as unknown as { tokenize: () => void }).tokenize());
      const token = await waitForMessage(page, "gateway:token", before);
      expect(token).toEqual({
        type: "gateway:token",
        token: expect.stringMatching(/^tok_/),
        kind: "card",
        brand: "visa",
        last4: "1111",
        exp_month: 12,
        exp_year: 2030,
        bank_account_type: null,
      });
      // Nothing but the protocol reached the parent: no number in any message.
      expect(JSON.stringify(await messages(page))).not.toContain("4111111111111111");

      // The portal's server pays with it.
      const payment = await gw.api.post<TPaymentJson>("/v1/payments", paymentBody(String(token.token)));
      expect(payment.status).toBe(201);
      expect(payment.body).toMatchObject({ status: "approved", method: { brand: "visa", last4: "1111" } });
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("answers gateway:invalid and shows the errors, announced and tied to their fields", async () => {
    const page = await newPage();
    try {
      await page.goto(`${parentOrigin()}/`);
      await waitForMessage(page, "gateway:ready");
      const frame = page.frameLocator("#fields");
      await frame.getByLabel("Card number").pressSequentially("4111111111111112");
      await frame.getByLabel("Expiration date").pressSequentially("0120");
      await frame.getByLabel("Security code (CVV)").pressSequentially("12");

      const before = (await messages(page)).length;
      await page.evaluate(() => (window as unknown as { tokenize: () => void }).tokenize());
      const invalid = await waitForMessage(page, "gateway:invalid", before);
      expect(invalid).toEqual({
        type: "gateway:invalid",
        fields: {
          number: "Enter a valid card number.",
          expiry: "This card has expired. Check the date or use another card.",
          cvv: "Enter the 3-digit security code on the back of the card.",
          zip: "Enter the 5-digit billing ZIP code.",
        },
      });
      const number = frame.getByLabel("Card number");
      await expect.poll(() => number.getAttribute("aria-invalid")).toBe("true");
      expect(await number.getAttribute("aria-describedby")).toContain("number-error");
      const error = frame.locator("#number-error");
      expect(await error.textContent()).toBe("Enter a valid card number.");
      expect(await error.getAttribute("aria-live")).toBe("polite");
      expect(await error.isVisible()).toBe(true);
      // Focus goes to the first field in error.
      await expect.poll(() => frame.locator(":focus").getAttribute("id")).toBe("number");
      expect((await messages(page)).some((m) => m.type === "gateway:token")).toBe(false);

      // Fixing the field clears its error as it is typed.
      await number.fill("");
      await number.pressSequentially("5555555555554444");
      await expect.poll(() => number.getAttribute("aria-invalid")).toBe("false");
      expect(await frame.locator("#number-status").textContent()).toBe("Mastercard card");
    } finally {
      await page.context().close();
    }
  });

  it("in Spanish (lang=es from the parent): lang, labels, the brand and every error in Spanish; the parent still gets a token", async () => {
    const page = await newPage();
    const errors = consoleErrors(page);
    try {
      await page.goto(`${parentOrigin()}/?lang=es`);
      await waitForMessage(page, "gateway:ready");
      const frame = page.frameLocator("#fields");
      expect(await frame.locator("html").getAttribute("lang")).toBe("es");
      const number = frame.getByLabel("Número de tarjeta");
      await number.pressSequentially("4111111111111112");
      await frame.getByLabel("Fecha de vencimiento").pressSequentially("0120");
      const before = (await messages(page)).length;
      await page.evaluate(() => (window as unknown as { tokenize: () => void }).tokenize());
      await waitForMessage(page, "gateway:invalid", before);
      expect(await frame.locator("#number-error").textContent()).toBe("Escriba un número de tarjeta válido.");
      expect(await frame.locator("#expiry-error").textContent()).toBe(
        "Esta tarjeta está vencida. Revise la fecha o use otra tarjeta.",
      );
      expect(await frame.locator("#zip-error").textContent()).toBe(
        "Escriba el código postal de facturación de 5 dígitos.",
      );

      await number.fill("");
      await number.pressSequentially("4111111111111111");
      expect(await frame.locator("#number-status").textContent()).toBe("Tarjeta Visa");
      const expiry = frame.getByLabel("Fecha de vencimiento");
      await expiry.fill("");
      await expiry.pressSequentially("1230");
      await frame.getByLabel("Código de seguridad (CVV)").pressSequentially("123");
      await frame.getByLabel("Código postal de facturación").pressSequentially("19103");
      const again = (await messages(page)).length;
      await page.evaluate(() => (window as unknown as { tokenize: () => void }).tokenize());
      const token = await waitForMessage(page, "gateway:token", again);
      expect(token).toMatchObject({ type: "gateway:token", brand: "visa", last4: "1111" });
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("does not load inside a page of another origin, even one that names an allowed origin", async () => {
    const page = await newPage();
    try {
      // The same parent page, served from 127.0.0.1 instead of localhost: not an allowed origin.
      await page.goto(`http://127.0.0.1:${parentPort}/`);
      await page.waitForTimeout(1000);
      expect(await messages(page)).toEqual([]);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const inputs = frame
        ? await frame
            .locator("input")
            .count()
            .catch(() => 0)
        : 0;
      expect(inputs).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe("accessibility of the hosted fields", () => {
  const axe = async (page: Page) => {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    // axe really ran its form checks on this page (it did not just find nothing to look at).
    expect(results.passes.map((r) => r.id)).toEqual(
      expect.arrayContaining(["label", "color-contrast", "html-has-lang"]),
    );
    return results.violations;
  };

  it("the card form has no WCAG 2.1 AA violations, with and without errors; targets are 44 px; focus is visible", async () => {
    const page = await newPage();
    const errors = consoleErrors(page);
    try {
      await page.goto(fieldsUrl("card"));
      await page.getByLabel("Card number").waitFor();
      expect(await axe(page)).toEqual([]);

      for (const label of ["Card number", "Expiration date", "Security code (CVV)", "Billing ZIP code"]) {
        const box = await page.getByLabel(label).boundingBox();
        expect(box?.height, label).toBeGreaterThanOrEqual(44);
      }
      await page.keyboard.press("Tab");
      const focused = page.locator(":focus");
      expect(await focused.getAttribute("id")).toBe("number");
      expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
      expect(await focused.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe("3px");

      // Errors appear when a field is left with a bad value.
      await page.getByLabel("Card number").pressSequentially("4111 1111");
      await page.getByLabel("Expiration date").pressSequentially("13");
      await page.getByLabel("Security code (CVV)").pressSequentially("1");
      await page.getByLabel("Billing ZIP code").focus();
      await expect.poll(() => page.locator("#number-error").textContent()).toBe("Enter a valid card number.");
      await expect.poll(() => page.locator("#expiry-error").textContent()).not.toBe("");
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("the bank-account form has no WCAG 2.1 AA violations; its choices are 44 px targets", async () => {
    const page = await newPage();
    try {
      await page.goto(fieldsUrl("ach"));
      await page.getByLabel("Routing number").waitFor();
      expect(await axe(page)).toEqual([]);
      for (const label of ["Checking", "Savings"]) {
        const box = await page.locator("label.choice", { hasText: label }).boundingBox();
        expect(box?.height, label).toBeGreaterThanOrEqual(44);
      }
      await page.getByLabel("Routing number").pressSequentially("011000016");
      await page.getByLabel("Account number").focus();
      await expect.poll(() => page.locator("#routing_number-error").textContent()).toContain("not valid");
      expect(await axe(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("a bank account tokenizes from the frame too", async () => {
    const page = await newPage();
    try {
      await page.goto(`${parentOrigin()}/?kind=ach`);
      await waitForMessage(page, "gateway:ready");
      const frame = page.frameLocator("#fields");
      await frame.getByLabel("Routing number").pressSequentially("011000015");
      await frame.getByLabel("Account number").pressSequentially("000123456789");
      await frame.getByLabel("Savings").check();
      const before = (await messages(page)).length;
      await page.evaluate(() => (window as unknown as { tokenize: () => void }).tokenize());
      const token = await waitForMessage(page, "gateway:token", before);
      expect(token).toMatchObject({
        kind: "ach",
        brand: null,
        last4: "6789",
        bank_account_type: "savings",
        exp_month: null,
      });
    } finally {
      await page.context().close();
    }
  });
});
