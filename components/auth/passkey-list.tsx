import { getLocale, getTranslations } from "next-intl/server";
import { AddPasskeyButton } from "@/components/auth/passkey-buttons";
import { PasskeyActions } from "@/components/auth/passkey-actions";
import { formatInstant } from "@/lib/dates";
import { INTL_LOCALES, type TLocale } from "@/lib/locale";
import { MessagesFor } from "@/components/i18n/messages-for";
import { listPasskeys } from "@/lib/auth/mfa/passkeys";

/**
 * A user's passkeys (name, when added, when last used), each with its rename and remove forms,
 * and the button that adds one (the profile, the staff security page, which is `returnTo`). In
 * the reader's language (messages' `Passkeys`), or in `locale` when given: the staff console,
 * which stays English, passes "en" (its client parts get that language's messages too).
 */
export async function PasskeyList({
  userId,
  timeZone,
  returnTo,
  locale: fixedLocale,
}: {
  userId: string;
  timeZone: string;
  returnTo: string;
  locale?: TLocale;
}) {
  const locale = fixedLocale ?? (await getLocale());
  const [passkeys, t] = await Promise.all([
    listPasskeys(userId),
    getTranslations({ locale, namespace: "Passkeys" }),
  ]);
  const when = (at: Date) => formatInstant(at, timeZone, INTL_LOCALES[locale]);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  const list = (
    <div className="flex flex-col gap-3">
      {passkeys.length > 0 ? (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")}>
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 border-b border-slate-200 pb-4 last:border-b-0">
              <p>
                {p.lastUsedAt
                  ? t.rich("added", {
                      name: p.name,
                      addedAt: when(p.createdAt),
                      usedAt: when(p.lastUsedAt),
                      strong,
                    })
                  : t.rich("addedUnused", { name: p.name, addedAt: when(p.createdAt), strong })}
              </p>
              <PasskeyActions passkeyId={p.id} name={p.name} returnTo={returnTo} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">{t("none")}</p>
      )}
      <AddPasskeyButton />
    </div>
  );
  return fixedLocale ? (
    <MessagesFor
      locale={fixedLocale}
      only={["Login", "MfaForms", "Passkeys", "ProfileErrors", "ServerErrors", "SharingErrors"]}
    >
      {list}
    </MessagesFor>
  ) : (
    list
  );
}
