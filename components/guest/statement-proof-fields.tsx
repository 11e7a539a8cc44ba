"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Radio, TextField } from "@/components/ui/field";
import type { TFieldErrors } from "@/lib/result";

/** Statement number plus either the patient's date of birth or the ZIP code on the statement. */
export function StatementProofFields({ errors }: { errors?: TFieldErrors }) {
  const t = useTranslations("StatementProof");
  const [method, setMethod] = useState<"dob" | "zip">("dob");
  // React resets the form after its action runs, which puts the radios back to "dob" in the
  // DOM; follow it, or a ZIP field would show under a checked date-of-birth radio.
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const form = fieldset.current?.form;
    if (!form) return;
    // The radios are uncontrolled: one chosen before the page hydrated is still checked.
    if (new FormData(form).get("method") === "zip") setMethod("zip");
    const onReset = () => setMethod("dob");
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);
  return (
    <>
      <TextField
        label={t("statementNumber")}
        name="statementNumber"
        hint={t("statementNumberHint")}
        autoComplete="off"
        required
        errors={errors?.statementNumber}
      />
      <fieldset ref={fieldset} className="flex flex-col gap-2">
        <legend className="font-medium text-slate-800">{t("verifyWith")}</legend>
        <div className="flex flex-wrap gap-4">
          <Radio name="method" value="dob" defaultChecked onChange={() => setMethod("dob")}>
            {t("dob")}
          </Radio>
          <Radio name="method" value="zip" onChange={() => setMethod("zip")}>
            {t("zip")}
          </Radio>
        </div>
      </fieldset>
      {method === "dob" ? (
        <TextField
          label={t("dobLabel")}
          name="dob"
          type="date"
          autoComplete="bday"
          required
          errors={errors?.dob}
        />
      ) : (
        <TextField
          label={t("zipLabel")}
          name="zip"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={10}
          required
          errors={errors?.zip}
        />
      )}
    </>
  );
}
