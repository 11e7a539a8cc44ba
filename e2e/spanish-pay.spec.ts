import type { FrameLocator, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./support/fixtures";
import { TEST_CARDS } from "./support/test-numbers";

/** Every page here: in Spanish, said so to assistive technology, and accessible. */
const expectSpanishPage = async (page: Page, heading: string | RegExp) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectAccessible(page);
};

/** Reads the portal in Spanish from the first page on (the switcher's cookie). */
const inSpanish = async (page: Page, baseURL: string | undefined) =>
  page.context().addCookies([{ name: "locale", value: "es", url: baseURL! }]);

/** The gateway's hosted card fields in Spanish, inside their iframe on the gateway's origin. */
const spanishCardFrame = (page: Page) => page.frameLocator('iframe[title^="Datos de la tarjeta"]');

const fillSpanishCard = async (frame: FrameLocator, number: string) => {
  await frame.getByLabel("Número de tarjeta").fill(number);
  await frame.getByLabel("Fecha de vencimiento").fill("12/30");
  await frame.getByLabel("Código de seguridad (CVV)").fill("123");
  await frame.getByLabel("Código postal de facturación").fill("19103");
};

test.describe("paying and signing in, in Spanish", () => {
  test("a guest types a card into the Spanish hosted fields, is declined in Spanish, pays with a good card and reaches the Spanish receipt", async ({
    page,
    db,
    baseURL,
  }) => {
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ESPAY");
    await inSpanish(page, baseURL);
    await page.goto("/guest");
    await page.getByLabel("Número de estado de cuenta").fill(statement.statementNumber);
    await page.getByRole("radio", { name: "Fecha de nacimiento", exact: true }).check();
    await page.getByLabel("Fecha de nacimiento del paciente").fill(DEMO.guest.dob);
    await page.getByRole("button", { name: "Buscar mi estado de cuenta" }).click();
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await page.getByRole("link", { name: "Pagar este estado de cuenta" }).click();

    await expect(page).toHaveURL(/\/guest\/pay$/);
    await expectSpanishPage(page, `Pagar el estado de cuenta ${statement.statementNumber}`);
    // Nothing of the pay form is marked English any more.
    await expect(page.getByRole("main").locator('[lang="en"]')).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Qué desea pagar" })).toBeVisible();
    await expect(page.getByLabel(`Monto para el estado de cuenta ${statement.statementNumber}`)).toHaveValue(
      "125.40",
    );
    const frame = spanishCardFrame(page);
    await expect(frame.locator("html")).toHaveAttribute("lang", "es");
    await expect(frame.getByLabel("Número de tarjeta")).toBeVisible();
    await expect(frame.getByText("MM/AA", { exact: true })).toBeVisible();

    // Nothing typed: the frame says what is missing, in Spanish, and the form says so too.
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Revise los datos de pago marcados.");
    await expect(frame.locator("#number-error")).toHaveText("Escriba el número de tarjeta.");
    await expect(frame.locator("#zip-error")).toHaveText(
      "Escriba el código postal de facturación de 5 dígitos.",
    );
    await expectAccessible(page);

    await fillSpanishCard(frame, TEST_CARDS.insufficientFunds);
    await expect(frame.locator("#number-status")).toHaveText("Tarjeta Visa");
    await page.getByLabel("Email para su recibo (opcional)").fill(uniqueEmail("es-guest"));
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(page.getByRole("heading", { name: "Revise su pago" })).toBeVisible();
    await expect(page.getByTestId("pay-total")).toHaveText("$125.40");
    await expect(page.getByText("Visa ••9995")).toBeVisible();
    await expect(page.getByText("Forma de pago", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Pagar $125.40" }).click();

    // The decline, in Spanish (declineMessage), back on the details with the card to type again.
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "Su tarjeta fue rechazada por fondos insuficientes. Pruebe con otra tarjeta o con una cuenta bancaria.",
    );
    await expect(page.getByRole("button", { name: "Revisar el pago" })).toBeVisible();
    await expectAccessible(page);
    await fillSpanishCard(spanishCardFrame(page), TEST_CARDS.visa);
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(page.getByText("Visa ••1111")).toBeVisible();
    await page.getByRole("button", { name: "Pagar $125.40" }).click();

    await expect(page).toHaveURL(/\/receipts\/[^/]+$/);
    await expectSpanishPage(page, "Recibo de pago");
    await expect(page.getByTestId("receipt-status")).toHaveText("Aprobado");
    await expect(page.getByTestId("receipt-amount")).toHaveText("$125.40");
  });

  test("a signed-in patient's /pay in Spanish: its words, the amounts' errors and the bank fields", async ({
    page,
    db,
  }) => {
    const patient = await db.createPatient({ email: uniqueEmail("es-payer"), password: "Es-Payer-123" });
    const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ESPAT");
    await db.linkStatementAccount(patient.id, statement.id);
    await signIn(page, patient.email, patient.password);
    await page.goto("/pay");
    await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/pay$/);
    await expectSpanishPage(page, "Pague sus facturas");
    await expect(page).toHaveTitle(/^Pague sus facturas/);
    await expect(page.getByText("Pague uno o varios estados de cuenta, total o parcialmente.")).toBeVisible();
    // The patient area around it is not translated yet (marked English); the pay page says it is Spanish.
    await expect(
      page.getByRole("heading", { level: 1 }).locator("xpath=ancestor-or-self::*[@lang][1]"),
    ).toHaveAttribute("lang", "es");
    await expect(page.getByRole("main").locator('[lang="en"]')).toHaveCount(0);
    await expect(
      page.getByText(`Estado de cuenta ${statement.statementNumber}`, { exact: true }),
    ).toBeVisible();
    await expect(page.getByText(/· saldo \$125\.40$/)).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Guardarla para pagos futuros" })).toBeVisible();

    const amount = page.getByLabel(`Monto para el estado de cuenta ${statement.statementNumber}`);
    await amount.fill("0.50");
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(amount).toHaveAccessibleDescription("El pago mínimo es de $1.00.");
    await amount.fill("999.00");
    await page.getByRole("button", { name: "Revisar el pago" }).click();
    await expect(amount).toHaveAccessibleDescription("Lo máximo que puede pagar es $125.40.");
    await expect(page.getByText("Total: $999.00")).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("radio", { name: "Cuenta bancaria (ACH)" }).check();
    const bank = page.frameLocator('iframe[title^="Datos de la cuenta bancaria"]');
    await expect(bank.locator("html")).toHaveAttribute("lang", "es");
    await expect(bank.getByLabel("Número de ruta")).toBeVisible();
    await expect(bank.getByRole("group", { name: "Tipo de cuenta" })).toBeVisible();
    await expect(bank.getByRole("radio", { name: "Corriente" })).toBeChecked();
    await expectAccessible(page);
  });

  test("the login and sign-up pages in Spanish, with their errors in Spanish", async ({ page, baseURL }) => {
    await inSpanish(page, baseURL);
    await page.goto("/login");
    await expectSpanishPage(page, "Iniciar sesión");
    await expect(page).toHaveTitle(/^Iniciar sesión/);
    await expect(page.getByRole("link", { name: "Pagar sin iniciar sesión" })).toBeVisible();
    await page.getByLabel("Email").fill(uniqueEmail("es-nobody"));
    await page.getByLabel("Contraseña").fill("Not-The-Password-1");
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "Ese email y esa contraseña no coinciden con nuestros registros.",
    );
    await expect(page.getByRole("button", { name: "Usar una llave de acceso" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Crear una cuenta de acceso" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expectSpanishPage(page, "Crear una cuenta de acceso");
    const password = page.getByLabel("Contraseña", { exact: true });
    await expect(password).toHaveAccessibleDescription(/Al menos 10 caracteres, con una letra y un número\./);
    await page.getByLabel("Email").fill(uniqueEmail("es-signup"));
    await password.fill("Spanish-Pass-1");
    await page.getByLabel("Confirme la contraseña").fill("Spanish-Pass-2");
    await page.getByRole("button", { name: "Crear cuenta de acceso" }).click();
    // The action's English, said in Spanish: the form's message and each field's.
    await expect(page.locator("form").getByRole("alert")).toHaveText("Corrija los campos marcados.");
    await expect(page.getByLabel("Nombre", { exact: true })).toHaveAccessibleDescription(
      /Escriba su nombre\./,
    );
    await expect(page.getByLabel("Confirme la contraseña")).toHaveAccessibleDescription(
      /Las contraseñas no coinciden\./,
    );
    await expectAccessible(page);

    await page.goto("/forgot-password");
    await expectSpanishPage(page, "¿Olvidó su contraseña?");
  });

  test("the text-link page, a lookup's lockout and the not-found page in Spanish", async ({
    page,
    baseURL,
    db,
  }) => {
    await inSpanish(page, baseURL);
    await page.goto("/guest/text-link?problem=expired");
    await expectSpanishPage(page, "Este enlace no puede abrir su estado de cuenta");
    await expect(
      page.getByText(/^Este enlace venció: los enlaces de nuestros mensajes de texto/),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "buscar su estado de cuenta" })).toHaveAttribute(
      "href",
      "/guest",
    );

    // A link past its first day asks for the date of birth (here a link that no longer opens anything).
    await page.context().addCookies([{ name: "ppp_text_link", value: "not-a-real-link", url: baseURL! }]);
    await page.goto("/guest/text-link");
    await expectSpanishPage(page, "Confirme que es usted");
    await page.getByRole("button", { name: "Continuar a mi estado de cuenta" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Corrija los campos marcados.");
    await expect(page.getByLabel("Fecha de nacimiento del paciente")).toHaveAccessibleDescription(
      /Escriba la fecha de nacimiento del paciente\./,
    );
    await expectAccessible(page);
    await page.getByLabel("Fecha de nacimiento del paciente").fill("1990-02-03");
    await page.getByRole("button", { name: "Continuar a mi estado de cuenta" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "Este enlace del mensaje de texto ya no abre su estado de cuenta. Busque su estado de cuenta con el número que aparece en su factura.",
    );

    // Five wrong dates of birth lock a statement's lookups: the lockout says in Spanish until when.
    const locked = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ES-LOCK");
    await page.goto("/guest");
    await expectSpanishPage(page, "Busque su estado de cuenta");
    const lookup = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Buscar mi estado de cuenta" }) });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await lookup.getByLabel("Número de estado de cuenta").fill(locked.statementNumber);
      await lookup.getByRole("radio", { name: "Fecha de nacimiento", exact: true }).check();
      await lookup.getByLabel("Fecha de nacimiento del paciente").fill("1990-05-05");
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
      );
      await lookup.getByRole("button", { name: "Buscar mi estado de cuenta" }).click();
      await answered;
    }
    await expect(lookup.getByRole("alert")).toHaveText(
      /^Demasiados intentos\. Por su seguridad, las búsquedas quedan detenidas hasta el \d{1,2} \p{L}{3,4}\.? \d{4}, \d{1,2}:\d{2}\s[ap]\.\s?m\.; mientras tanto, puede llamar a nuestra oficina de facturación\.$/u,
    );
    await expectAccessible(page);

    await page.goto("/no-such-page");
    await expectSpanishPage(page, "Página no encontrada");
  });
});
