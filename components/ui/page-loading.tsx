/**
 * What a route segment's loading.tsx shows while its page waits on the database or the gateway:
 * a visible "Loading…" in a polite status region, and grey blocks in the shape of the page
 * (hidden from screen readers) so that little moves when the page arrives. A server component:
 * no client code.
 */

/** The page it stands in for: a summary and a list (bills), a list, a form, or a profile section. */
export type TPageLoadingShape = "summary" | "list" | "form" | "section";

const block = "rounded bg-slate-200 motion-safe:animate-pulse";
const cardFrame = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6";

function Status({ label }: { label: string }) {
  return (
    <p role="status" aria-live="polite" className="mt-1 text-slate-700">
      {label}
    </p>
  );
}

function Rows({ shape }: { shape: TPageLoadingShape }) {
  if (shape === "form" || shape === "section") {
    return (
      <div aria-hidden="true" className="mt-4 flex flex-col gap-4">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex flex-col gap-1">
            <div className={`h-5 w-40 ${block}`} />
            <div className={`h-11 w-full max-w-md ${block}`} />
          </div>
        ))}
        <div className={`h-11 w-40 ${block}`} />
      </div>
    );
  }
  return (
    <div aria-hidden="true" className="mt-4 flex flex-col divide-y divide-slate-100">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex items-center justify-between gap-4 py-3">
          <div className={`h-5 w-48 ${block}`} />
          <div className={`h-5 w-20 ${block}`} />
        </div>
      ))}
    </div>
  );
}

/** `label`: "Loading…" in the reader's language, where the page is translated; English otherwise. */
export function PageLoading({ shape, label = "Loading…" }: { shape: TPageLoadingShape; label?: string }) {
  if (shape === "section") {
    // Inside the profile's frame, which already shows its title and sections.
    return (
      <section className={cardFrame}>
        <div aria-hidden="true" className={`h-7 w-48 ${block}`} />
        <Status label={label} />
        <Rows shape={shape} />
      </section>
    );
  }
  return (
    <>
      <div className="mb-6">
        <div aria-hidden="true" className={`h-8 w-56 max-w-full sm:h-9 ${block}`} />
        <Status label={label} />
      </div>
      {shape === "summary" ? (
        <div aria-hidden="true" className="mb-6 grid gap-4 sm:grid-cols-2">
          {[0, 1].map((i) => (
            <div key={i} className={cardFrame}>
              <div className={`h-5 w-24 ${block}`} />
              <div className={`mt-1 h-9 w-36 ${block}`} />
            </div>
          ))}
        </div>
      ) : null}
      <div className={cardFrame}>
        <div aria-hidden="true" className={`h-7 w-40 ${block}`} />
        <Rows shape={shape} />
      </div>
    </>
  );
}
