import { guestSessionPage } from "@/lib/guest/queries";

/**
 * The pages of a guest session (its statement, its pay page): without a live session they
 * redirect here, in the layout, because their loading state would otherwise have started the
 * response as a page.
 */
export default async function GuestSessionLayout({ children }: { children: React.ReactNode }) {
  await guestSessionPage();
  return children;
}
