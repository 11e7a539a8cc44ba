import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locale";

/** The name the sign-in and account emails give the portal. */
export const PRACTICE_NAME = "Riverside Family Medicine";

/**
 * The messages about a login (docs/email.md), in the login's saved language (English when it
 * has none). Links in them are credentials. One strings object per language, Spanish per
 * docs/glossary.md ("cuenta de acceso" for a login).
 */
const en = {
  verifySubject: (p: string) => `${p}: confirm your email address`,
  welcome: (p: string) => `Welcome to the ${p} patient portal.`,
  verifyLead: "Confirm your email address to finish setting up your login:",
  verifyLabel: "Confirm your email address",
  verifyExpiry: "This link works once and expires in 24 hours. If you did not sign up, ignore this message.",
  chooseSubject: (p: string) => `${p}: choose your own password`,
  chooseLead:
    "You signed in with a temporary password. Choose your own password here before you sign in again:",
  chooseLabel: "Choose your password",
  chooseExpiry:
    "This link works once and expires in 1 hour. Signing in with the temporary password again sends a new one.",
  takenSubject: (p: string) => `${p}: someone tried to sign up with your email`,
  taken: "Someone tried to create a new patient portal login with this address, which already has one.",
  signInLead: "If it was you, sign in:",
  signInLabel: "Sign in",
  forgotLead: "Or, if you forgot it, reset your password:",
  resetLabel: "Reset your password",
  notYou: "If it was not you, you can ignore this message.",
  resetSubject: (p: string) => `${p}: reset your password`,
  resetAsked: "We received a request to reset the password of your patient portal login.",
  resetLead: "Choose a new password here:",
  resetNewLabel: "Choose a new password",
  resetExpiry:
    "This link works once and expires in 1 hour. If you did not ask for it, ignore this message; your password stays the same.",
};

export type TAuthEmailStrings = typeof en;

const es: TAuthEmailStrings = {
  verifySubject: (p) => `${p}: confirme su dirección de correo electrónico`,
  welcome: (p) => `Le damos la bienvenida al portal de pacientes de ${p}.`,
  verifyLead: "Confirme su dirección de correo electrónico para terminar de configurar su cuenta de acceso:",
  verifyLabel: "Confirmar su correo electrónico",
  verifyExpiry:
    "Este enlace funciona una sola vez y vence en 24 horas. Si usted no se registró, ignore este mensaje.",
  chooseSubject: (p) => `${p}: elija su propia contraseña`,
  chooseLead:
    "Usted inició sesión con una contraseña temporal. Elija aquí su propia contraseña antes de volver a iniciar sesión:",
  chooseLabel: "Elegir su contraseña",
  chooseExpiry:
    "Este enlace funciona una sola vez y vence en 1 hora. Si vuelve a iniciar sesión con la contraseña temporal, se le enviará uno nuevo.",
  takenSubject: (p) => `${p}: alguien intentó registrarse con su correo electrónico`,
  taken:
    "Alguien intentó crear una nueva cuenta de acceso al portal de pacientes con esta dirección, que ya tiene una.",
  signInLead: "Si fue usted, inicie sesión:",
  signInLabel: "Iniciar sesión",
  forgotLead: "O, si la olvidó, restablezca su contraseña:",
  resetLabel: "Restablecer su contraseña",
  notYou: "Si no fue usted, puede ignorar este mensaje.",
  resetSubject: (p) => `${p}: restablezca su contraseña`,
  resetAsked:
    "Recibimos una solicitud para restablecer la contraseña de su cuenta de acceso al portal de pacientes.",
  resetLead: "Elija una nueva contraseña aquí:",
  resetNewLabel: "Elegir una nueva contraseña",
  resetExpiry:
    "Este enlace funciona una sola vez y vence en 1 hora. Si usted no lo pidió, ignore este mensaje; su contraseña no cambia.",
};

export const AUTH_EMAIL_STRINGS: Record<TLocale, TAuthEmailStrings> = { en, es };

type TLoginMail = { to: string; locale?: TLocale };

export const verificationEmail = ({
  to,
  link,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { link: string }): TEmailMessage => {
  const s = AUTH_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.verifySubject(PRACTICE_NAME),
    blocks: [
      paragraph(s.welcome(PRACTICE_NAME)),
      button({ lead: s.verifyLead, label: s.verifyLabel, href: link }),
      paragraph(s.verifyExpiry),
    ],
  };
};

export const choosePasswordEmail = ({
  to,
  link,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { link: string }): TEmailMessage => {
  const s = AUTH_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.chooseSubject(PRACTICE_NAME),
    blocks: [button({ lead: s.chooseLead, label: s.chooseLabel, href: link }), paragraph(s.chooseExpiry)],
  };
};

export const addressTakenEmail = ({ to, locale = DEFAULT_LOCALE }: TLoginMail): TEmailMessage => {
  const s = AUTH_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.takenSubject(PRACTICE_NAME),
    blocks: [
      paragraph(s.taken),
      button({ lead: s.signInLead, label: s.signInLabel, href: appUrl("/login") }),
      button({ lead: s.forgotLead, label: s.resetLabel, href: appUrl("/forgot-password") }),
      paragraph(s.notYou),
    ],
  };
};

export const resetPasswordEmail = ({
  to,
  link,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { link: string }): TEmailMessage => {
  const s = AUTH_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.resetSubject(PRACTICE_NAME),
    blocks: [
      paragraph(s.resetAsked),
      button({ lead: s.resetLead, label: s.resetNewLabel, href: link }),
      paragraph(s.resetExpiry),
    ],
  };
};
