import { randomUUID } from "node:crypto";
import { cardFrame, fillCard } from "./support/cards";
import {
  DEMO,
  expect,
  expectAccessible,
  expectAccessibleEmail,
  signIn,
  signInAsNewStaff,
  test,
  uniqueEmail,
  waitForMail,
  type TestDb,
} from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { pdfText } from "./support/pdf-text";
import { TEST_CARDS } from "./support/test-numbers";

/**
 * The patient's language outside the pages (docs/i18n.md): the itemized statement and yearly
 * summary PDFs in the reader's language, and the receipt email in the saved language of the
 * patient who paid, or, for a payment taken at the staff terminal, in the language the clerk
 * chose, as the SMTP sink received it.
 */

/** This year in the practice's zone (the demo practice is in New York). */
const practiceYear = () =>
  Number(
    new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", year: "numeric" }).format(new Date()),
  );

/** A patient who chose Spanish (their saved `locale`), linked to a statement of their own. */
const spanishPatient = async (db: TestDb, prefix: string, statementNumber: string) => {
  const patient = await db.createPatient({ email: uniqueEmail(prefix), password: "Habla-Espanol-12" });
  await db.query(`UPDATE "user" SET locale = 'es' WHERE id = $1`, [patient.id]);
  const statement = await db.cloneStatement(statementNumber, "ST-ESDOC");
  await db.linkStatementAccount(patient.id, statement.id);
  return { patient, statement };
};

/** A check of $25.00 on the statement, recorded from the practice's payment file (settled). */
const recordCheckPayment = async (db: TestDb, statementId: string) => {
  const id = `e2e_${randomUUID()}`;
  const receiptNumber = `R-E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  await db.query(
    `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
       "receiptNumber", "methodKind", last4, "capturedAt", "settledAt", "updatedAt")
     SELECT $1, a."practiceId", a.id, 'IMPORT', 'SETTLED', 2500, $1, $2, 'CHECK', '1043', now(), now(), now()
     FROM statement s JOIN account a ON a.id = s."accountId" WHERE s.id = $3`,
    [id, receiptNumber, statementId],
  );
  await db.query(
    `INSERT INTO payment_allocation (id, "paymentId", "statementId", "amountCents", "updatedAt")
     VALUES ($1, $2, $3, 2500, now())`,
    [`${id}_a`, id, statementId],
  );
  await db.query(
    `UPDATE statement SET "balanceCents" = "balanceCents" - 2500, status = 'PARTIALLY_PAID' WHERE id = $1`,
    [statementId],
  );
  return receiptNumber;
};

test.describe("documents and emails in the patient's language", () => {
  test("a patient who chose Spanish downloads the itemized statement and the year's summary in Spanish", async ({
    page,
    db,
  }) => {
    const { patient, statement } = await spanishPatient(db, "es-docs", DEMO.guest.statementNumber);
    const receiptNumber = await recordCheckPayment(db, statement.id);
    const year = practiceYear();

    await signIn(page, patient.email, patient.password);
    await page.goto(`/bills/${statement.id}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);

    const itemized = await page.request.get(`/bills/${statement.id}/pdf`);
    expect(itemized.status()).toBe(200);
    expect(itemized.headers()["content-type"]).toContain("application/pdf");
    const itemizedBytes = await itemized.body();
    expect(itemizedBytes.toString("latin1")).toContain("/Lang (es-US)");
    const itemizedText = pdfText(itemizedBytes);
    for (const expected of [
      "Estado de cuenta detallado",
      "Número de estado de cuenta",
      statement.statementNumber,
      "Fecha del estado de cuenta",
      "Pagado por el seguro",
      "-$160.00",
      "Total de cargos",
      "Saldo actual",
      receiptNumber,
      "Pago: Cheque \x95\x951043",
      "-$25.00",
      "¿Tiene preguntas? Comuníquese con Riverside Family Medicine",
    ]) {
      expect(itemizedText).toContain(expected);
    }
    for (const english of ["Itemized statement", "Total charges", "Balance now", "Payment: Check"]) {
      expect(itemizedText).not.toContain(english);
    }

    const summary = await page.request.get(`/payments/summary/${statement.accountId}/${year}`);
    expect(summary.status()).toBe(200);
    const summaryBytes = await summary.body();
    expect(summaryBytes.toString("latin1")).toContain("/Lang (es-US)");
    const summaryText = pdfText(summaryBytes);
    for (const expected of [
      `Resumen de pagos de ${year}`,
      "Garante",
      receiptNumber,
      "Cheque \x95\x951043",
      "$25.00",
      "Total neto pagado",
      "Conserve este resumen para sus registros",
    ]) {
      expect(summaryText).toContain(expected);
    }
    for (const english of ["Payment summary", "Net paid", "Keep this summary"]) {
      expect(summaryText).not.toContain(english);
    }
  });

  test("a guest who switched to Español downloads the itemized statement in Spanish", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ESGST");
    await page.goto("/guest");
    await lookUpStatement(page, { statementNumber: statement.statementNumber, dob: DEMO.guest.dob });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Su estado de cuenta" })).toBeVisible();
    await expectAccessible(page);

    const pdf = await page.request.get("/guest/statement/pdf");
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.toString("latin1")).toContain("/Lang (es-US)");
    const text = pdfText(bytes);
    for (const expected of [
      "Estado de cuenta detallado",
      statement.statementNumber,
      "Saldo actual",
      "$125.40",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Itemized statement");
  });

  test("a Spanish patient's card payment brings a receipt email in Spanish: subject, text and HTML", async ({
    page,
    db,
  }) => {
    const { patient, statement } = await spanishPatient(db, "es-receipt", "ST-1002");
    // The pay form is read in English until the signed-in pages are translated (docs/i18n.md):
    // the patient chooses Spanish (their saved choice) once the form is filled, just before paying.
    await db.query(`UPDATE "user" SET locale = NULL WHERE id = $1`, [patient.id]);
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    await page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("40.00");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await expect(page.getByRole("heading", { name: "Review your payment" })).toBeVisible();
    await expectAccessible(page);
    await db.query(`UPDATE "user" SET locale = 'es' WHERE id = $1`, [patient.id]);
    await page.getByRole("button", { name: "Pay $40.00" }).click();

    // The receipt page follows the saved choice too.
    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Recibo de pago" })).toBeVisible();
    // The patient's header on the receipt, in Spanish as on their other pages (loaded afresh: the
    // client navigation from /pay kept the English page's <html lang>).
    await page.reload();
    const header = page.getByRole("navigation", { name: "Principal" });
    await expect(header.getByRole("link", { name: "Historial de pagos" })).toHaveAttribute(
      "href",
      "/payments",
    );
    await expect(header.getByRole("link", { name: "Billetera" })).toHaveAttribute("href", "/wallet");
    await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    const receiptNumber = (await page.getByTestId("receipt-number").textContent())!;
    const receiptPath = new URL(page.url()).pathname;

    const mail = await waitForMail(patient.email, receiptNumber);
    expect(mail.subject).toBe(`Su recibo de pago ${receiptNumber} de Riverside Family Medicine`);
    for (const expected of [
      "Gracias por su pago a Riverside Family Medicine.",
      "Número de recibo:",
      "Forma de pago:",
      "Visa ••1111",
      "Estados de cuenta pagados:",
      `Estado de cuenta ${statement.statementNumber}: $40.00`,
      "Vea este recibo en línea o descárguelo en PDF:",
      receiptPath,
      "Se le pedirá que inicie sesión.",
    ]) {
      expect(mail.text).toContain(expected);
    }
    expect(mail.text).not.toContain("Thank you for your payment");

    await expectAccessibleEmail(page, mail);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(mail.subject);
    await expect(page.getByRole("cell", { name: receiptNumber })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Monto" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ver su recibo" })).toHaveAttribute(
      "href",
      new RegExp(`^https?://[^/]+${receiptPath}$`),
    );
  });

  test("a clerk takes a payment at the terminal and sends its receipt in Spanish: the email comes in Spanish", async ({
    page,
    db,
  }) => {
    const statement = await db.cloneStatement("ST-1002", "ST-ESVT");
    const address = uniqueEmail("es-terminal");
    await signInAsNewStaff(page, db);
    await page.goto(`/staff/accounts/${statement.accountId}/take-payment`);
    // Type only once the form is interactive (the hosted fields appear after hydration).
    await expect(page.locator('iframe[title^="Card details"]')).toBeVisible();
    // The console stays English; the choice names each language in itself, English chosen.
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const language = page.getByRole("group", { name: "Language of the receipt email" });
    await expect(language.getByRole("radio", { name: "English" })).toBeChecked();
    await expect(language.getByText("Español")).toHaveAttribute("lang", "es");
    await expectAccessible(page);

    await page.getByLabel("Email the receipt to (optional)").fill(address);
    await language.getByRole("radio", { name: "Español" }).check();
    await page.getByLabel(`Amount for statement ${statement.statementNumber}`).fill("40.00");
    await fillCard(cardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Review payment" }).click();
    await page.getByRole("button", { name: "Pay $40.00" }).click();
    await expect(page).toHaveURL(/\/staff\/payments\/[^/?]+\?taken=1$/);
    await expect(page.getByText("Payment taken.")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectAccessible(page);

    const mail = await waitForMail(address, "recibo");
    expect(mail.subject).toMatch(/^Su recibo de pago R-\S+ de Riverside Family Medicine$/);
    for (const expected of [
      "Gracias por su pago a Riverside Family Medicine.",
      "Visa ••1111",
      `Estado de cuenta ${statement.statementNumber}: $40.00`,
      // No login paid: the way to the receipt is the guest's.
      "Para abrirlo, primero vuelva a buscar su estado de cuenta:",
    ]) {
      expect(mail.text).toContain(expected);
    }
    expect(mail.text).not.toContain("Thank you for your payment");
    await expectAccessibleEmail(page, mail);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
  });
});
