import Link from "next/link";
import { redirect } from "next/navigation";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { homeFor, secondFactorPath } from "@/lib/auth/redirects";
import { buttonClass } from "@/components/ui/button-class";

export default async function HomePage() {
  const session = await getSession();
  if (session) {
    const owed = secondFactorOwed(session);
    redirect(owed === "none" ? homeFor(session.role) : secondFactorPath(owed, "/"));
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-4 py-12">
      <div>
        <p className="font-semibold text-brand-700">Riverside Family Medicine</p>
        <h1 className="mt-2 text-3xl font-bold sm:text-4xl">Pay your bill online</h1>
        <p className="mt-3 text-lg text-slate-700">
          Look up a statement and pay it in a minute, or sign in to see all your bills, payments and receipts.
        </p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href="/guest" className={buttonClass("primary")}>
          Pay a bill without signing in
        </Link>
        <Link href="/login" className={buttonClass("secondary")}>
          Sign in
        </Link>
        <Link href="/signup" className={buttonClass("secondary")}>
          Create a login
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        Questions about your bill? Call our billing office at (215) 555-0142.
      </p>
    </main>
  );
}
