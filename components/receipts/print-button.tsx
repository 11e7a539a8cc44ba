"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";

export function PrintButton() {
  const t = useTranslations("Receipt");
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("secondary")}>
      {t("print")}
    </button>
  );
}
