import { appUrl } from "@/lib/env";
import { PRACTICE_NAME } from "@/lib/auth/emails";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locale";

/**
 * The messages the profile sends, in the login's saved language (English when it has none).
 * Links in them are credentials; nothing else here is. One strings object per language.
 */
const en = {
  notYouLead: "If this was not you, reset your password now and call our billing office:",
  resetLabel: "Reset your password",
  linkSubject: (p: string) => `${p}: confirm your new email address`,
  linkAsked: (p: string) => `You asked to use this address for your ${p} patient portal login.`,
  linkLead: "Confirm it here:",
  linkLabel: "Confirm your new email address",
  linkHow:
    "The link opens a page with a button; your login's email changes only when you press it. The link works once and expires in 24 hours. If you did not ask for this, ignore this message; nothing changes.",
  requestedSubject: (p: string) => `${p}: a change of your login email was requested`,
  requested: (from: string, to: string) =>
    `Someone signed in to your patient portal login asked to change its email address from ${from} to ${to}.`,
  requestedWait: "Nothing changes until the new address is confirmed from the link we sent to it.",
  changedSubject: (p: string) => `${p}: your login email was changed`,
  changed: (from: string, to: string) =>
    `The email address of your patient portal login was changed from ${from} to ${to}. Sign in with the new address from now on; we will not write to this one again.`,
  usedSubject: (p: string) => `${p}: this address is already used by a login`,
  used: "Someone signed in to a patient portal login asked to move it to this address. This address already belongs to a login, so nothing was changed.",
  usedSignInLead: "If it was you, sign in with this address:",
  signInLabel: "Sign in",
  usedResetLead: "Or reset its password:",
  notYouIgnore: "If it was not you, you can ignore this message.",
  passwordSubject: (p: string) => `${p}: your password was changed`,
  password:
    "The password of your patient portal login was just changed. Every other browser and device signed in to it was signed out.",
};

export type TProfileEmailStrings = typeof en;

const es: TProfileEmailStrings = {
  notYouLead: "Si no fue usted, restablezca su contraseña ahora y llame a nuestra oficina de facturación:",
  resetLabel: "Restablecer su contraseña",
  linkSubject: (p) => `${p}: confirme su nueva dirección de correo electrónico`,
  linkAsked: (p) =>
    `Usted pidió usar esta dirección para su cuenta de acceso al portal de pacientes de ${p}.`,
  linkLead: "Confírmela aquí:",
  linkLabel: "Confirmar su nuevo correo electrónico",
  linkHow:
    "El enlace abre una página con un botón; el correo electrónico de su cuenta de acceso cambia solo cuando usted lo presiona. El enlace funciona una sola vez y vence en 24 horas. Si usted no pidió esto, ignore este mensaje; nada cambia.",
  requestedSubject: (p) => `${p}: se pidió cambiar el correo electrónico de su cuenta de acceso`,
  requested: (from, to) =>
    `Alguien que inició sesión en su cuenta de acceso al portal de pacientes pidió cambiar su dirección de correo electrónico de ${from} a ${to}.`,
  requestedWait: "Nada cambia hasta que se confirme la nueva dirección desde el enlace que le enviamos.",
  changedSubject: (p) => `${p}: se cambió el correo electrónico de su cuenta de acceso`,
  changed: (from, to) =>
    `La dirección de correo electrónico de su cuenta de acceso al portal de pacientes se cambió de ${from} a ${to}. De ahora en adelante, inicie sesión con la nueva dirección; no volveremos a escribir a esta.`,
  usedSubject: (p) => `${p}: esta dirección ya la usa una cuenta de acceso`,
  used: "Alguien que inició sesión en una cuenta de acceso al portal de pacientes pidió pasarla a esta dirección. Esta dirección ya pertenece a una cuenta de acceso, así que no se cambió nada.",
  usedSignInLead: "Si fue usted, inicie sesión con esta dirección:",
  signInLabel: "Iniciar sesión",
  usedResetLead: "O restablezca su contraseña:",
  notYouIgnore: "Si no fue usted, puede ignorar este mensaje.",
  passwordSubject: (p) => `${p}: se cambió su contraseña`,
  password:
    "Se acaba de cambiar la contraseña de su cuenta de acceso al portal de pacientes. Se cerró la sesión en todos los demás navegadores y dispositivos donde estaba abierta.",
};

export const PROFILE_EMAIL_STRINGS: Record<TLocale, TProfileEmailStrings> = { en, es };

type TLoginMail = { to: string; locale?: TLocale };

const ifNotYou = (s: TProfileEmailStrings) =>
  button({ lead: s.notYouLead, label: s.resetLabel, href: appUrl("/forgot-password") });

export const emailChangeLinkEmail = ({
  to,
  link,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { link: string }): TEmailMessage => {
  const s = PROFILE_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.linkSubject(PRACTICE_NAME),
    blocks: [
      paragraph(s.linkAsked(PRACTICE_NAME)),
      button({ lead: s.linkLead, label: s.linkLabel, href: link }),
      paragraph(s.linkHow),
    ],
  };
};

export const emailChangeRequestedEmail = ({
  to,
  newEmail,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { newEmail: string }): TEmailMessage => {
  const s = PROFILE_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.requestedSubject(PRACTICE_NAME),
    blocks: [paragraph(s.requested(to, newEmail)), paragraph(s.requestedWait), ifNotYou(s)],
  };
};

export const emailChangedEmail = ({
  to,
  newEmail,
  locale = DEFAULT_LOCALE,
}: TLoginMail & { newEmail: string }): TEmailMessage => {
  const s = PROFILE_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.changedSubject(PRACTICE_NAME),
    blocks: [paragraph(s.changed(to, newEmail)), ifNotYou(s)],
  };
};

export const emailAlreadyUsedEmail = ({ to, locale = DEFAULT_LOCALE }: TLoginMail): TEmailMessage => {
  const s = PROFILE_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.usedSubject(PRACTICE_NAME),
    blocks: [
      paragraph(s.used),
      button({ lead: s.usedSignInLead, label: s.signInLabel, href: appUrl("/login") }),
      button({
        lead: s.usedResetLead,
        label: s.resetLabel,
        href: appUrl("/forgot-password"),
        after: s.notYouIgnore,
      }),
    ],
  };
};

export const passwordChangedEmail = ({ to, locale = DEFAULT_LOCALE }: TLoginMail): TEmailMessage => {
  const s = PROFILE_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.passwordSubject(PRACTICE_NAME),
    blocks: [paragraph(s.password), ifNotYou(s)],
  };
};
