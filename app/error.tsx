"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("ErrorPage");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">
        {t("body")}
        {error.digest ? ` ${t("reference", { digest: error.digest })}` : ""}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white"
      >
        {t("retry")}
      </button>
    </main>
  );
}
