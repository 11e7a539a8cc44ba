import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * The same page for a receipt that does not exist, one that is someone else's, and a visitor
 * with no session: none of them learns whether the receipt exists.
 */
export default async function ReceiptNotFound() {
  const t = await getTranslations("ReceiptNotFound");
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      <ul className="mt-4 flex flex-col gap-2">
        <li>
          <Link href="/login" className="text-brand-700 underline underline-offset-2">
            {t("signIn")}
          </Link>
        </li>
        <li>
          <Link href="/guest" className="text-brand-700 underline underline-offset-2">
            {t("guest")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
