"use client";

import { useTranslations } from "next-intl";

/** A method of the patient's wallet, as the pay form offers it. */
export type TPayFormSavedMethod = { id: string; label: string; isDefault: boolean; isExpired: boolean };

/** The choice's value for "a new card or bank account". */
export const NEW_METHOD = "new";

/** The method chosen first: the default, else the first that has not expired, else a new one. */
export const firstChoice = (savedMethods: TPayFormSavedMethod[]) =>
  savedMethods.find((m) => m.isDefault && !m.isExpired)?.id ??
  savedMethods.find((m) => !m.isExpired)?.id ??
  NEW_METHOD;

/** The patient's saved methods (an expired one shown but not choosable) and "a new one". */
export function SavedMethodChoice({
  name,
  savedMethods,
  choice,
  onChoose,
}: {
  name: string;
  savedMethods: TPayFormSavedMethod[];
  choice: string;
  onChoose: (methodId: string) => void;
}) {
  const t = useTranslations("PayForm");
  return (
    <div className="flex flex-col gap-1">
      {savedMethods.map((m) => (
        <label key={m.id} className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={name}
            value={m.id}
            checked={choice === m.id}
            disabled={m.isExpired}
            onChange={() => onChoose(m.id)}
            className="h-5 w-5"
          />
          <span>
            {m.label}
            {m.isDefault ? <span className="ml-2 text-sm text-slate-700">{t("default")}</span> : null}
            {m.isExpired ? <span className="ml-2 text-sm text-red-800">{t("expired")}</span> : null}
          </span>
        </label>
      ))}
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="radio"
          name={name}
          value={NEW_METHOD}
          checked={choice === NEW_METHOD}
          onChange={() => onChoose(NEW_METHOD)}
          className="h-5 w-5"
        />
        {t("newMethod")}
      </label>
    </div>
  );
}
