import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  linkIn,
  nextTotpCode,
  rememberTotpSecret,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
  type TestDb,
} from "./support/fixtures";

/**
 * The patient's profile in Spanish (docs/i18n.md): every section, its forms' answers and
 * errors, the consent to texts (shown, and recorded, in Spanish), family sharing and the
 * invitation page, the email-change confirmation, and two-step sign-in (its set-up, the code
 * page and the form that turns it off). Signed in in English, the patient switches with the
 * footer's "Español", which their login keeps.
 */

const PASSWORD = "Perfil-Prueba-1";

const newPatient = (db: TestDb, prefix: string) =>
  db.createPatient({ email: uniqueEmail(prefix), password: PASSWORD });

/** A patient with an account of their own (a clone of the demo statement, at the demo practice). */
const newGuarantor = async (db: TestDb, prefix: string) => {
  const user = await newPatient(db, prefix);
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-ESP");
  await db.linkStatementAccount(user.id, statement.id);
  return user;
};

/** Signs in (in English), opens the profile and switches it to Spanish. */
const signInInSpanish = async (page: Page, user: { email: string; password: string }, path = "/profile") => {
  await signIn(page, user.email, user.password);
  await page.goto(path);
  await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
};

const sections = (page: Page) => page.getByRole("navigation", { name: "Secciones del perfil" });

/** A section of the profile, reached from its navigation: in Spanish, said so, and accessible. */
const openSection = async (page: Page, link: string, heading: string) => {
  await sections(page).getByRole("link", { name: link }).click();
  await expect(sections(page).getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
  await expectSpanish(page, heading);
  await expect(page).toHaveTitle(new RegExp(`^${link} · Perfil`));
};

const expectSpanish = async (page: Page, heading: string) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Perfil" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  // Nothing around the profile marks it as another language.
  const h2 = page.getByRole("heading", { level: 2, name: heading });
  expect(await h2.evaluate((el) => el.closest("[lang]")?.getAttribute("lang"))).toBe("es");
  await expectAccessible(page);
};

const formWith = (page: Page, button: string) =>
  page.locator("form").filter({ has: page.getByRole("button", { name: button }) });

/** Clicks a form's submit button and waits for the server action's answer. */
const submit = async (form: Locator, button: string) => {
  const page = form.page();
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await form.getByRole("button", { name: button }).click();
  await answered;
};

test.describe("the profile in Spanish", () => {
  test("every section is in Spanish; details say a mistake, and a save, in Spanish", async ({ page, db }) => {
    const user = await newGuarantor(db, "es-details");
    await signInInSpanish(page, user);
    await expectSpanish(page, "Sus datos");
    await expect(page).toHaveTitle(/^Sus datos · Perfil/);
    await expect(page.getByLabel("Nombre", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Apellido", { exact: true })).toBeVisible();

    // A wrong phone number: the form's message and the field's, in Spanish; what was typed stays.
    const details = formWith(page, "Guardar datos");
    await details.getByLabel("Teléfono (opcional)").fill("555 12");
    await details.getByLabel("Ciudad").fill("Filadelfia");
    // The states by their Spanish names; the form sends the USPS code.
    const state = details.getByLabel("Estado");
    await expect(state.getByRole("option", { name: "Carolina del Norte" })).toHaveAttribute("value", "NC");
    await state.selectOption({ label: "Nueva York" });
    await submit(details, "Guardar datos");
    await expect(
      details.getByRole("alert").filter({ hasText: "Corrija los campos marcados." }),
    ).toBeVisible();
    await expect(details.getByLabel("Teléfono (opcional)")).toHaveAccessibleDescription(
      /Escriba un número de teléfono de EE\. UU\. de 10 dígitos/,
    );
    await expect(details.getByLabel("Calle y número")).toHaveAccessibleDescription(
      /Escriba la calle y el número, o borre toda la dirección\./,
    );
    await expect(details.getByLabel("Ciudad")).toHaveValue("Filadelfia");
    await expect(state).toHaveValue("NY");
    await expectAccessible(page);
    await details.getByLabel("Teléfono (opcional)").fill("(215) 555-0147");
    await details.getByLabel("Ciudad").fill("");
    await state.selectOption("");
    await submit(details, "Guardar datos");
    await expect(details.getByRole("status")).toHaveText("Sus datos se guardaron.");

    await openSection(page, "Correo electrónico", "Correo electrónico");
    await expect(page.getByText(`Usted inicia sesión con ${user.email}`)).toBeVisible();
    const email = formWith(page, "Enviar enlace de confirmación");
    await email.getByLabel("Nuevo correo electrónico").fill("no-es-un-correo");
    await submit(email, "Enviar enlace de confirmación");
    await expect(email.getByLabel("Nuevo correo electrónico")).toHaveAccessibleDescription(
      /Escriba un correo electrónico válido, por ejemplo nombre@ejemplo\.com\./,
    );
    await expect(email.getByLabel("Contraseña actual")).toHaveAccessibleDescription(
      /Escriba su contraseña actual\./,
    );
    await expectAccessible(page);

    await openSection(page, "Contraseña", "Cambiar su contraseña");
    await expect(page.getByLabel("Nueva contraseña", { exact: true })).toHaveAccessibleDescription(
      /Al menos 10 caracteres/,
    );
    await expect(page.getByLabel("Confirme la nueva contraseña")).toBeVisible();
    await openSection(page, "Verificación en dos pasos", "Verificación en dos pasos");
    await expect(page.getByRole("link", { name: "Configurar la verificación en dos pasos" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Llaves de acceso" })).toBeVisible();
    await expect(page.getByText("Todavía no tiene llaves de acceso.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Agregar una llave de acceso" })).toBeVisible();

    await openSection(page, "Cuentas vinculadas", "Cuentas vinculadas");
    const link = formWith(page, "Vincular cuenta");
    await submit(link, "Vincular cuenta");
    await expect(link.getByLabel("Número de estado de cuenta")).toHaveAccessibleDescription(
      /Escriba el número de estado de cuenta que aparece en su factura\./,
    );
    await expect(link.getByLabel("Fecha de nacimiento del paciente")).toHaveAccessibleDescription(
      /Escriba la fecha de nacimiento del paciente\./,
    );
    await expectAccessible(page);
    const linked = page.getByRole("list", { name: "Sus cuentas vinculadas" }).getByRole("listitem");
    await expect(linked).toHaveCount(1);
    await expect(linked).toContainText(/Garante: .* · Riverside Family Medicine/);
    await linked.getByRole("link", { name: /^Desvincular la cuenta / }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: /^¿Desvincular la cuenta .+\?$/ }),
    ).toBeVisible();
    await expect(
      page.getByText("Esta es la única cuenta vinculada a su cuenta de acceso.", { exact: false }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Mantenerla vinculada" }).click();
    await expectSpanish(page, "Cuentas vinculadas");

    await openSection(page, "Acceso familiar y compartido", "Quién puede ver sus cuentas");
    await expect(
      page.getByRole("heading", { level: 2, name: "Cuentas compartidas con usted" }),
    ).toBeVisible();
    await openSection(page, "Preferencias de comunicación", "Preferencias de comunicación");
  });

  test("a preference is saved in Spanish, and texts are turned on under the Spanish consent, recorded as such", async ({
    page,
    db,
  }) => {
    const user = await newGuarantor(db, "es-texts");
    await signInInSpanish(page, user, "/profile/preferences");
    await expectSpanish(page, "Preferencias de comunicación");

    const form = formWith(page, "Guardar preferencias");
    await form.getByLabel("Estados de cuenta sin papel").check();
    await submit(form, "Guardar preferencias");
    await expect(form.getByRole("status")).toHaveText("Sus preferencias se guardaron.");

    // The box's consent is the Spanish text, naming the practice the texts come from.
    const consent =
      "Acepto recibir mensajes de texto sobre mis facturas y pagos de Riverside Family Medicine en este número. Pueden aplicarse tarifas de mensajes y datos; la frecuencia de los mensajes varía. Responda STOP para dejar de recibirlos o HELP para obtener ayuda.";
    const texts = form.getByLabel("Enviarme mensajes de texto sobre mis facturas");
    await expect(texts).toHaveAccessibleDescription(consent);
    await texts.check();
    await submit(form, "Guardar preferencias");
    await expect(form.getByRole("alert").filter({ hasText: "Corrija los campos marcados." })).toBeVisible();
    await expect(form.getByLabel("Número de celular para mensajes de texto")).toHaveAccessibleDescription(
      /Escriba el número de celular al que le enviaremos mensajes de texto, o desactive los mensajes de texto\./,
    );
    await expect(form.getByLabel("Número de celular para mensajes de texto")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectAccessible(page);

    const last4 = String(randomInt(1000, 10000));
    await form.getByLabel("Número de celular para mensajes de texto").fill(`267 555 ${last4}`);
    await submit(form, "Guardar preferencias");
    await expect(form.getByRole("status")).toHaveText("Sus preferencias se guardaron.");

    // What was agreed to is recorded: the Spanish text, its version and its language.
    const { rows } = await db.query<{ text: string; textVersion: string; textLocale: string }>(
      `SELECT text, "textVersion", "textLocale" FROM sms_consent
        WHERE phone = $1 AND "userId" = $2 AND "isOptedIn" ORDER BY "createdAt" DESC LIMIT 1`,
      [`267555${last4}`, user.id],
    );
    expect(rows).toEqual([{ text: consent, textVersion: "sms-2026-01", textLocale: "es" }]);

    await page.reload();
    await expect(page.getByTestId("sms-status")).toHaveText(
      new RegExp(`^Los mensajes de texto al \\(267\\) 555-${last4} están activados desde el `),
    );
    await expect(form.getByLabel("Estados de cuenta sin papel")).toBeChecked();
    await expect(texts).toBeChecked();
    await expectSpanish(page, "Preferencias de comunicación");

    // The page an email-change link opens, and the action's answer to a spent link, in Spanish.
    await page.goto(`/confirm-email?token=${"x".repeat(32)}`);
    await expect(
      page.getByRole("heading", { level: 1, name: "Confirme su nuevo correo electrónico" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Confirmar mi nuevo correo electrónico" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Este enlace no es válido, venció o ya se usó." }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
  });

  test("a guarantor invites a family member with the scopes in Spanish, then withdraws the invitation", async ({
    page,
    db,
  }) => {
    const user = await newGuarantor(db, "es-sharing");
    const invitee = uniqueEmail("es-family");
    await signInInSpanish(page, user, "/profile/sharing");
    await expectSpanish(page, "Quién puede ver sus cuentas");
    await expect(page.getByText("Solo usted.")).toBeVisible();

    const form = formWith(page, "Enviar invitación");
    const scopes = form.getByRole("group", { name: "Qué puede hacer" });
    await expect(scopes.getByRole("radio", { name: "Solo ver" })).toBeChecked();
    await expect(
      scopes.getByText("Ve los estados de cuenta, los pagos y los recibos de esta cuenta."),
    ).toBeVisible();
    await expect(scopes.getByRole("radio", { name: "Ver y pagar", exact: true })).toBeVisible();
    await expect(
      scopes.getByRole("radio", { name: "Ver, pagar y administrar planes de pagos y pago automático" }),
    ).toBeVisible();

    // Their own address is refused, in Spanish.
    await form.getByLabel("Su correo electrónico").fill(user.email);
    await submit(form, "Enviar invitación");
    await expect(form.getByLabel("Su correo electrónico")).toHaveAccessibleDescription(
      /Esa es su propia dirección\. Escriba la dirección de la persona que quiere invitar\./,
    );
    await expectAccessible(page);

    await form.getByLabel("Su correo electrónico").fill(invitee);
    await scopes.getByRole("radio", { name: "Ver y pagar", exact: true }).check();
    await submit(form, "Enviar invitación");
    await expect(form.getByRole("status")).toHaveText(
      `Enviamos una invitación por correo electrónico a ${invitee}. Funciona una sola vez y vence en 7 días.`,
    );

    await page.reload();
    const access = page.getByRole("list", { name: /^Quién puede ver la cuenta / }).getByRole("listitem");
    await expect(access).toContainText(invitee);
    await expect(access).toContainText(/Ver y pagar · invitación enviada el .+, aún sin aceptar/);
    // The emailed invitation's page, in Spanish: opened by the guarantor, whose address is not
    // the invitee's, so the action refuses, naming the address in Spanish.
    await page.goto(linkIn(await waitForMail(invitee, "le invitó"), "/account-invitation"));
    await expect(page.getByRole("heading", { level: 1, name: "Invitación a una cuenta" })).toBeVisible();
    await expect(
      page.getByText(
        /le invitó a ver y pagar las facturas de la cuenta de .+ en Riverside Family Medicine\./,
      ),
    ).toBeVisible();
    await page.getByRole("button", { name: "Aceptar la invitación" }).click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: /^Esta invitación se envió a e•••@e2e\.example\.com\. Inicie sesión/ }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);

    await page.goto("/profile/sharing");
    await expectSpanish(page, "Quién puede ver sus cuentas");
    await access.getByRole("button", { name: `Retirar la invitación de ${invitee}` }).click();

    await expect(page).toHaveURL(/\/profile\/sharing\?ended=revoked$/);
    await expect(page.getByRole("status").first()).toHaveText(
      "Listo. Esa persona ya no puede ver la cuenta, y el enlace de la invitación ya no funciona.",
    );
    await expect(page.getByText("Solo usted.")).toBeVisible();
    await expectSpanish(page, "Quién puede ver sus cuentas");
  });

  test("two-step sign-in in Spanish: set up from the profile, the code page at sign-in, and the form that turns it off", async ({
    page,
    db,
  }) => {
    const user = await newPatient(db, "es-mfa");
    await signInInSpanish(page, user, "/profile/security");
    await page.getByRole("link", { name: "Configurar la verificación en dos pasos" }).click();

    await expect(page).toHaveURL(/\/mfa\/enrol/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Configure la verificación en dos pasos" }),
    ).toBeVisible();
    await expect(
      page.getByRole("img", { name: "Código QR para su aplicación de autenticación" }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    // A wrong code: the server's words, in Spanish.
    const code = page.getByLabel("Código de su aplicación");
    await code.fill("000000");
    await page.getByRole("button", { name: "Activar la verificación en dos pasos" }).click();
    await expect(code).toHaveAccessibleDescription(/Ese código no funcionó\. Revise la hora de su teléfono/);
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await code.fill(await nextTotpCode(user.email, secret));
    await page.getByRole("button", { name: "Activar la verificación en dos pasos" }).click();
    await expect(
      page.getByRole("list", { name: "Códigos de recuperación" }).getByRole("listitem"),
    ).toHaveCount(10);
    rememberTotpSecret(user.email, secret);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Ya guardé mis códigos de recuperación: continuar" }).click();

    // The form that turns it off; an empty code is refused in Spanish.
    await expectSpanish(page, "Verificación en dos pasos");
    const off = formWith(page, "Desactivar la verificación en dos pasos");
    await submit(off, "Desactivar la verificación en dos pasos");
    await expect(off.getByLabel("Código de su aplicación")).toHaveAccessibleDescription(
      /Escriba el código\./,
    );
    await expectAccessible(page);

    // Signing in again asks for the code, in Spanish (the language the browser kept).
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Contraseña", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page).toHaveURL(/\/mfa(\?|$)/);
    await expect(page.getByRole("heading", { level: 1, name: "Escriba su código" })).toBeVisible();
    await expect(page).toHaveTitle(/^Segundo paso para iniciar sesión/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectAccessible(page);
    await page.getByLabel("Código", { exact: true }).fill(await nextTotpCode(user.email, secret));
    await page.getByRole("button", { name: "Continuar" }).click();
    await expect(page).toHaveURL(/\/bills/);
  });
});
