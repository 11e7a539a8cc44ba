"use client";

import { usePathname } from "next/navigation";

/**
 * The switcher's "come back here" field. The root layout is rendered once and kept across
 * client-side navigations (and a server action's redirect renders the next page in the action's
 * own request), so the address the server saw may be an earlier page's: once React runs, the
 * field follows the page shown. Before hydration, or without JavaScript, every page is a document
 * of its own and the server's value is right.
 */
export function LocaleReturnField({ initial }: { initial: string }) {
  const pathname = usePathname();
  const initialPath = initial.split("?")[0];
  return (
    <input type="hidden" name="returnTo" value={!pathname || pathname === initialPath ? initial : pathname} />
  );
}
