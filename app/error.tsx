"use client";

import { EnglishOnly } from "@/components/english-only";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <EnglishOnly>
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <h1 className="text-2xl font-bold">Something went wrong</h1>
        <p className="mt-2 text-slate-700">
          We couldn&apos;t load this page. Please try again.
          {error.digest ? ` (Reference ${error.digest})` : ""}
        </p>
        <button
          type="button"
          onClick={reset}
          className="mt-4 min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white"
        >
          Try again
        </button>
      </main>
    </EnglishOnly>
  );
}
