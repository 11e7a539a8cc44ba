// The wallet simulator in real Chromium: inside an iframe in a modal dialog of a parent page on an
// allowed origin, a test card chosen, Pay, and the wallet's answer received over postMessage and
// paid with; Cancel; a foreign parent refused; axe (WCAG 2.1 A and AA) on both sheets.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPaymentJson } from "./store";
import {
  paymentBody,
  PUBLISHABLE_KEY,
  startTestGateway,
  walletSource,
  type TTestGateway,
  type TWalletMint,
} from "./test/harness";

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

/** The portal's pay page, reduced to the protocol: a modal dialog with the sheet in an iframe. */
const parentPage = (gatewayUrl: string, sheetUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay a bill</title></head>
<body><main><h1>Pay a bill</h1>
<dialog id="wallet" aria-label="Wallet payment">
  <iframe id="sheet" title="Wallet payment sheet" src="${sheetUrl}" style="width:420px;height:560px;border:0"></iframe>
</dialog>
</main>
<script>
  window.gatewayMessages = [];
  document.getElementById("wallet").showModal();
  window.addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(gatewayUrl)}) return;
    window.gatewayMessages.push(event.data);
    if (event.data.type === "gateway:resize") document.getElementById("sheet").style.height = event.data.height + "px";
    if (event.data.type === "gateway:wallet:authorized" || event.data.type === "gateway:wallet:cancelled")
      document.getElementById("wallet").close();
  });
</script></body></html>`;

let parent: Server;
let parentPort = 0;
let gw: TTestGateway;
let browser: Browser;

const parentOrigin = () => `http://localhost:${parentPort}`;
const sheetUrl = (kind: string, origin = parentOrigin()) =>
  `${gw.url}/wallet-simulator?${new URLSearchParams({
    kind,
    key: PUBLISHABLE_KEY,
    origin,
    amount_cents: "12540", // $125.40
    currency: "USD",
    label: "Riverside Family Medicine",
  })}`;

beforeAll(async () => {
  parent = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://parent.invalid");
    const kind = url.searchParams.get("kind") === "google_pay" ? "google_pay" : "apple_pay";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(parentPage(gw.url, sheetUrl(kind)));
  });
  await new Promise<void>((resolve) => parent.listen(0, "127.0.0.1", resolve));
  parentPort = (parent.address() as AddressInfo).port;
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

const waitForMessage = async (page: Page, type: string) => {
  await page.waitForFunction(
    (t) => (window as unknown as { gatewayMessages: TMessage[] }).gatewayMessages.some((m) => m.type === t),
    type,
  );
  return (await messages(page)).find((m) => m.type === type) as TMessage;
};

const newPage = async () => (await browser.newContext()).newPage();

const consoleErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

describe("the wallet simulator in Chromium", () => {
  it("Google Pay: Mastercard, PAN_ONLY, Pay → the parent gets PaymentData and the portal pays and saves with it", async () => {
    const page = await newPage();
    const errors = consoleErrors(page);
    try {
      await page.goto(`${parentOrigin()}/?kind=google_pay`);
      await waitForMessage(page, "gateway:ready");
      const sheet = page.frameLocator("#sheet");
      await expect
        .poll(() => sheet.getByRole("heading", { level: 1 }).textContent())
        .toBe("Sandbox Google Pay");
      expect(await sheet.locator(".amount").textContent()).toBe("$125.40");
      await sheet.getByRole("radio", { name: /Mastercard ending in 4444/ }).check();
      await sheet.getByRole("radio", { name: /PAN_ONLY/ }).check();
      await sheet.getByRole("button", { name: "Pay $125.40" }).click();

      const authorized = await waitForMessage(page, "gateway:wallet:authorized");
      expect(authorized).toMatchObject({
        kind: "google_pay",
        payload: {
          paymentMethodData: {
            info: { cardNetwork: "MASTERCARD", cardDetails: "4444" },
            tokenizationData: { type: "PAYMENT_GATEWAY" },
          },
        },
      });
      expect(await page.locator("#wallet").evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(JSON.stringify(await messages(page))).not.toContain("5555555555554444");

      const payment = await gw.api.post<TPaymentJson>("/v1/payments", {
        ...paymentBody("", 12540, { save_method: true }), // $125.40
        source: walletSource(authorized as unknown as TWalletMint),
      });
      expect(payment.body).toMatchObject({
        status: "approved",
        method: { kind: "google_pay", brand: "mastercard", last4: "4444" },
        stored_method: { kind: "card", last4: "4444" },
      });
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("Apple Pay: the insufficient-funds card, with the keyboard only → an ApplePayPayment, declined when paid", async () => {
    const page = await newPage();
    const errors = consoleErrors(page);
    try {
      await page.goto(`${parentOrigin()}/?kind=apple_pay`);
      await waitForMessage(page, "gateway:ready");
      const sheet = page.frameLocator("#sheet");
      await sheet.getByRole("radio", { name: /Visa ending in 1111/ }).focus();
      // Arrow keys move through the radio group, in the order listed.
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
      await expect
        .poll(() => sheet.locator('input[name="card"]:checked').getAttribute("value"))
        .toBe("insufficient_funds");
      await page.keyboard.press("Tab");
      await expect.poll(() => sheet.locator(":focus").getAttribute("id")).toBe("pay");
      await page.keyboard.press("Enter");
      const authorized = await waitForMessage(page, "gateway:wallet:authorized");
      expect(authorized).toMatchObject({
        kind: "apple_pay",
        payload: { token: { paymentMethod: { network: "Visa", displayName: "Visa 9995" } } },
      });
      const payment = await gw.api.post<TPaymentJson>("/v1/payments", {
        ...paymentBody(""),
        source: walletSource(authorized as unknown as TWalletMint),
      });
      expect(payment.body).toMatchObject({
        status: "declined",
        decline_code: "insufficient_funds",
        method: { kind: "apple_pay", last4: "9995" },
      });
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("Cancel (and Escape) tells the parent gateway:wallet:cancelled", async () => {
    const page = await newPage();
    try {
      await page.goto(`${parentOrigin()}/?kind=apple_pay`);
      await waitForMessage(page, "gateway:ready");
      await page.frameLocator("#sheet").getByRole("button", { name: "Cancel" }).click();
      expect(await waitForMessage(page, "gateway:wallet:cancelled")).toEqual({
        type: "gateway:wallet:cancelled",
      });
      expect((await messages(page)).some((m) => m.type === "gateway:wallet:authorized")).toBe(false);

      await page.reload();
      await waitForMessage(page, "gateway:ready");
      await page
        .frameLocator("#sheet")
        .getByRole("radio", { name: /Visa ending in 1111/ })
        .focus();
      await page.keyboard.press("Escape");
      await waitForMessage(page, "gateway:wallet:cancelled");
    } finally {
      await page.context().close();
    }
  });

  it("does not load inside a page of another origin, even one that names an allowed origin", async () => {
    const page = await newPage();
    try {
      await page.goto(`http://127.0.0.1:${parentPort}/`);
      await page.waitForTimeout(1000);
      expect(await messages(page)).toEqual([]);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const buttons = frame
        ? await frame
            .locator("button")
            .count()
            .catch(() => 0)
        : 0;
      expect(buttons).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe("accessibility of the wallet simulator", () => {
  const axe = async (page: Page) => {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(results.passes.map((r) => r.id)).toEqual(
      expect.arrayContaining(["label", "color-contrast", "html-has-lang"]),
    );
    return results.violations;
  };

  it.each(["apple_pay", "google_pay"])(
    "the %s sheet has no WCAG 2.1 AA violations; 44 px targets; visible focus; errors announced",
    async (kind) => {
      const page = await newPage();
      const errors = consoleErrors(page);
      try {
        await page.goto(sheetUrl(kind));
        await page.getByRole("button", { name: "Pay $125.40" }).waitFor();
        expect(await axe(page)).toEqual([]);
        expect(await page.getByRole("radiogroup", { name: "Card", exact: true }).count()).toBe(1);
        for (const target of await page.locator("label.choice, button").all()) {
          const box = await target.boundingBox();
          expect(box?.height).toBeGreaterThanOrEqual(44);
        }
        await page.keyboard.press("Tab");
        const focused = page.locator(":focus");
        expect(await focused.getAttribute("name")).toBe("card");
        expect(await focused.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe("3px");
        expect(await page.locator("#form-error").getAttribute("aria-live")).toBe("assertive");

        // The gateway cannot be reached: the error is shown, announced, and axe-clean.
        await page.route("**/wallet-simulator/tokens", (route) => route.abort());
        await page.getByRole("button", { name: "Pay $125.40" }).click();
        await expect
          .poll(() => page.locator("#form-error").textContent())
          .toContain("could not be authorised");
        expect(await axe(page)).toEqual([]);
        expect(errors.filter((e) => !e.includes("ERR_FAILED"))).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
  );
});
