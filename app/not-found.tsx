import { EnglishOnly } from "@/components/english-only";
import Link from "next/link";

export default function NotFound() {
  return (
    <EnglishOnly>
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <h1 className="text-2xl font-bold">Page not found</h1>
        <p className="mt-2 text-slate-700">
          We couldn&apos;t find that page or record. It may have moved, or you may not have access to it.
        </p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          Go to the start page
        </Link>
      </main>
    </EnglishOnly>
  );
}
