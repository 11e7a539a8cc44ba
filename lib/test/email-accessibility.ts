import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser } from "@playwright/test";
import { WCAG_TAGS } from "@/lib/test/wcag";

/**
 * axe on an email's HTML part outside the browser tests, as e2e's expectAccessibleEmail does on
 * the SMTP sink's copy: the HTML set in a blank page of the same Debian chromium, checked against
 * the same WCAG levels. One browser per test file: call `closeEmailBrowser` in its afterAll.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let browser: Promise<Browser> | undefined;

const openBrowser = () =>
  (browser ??= chromium.launch({
    ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
    args: ["--no-sandbox", "--disable-gpu"],
  }));

/** The page's title and each axe violation (rule and where), for an `expect(…).toEqual`. */
export const emailAccessibility = async (html: string) => {
  const context = await (await openBrowser()).newContext();
  try {
    const page = await context.newPage();
    await page.setContent(html);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    return {
      title: await page.title(),
      lang: await page.locator("html").getAttribute("lang"),
      violations: violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) })),
    };
  } finally {
    await context.close();
  }
};

export const closeEmailBrowser = async () => {
  const open = browser;
  browser = undefined;
  if (open) await (await open).close();
};
