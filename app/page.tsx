import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { homeFor, secondFactorPath } from "@/lib/auth/redirects";
import { buttonClass } from "@/components/ui/button-class";

export default async function HomePage() {
  const session = await getSession();
  if (session) {
    const owed = secondFactorOwed(session);
    redirect(owed === "none" ? homeFor(session.role) : secondFactorPath(owed, "/"));
  }
  const t = await getTranslations("Home");
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-4 py-12">
      <div>
        <p className="font-semibold text-brand-700">Riverside Family Medicine</p>
        <h1 className="mt-2 text-3xl font-bold sm:text-4xl">{t("title")}</h1>
        <p className="mt-3 text-lg text-slate-700">{t("intro")}</p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href="/guest" className={buttonClass("primary")}>
          {t("payAsGuest")}
        </Link>
        <Link href="/login" className={buttonClass("secondary")}>
          {t("signIn")}
        </Link>
        <Link href="/signup" className={buttonClass("secondary")}>
          {t("signUp")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t("questions", { phone: "(215) 555-0142" })}</p>
    </main>
  );
}
