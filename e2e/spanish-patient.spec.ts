import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";

/** The page is Spanish (`<html lang="es">`, nothing inside marked otherwise), with this heading, and axe-clean. */
const expectSpanishPage = async (page: Page, heading: string | RegExp) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("main").locator("[lang='en']")).toHaveCount(0);
  await expectAccessible(page);
};

const nav = (page: Page) => page.getByRole("navigation", { name: "Principal" });

test.describe("the signed-in patient's area in Spanish", () => {
  test("bills, a statement, payment history, a plan with the Spanish agreement, autopay and the wallet", async ({
    page,
    db,
  }) => {
    // Six pages, each checked with axe, and a plan and autopay set up: longer than one page's test.
    test.setTimeout(180_000);
    const patient = await db.createPatient({ email: uniqueEmail("es-bills"), password: "Spanish-Bills-123" });
    const statement = await db.cloneStatement("ST-1002", "ST-ESB");
    await db.linkStatementAccount(patient.id, statement.id);
    const { rows: accounts } = await db.query<{ accountNumber: string }>(
      `SELECT "accountNumber" FROM account WHERE id = $1`,
      [statement.accountId],
    );
    const accountNumber = accounts[0]!.accountNumber;
    // A saved card, as the wallet keeps it (the card entry itself is another page's).
    const methodId = `e2e_pm_${randomUUID().slice(0, 8)}`;
    await db.query(
      `INSERT INTO payment_method (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear",
         "isDefault", "updatedAt")
       VALUES ($1, $2, 'CARD', $3, 'visa', '4242', 12, 2030, true, now())`,
      [methodId, patient.id, `pm_e2e_${methodId}`],
    );

    await signIn(page, patient.email, patient.password);
    await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");

    // Bills: the header, the summary and the statement list.
    await page.goto("/bills");
    await expectSpanishPage(page, "Sus facturas");
    await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
    await expect(page.getByTestId("total-due")).toHaveText("$890.00");
    await expect(page.getByText("1 estado de cuenta pendiente", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Pagar en cuotas" })).toBeVisible();

    // The statement.
    await page.getByRole("link", { name: `Estado de cuenta ${statement.statementNumber}` }).click();
    await expectSpanishPage(page, `Estado de cuenta ${statement.statementNumber}`);
    await expect(
      page.getByRole("link", { name: "Descargar el estado de cuenta detallado (PDF)" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Todas las facturas" })).toBeVisible();

    // Payment history: none yet.
    await nav(page).getByRole("link", { name: "Historial de pagos" }).click();
    await expectSpanishPage(page, "Historial de pagos");
    await expect(page.getByText("Todavía no ha hecho ningún pago.")).toBeVisible();

    // A plan: the form, a Spanish error from the live preview, the Spanish agreement, accepted.
    await nav(page).getByRole("link", { name: "Planes de pagos" }).click();
    await expectSpanishPage(page, "Planes de pagos");
    await expect(page.getByText("No tiene planes de pagos.")).toBeVisible();
    await page.getByRole("link", { name: "Crear un plan de pagos" }).click();
    await expectSpanishPage(page, "Crear un plan de pagos");
    await expect(page.getByText("Total a repartir: $890.00")).toBeVisible();
    await page.getByLabel("Pago inicial hoy (opcional)").fill("abc");
    await expect(
      page.getByText("Escriba el pago inicial en dólares y centavos, por ejemplo 100.00."),
    ).toBeVisible();
    await page.getByLabel("Pago inicial hoy (opcional)").fill("");
    await page.getByRole("textbox", { name: "Número de pagos" }).fill("4");
    await expect(page.getByTestId("plan-preview").getByRole("cell", { name: "$222.50" })).toHaveCount(4);
    const agreement = page.getByTestId("plan-agreement");
    await expect(agreement).toHaveAttribute("lang", "es");
    await expect(agreement).toContainText("Acuerdo de plan de pagos con");
    await expect(agreement).toContainText("Cuotas: 4 pagos de $222.50");
    await expect(agreement).toContainText("Forma de pago: Visa ••4242.");
    await expectAccessible(page);
    await page.getByRole("checkbox", { name: "He leído y acepto este acuerdo de plan de pagos" }).check();
    await page.getByRole("button", { name: "Aceptar y crear el plan" }).click();
    await expect(page).toHaveURL(/\/plans\/[^/]+\?created=1$/);
    await expectSpanishPage(page, "Plan de pagos");
    await expect(page.getByText("Su plan de pagos está listo.")).toBeVisible();
    await expect(page.getByTestId("plan-status")).toHaveText("Activo");
    await expect(page.getByTestId("plan-schedule").getByRole("cell", { name: "Programada" })).toHaveCount(4);
    // What is stored as agreed is the Spanish text, under the Spanish version.
    const { rows: plans } = await db.query<{ agreementVersion: string; agreementText: string }>(
      `SELECT "agreementVersion", "agreementText" FROM payment_plan WHERE "userId" = $1`,
      [patient.id],
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]!.agreementVersion).toBe("plan-agreement-v1-es");
    expect(plans[0]!.agreementText).toMatch(/^Acuerdo de plan de pagos con .+\n/);
    expect(plans[0]!.agreementText).toContain("Cuotas: 4 pagos de $222.50");
    await page.getByText("El acuerdo que usted aceptó").click();
    await expect(page.locator("#agreement pre")).toHaveAttribute("lang", "es");

    // Autopay: a Spanish error, then on, with the Spanish authorization.
    await nav(page).getByRole("link", { name: "Pago automático" }).click();
    await expectSpanishPage(page, "Pago automático");
    const account = page.getByRole("region", { name: `Cuenta ${accountNumber}` });
    await expect(account.getByText("Pago automático desactivado", { exact: true })).toBeVisible();
    await expect(account.getByLabel("Texto de la autorización de pago automático")).toContainText(
      `Usted autoriza a Riverside Family Medicine a cobrar a Visa ••4242`,
    );
    await account.getByLabel("Límite por cargo (en dólares)").fill("0.50");
    await account
      .getByRole("checkbox", { name: "He leído y acepto la autorización de pago automático" })
      .check();
    await account.getByRole("button", { name: "Activar el pago automático" }).click();
    await expect(account.getByText("El pago mínimo es de $1.00.")).toBeVisible();
    await account.getByLabel("Límite por cargo (en dólares)").fill("500.00");
    await account.getByRole("button", { name: "Activar el pago automático" }).click();
    await expect(account.getByText("Pago automático activado", { exact: true })).toBeVisible();
    await expect(account.getByText(/hasta \$500\.00 por estado de cuenta/)).toBeVisible();
    await expectAccessible(page);
    const { rows: enrolments } = await db.query<{ consentVersion: string; consentText: string }>(
      `SELECT "consentVersion", "consentText" FROM autopay_enrollment WHERE "accountId" = $1 AND status = 'ACTIVE'`,
      [statement.accountId],
    );
    expect(enrolments).toHaveLength(1);
    expect(enrolments[0]!.consentVersion).toBe("autopay-consent-v1-es");
    expect(enrolments[0]!.consentText).toMatch(/^Autorización de pago automático para la cuenta /);

    // The wallet: the card, what uses it, and the permission for billing staff in Spanish.
    await nav(page).getByRole("link", { name: "Billetera" }).click();
    await expectSpanishPage(page, "Billetera");
    const card = page.getByRole("listitem", { name: /Visa ••4242/ });
    await expect(card.getByText("Predeterminada")).toBeVisible();
    await expect(
      card.getByText(
        `el plan de pagos de la cuenta ${accountNumber}; el pago automático de la cuenta ${accountNumber}`,
        { exact: true },
      ),
    ).toBeVisible();
    await card.getByRole("button", { name: "Acepto: autorizar al personal de facturación" }).click();
    await expect(card.getByText("Se dio la autorización.")).toBeVisible();
    await expect(card.getByText(/sí, desde el /)).toBeVisible();
    await expectAccessible(page);
    const { rows: methods } = await db.query<{ staffChargeConsentVersion: string | null }>(
      `SELECT "staffChargeConsentVersion" FROM payment_method WHERE id = $1`,
      [methodId],
    );
    expect(methods[0]?.staffChargeConsentVersion).toBe("2026-11-24-es");
  });
});
