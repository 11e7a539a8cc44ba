import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function Forbidden() {
  const t = await getTranslations("ForbiddenPage");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t("home")}
      </Link>
    </main>
  );
}
