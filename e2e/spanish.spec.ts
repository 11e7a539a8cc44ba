import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { pdfText } from "./support/pdf-text";
import { TEST_CARDS } from "./support/test-numbers";

/** Every page of the journey: in Spanish, said so to assistive technology, and accessible. */
const expectSpanishPage = async (page: Page, heading: string | RegExp) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectAccessible(page);
};

const switcher = (page: Page) => page.getByRole("contentinfo");

test.describe("the guest journey in Spanish", () => {
  test("a guest switches to Español, looks up a statement, pays it and gets the receipt page and PDF in Spanish", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ES");
    await page.goto("/guest");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Find your statement" })).toBeVisible();
    // Each language is named in itself, in its own language.
    const espanol = switcher(page).getByRole("button", { name: "Español" });
    await expect(espanol).toHaveAttribute("lang", "es");
    await espanol.click();

    // Back on the same page, now in Spanish.
    await expect(page).toHaveURL(/\/guest$/);
    await expectSpanishPage(page, "Busque su estado de cuenta");
    await expect(page).toHaveTitle(/^Busque su estado de cuenta · /);
    await expect(switcher(page).getByText("English")).toHaveAttribute("lang", "en");
    await page.getByLabel("Número de estado de cuenta").fill(statement.statementNumber);
    await page.getByRole("radio", { name: "Fecha de nacimiento", exact: true }).check();
    // A forgotten date of birth is said in Spanish, tied to its field.
    await page.getByRole("button", { name: "Buscar mi estado de cuenta" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Corrija los campos marcados." })).toBeVisible();
    await expect(page.getByLabel("Fecha de nacimiento del paciente")).toHaveAccessibleDescription(
      /Escriba la fecha de nacimiento del paciente\./,
    );
    await expectAccessible(page);
    await expect(page.getByLabel("Número de estado de cuenta")).toHaveValue(statement.statementNumber);
    await page.getByLabel("Fecha de nacimiento del paciente").fill(DEMO.guest.dob);
    await page.getByRole("button", { name: "Buscar mi estado de cuenta" }).click();

    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expectSpanishPage(page, "Su estado de cuenta");
    await expect(
      page.getByRole("heading", { name: `Estado de cuenta ${statement.statementNumber}` }),
    ).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("$125.40");
    await expect(
      page
        .getByRole("table", { name: `Servicios del estado de cuenta ${statement.statementNumber}` })
        .locator("tbody tr"),
    ).toHaveCount(3);
    await expect(page.getByText("Monto adeudado").first()).toBeVisible();
    // Reached by the lookup's redirect (no page load): the switcher still returns to this page.
    await switcher(page).getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your statement" })).toBeVisible();
    await switcher(page).getByRole("button", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expectSpanishPage(page, "Su estado de cuenta");
    await expect(page.getByRole("button", { name: "Terminar" })).toBeVisible();
    await page.getByRole("link", { name: "Pagar este estado de cuenta" }).click();

    await expect(page).toHaveURL(/\/guest\/pay$/);
    await expectSpanishPage(page, `Pagar el estado de cuenta ${statement.statementNumber}`);
    await expect(page.getByText("Está pagando como invitado.")).toBeVisible();
    // The pay form and the gateway's card fields in Spanish too (e2e/spanish-pay.spec.ts has more).
    await expect(page.getByLabel(`Monto para el estado de cuenta ${statement.statementNumber}`)).toHaveValue(
      "125.40",
    );
    const card = page.frameLocator('iframe[title^="Datos de la tarjeta"]');
    await card.getByLabel("Número de tarjeta").fill(TEST_CARDS.visa);
    await card.getByLabel("Fecha de vencimiento").fill("12/30");
    await card.getByLabel("Código de seguridad (CVV)").fill("123");
    await card.getByLabel("Código postal de facturación").fill("19103");
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(page.getByRole("heading", { name: "Revise su pago" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Pagar $125.40" }).click();

    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expectSpanishPage(page, "Recibo de pago");
    await expect(page.getByTestId("receipt-status")).toHaveText("Aprobado");
    await expect(page.getByTestId("receipt-amount")).toHaveText("$125.40");
    await expect(page.getByText("Número de recibo")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Estados de cuenta pagados" })).toBeVisible();
    // The date in Spanish: "24 nov 2026, 3:45 p.m. EST".
    await expect(
      page.getByText(/^\d{1,2} [a-z]{3,4}\.? \d{4}, \d{1,2}:\d{2} [ap]\.\s?m\. E[SD]T$/),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "← Su estado de cuenta" })).toBeVisible();
    const receiptNumber = (await page.getByTestId("receipt-number").textContent())!;

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Descargar PDF" }).click();
    const file = await downloading;
    const text = pdfText(await readFile((await file.path())!));
    for (const expected of [
      "Recibo de pago",
      "Estado: Aprobado",
      "Número de recibo",
      receiptNumber,
      "Estados de cuenta pagados",
      "$125.40",
      "Conserve este recibo para sus registros.",
    ]) {
      expect(text).toContain(expected);
    }
    // A long statement number may wrap after its hyphen.
    expect(text.replace(/-\n/g, "-")).toContain(`Estado de cuenta ${statement.statementNumber}`);
    expect(text).not.toContain("Payment receipt");
  });

  test("Accept-Language: es-MX picks Spanish on the first visit, and the switcher returns to English for good, with or without JavaScript", async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, locale: "es-MX" });
    const page = await context.newPage();
    await page.goto("/guest");
    await expectSpanishPage(page, "Busque su estado de cuenta");
    await switcher(page).getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/guest$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Find your statement" })).toBeVisible();
    await expectAccessible(page);
    // The choice is kept: the next page is English although the browser still asks for Spanish.
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Pay your bill online" })).toBeVisible();
    await context.close();

    // The switcher is a plain form: it works with JavaScript off too (axe needs scripts, so not here).
    const plain = await browser.newContext({ baseURL, locale: "es-MX", javaScriptEnabled: false });
    const plainPage = await plain.newPage();
    await plainPage.goto("/guest");
    await expect(plainPage.locator("html")).toHaveAttribute("lang", "es");
    await switcher(plainPage).getByRole("button", { name: "English" }).click();
    await expect(plainPage).toHaveURL(/\/guest$/);
    await expect(plainPage.locator("html")).toHaveAttribute("lang", "en");
    await expect(plainPage.getByRole("heading", { level: 1, name: "Find your statement" })).toBeVisible();
    await plain.close();
  });

  test("a signed-in patient's choice is saved on their login and wins over the browser's cookie", async ({
    page,
    browser,
    baseURL,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("espanol"), password: "Spanish-Patient-1" });
    await signIn(page, patient.email, patient.password);
    await switcher(page).getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    // The patient's own pages are in Spanish now: nothing in them is marked English.
    await expect(page.getByRole("main").locator("xpath=ancestor-or-self::*[@lang][1]")).toHaveAttribute(
      "lang",
      "es",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sus facturas");
    await expectAccessible(page);
    const { rows } = await db.query<{ locale: string | null }>(`SELECT locale FROM "user" WHERE id = $1`, [
      patient.id,
    ]);
    expect(rows[0]?.locale).toBe("es");

    // Another browser, English everywhere: after signing in, the saved Spanish wins.
    const other = await browser.newContext({ baseURL, locale: "en-US" });
    const second = await other.newPage();
    await signIn(second, patient.email, patient.password);
    await expect(second.locator("html")).toHaveAttribute("lang", "es");
    await other.close();
  });
});
