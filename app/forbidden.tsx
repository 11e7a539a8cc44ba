import { EnglishOnly } from "@/components/english-only";
import Link from "next/link";

export default function Forbidden() {
  return (
    <EnglishOnly>
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <h1 className="text-2xl font-bold">You don&apos;t have access to this page</h1>
        <p className="mt-2 text-slate-700">
          This area is for billing staff. If you think you should have access, ask your administrator.
        </p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          Go to your home page
        </Link>
      </main>
    </EnglishOnly>
  );
}
