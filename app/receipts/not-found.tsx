import { EnglishOnly } from "@/components/english-only";
import Link from "next/link";

/**
 * The same page for a receipt that does not exist, one that is someone else's, and a visitor
 * with no session: none of them learns whether the receipt exists.
 */
export default function ReceiptNotFound() {
  return (
    <EnglishOnly>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">Receipt not found</h1>
        <p className="mt-2 text-slate-700">
          We couldn&apos;t find that receipt, or you don&apos;t have access to it. If it is yours, sign in to
          see it, or, if you paid as a guest, look up your statement again first.
        </p>
        <ul className="mt-4 flex flex-col gap-2">
          <li>
            <Link href="/login" className="text-brand-700 underline underline-offset-2">
              Sign in
            </Link>
          </li>
          <li>
            <Link href="/guest" className="text-brand-700 underline underline-offset-2">
              Look up a statement as a guest
            </Link>
          </li>
        </ul>
      </div>
    </EnglishOnly>
  );
}
