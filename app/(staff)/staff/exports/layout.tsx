import { staffPage } from "@/lib/auth/page-guards";

/**
 * The permission checked before the page's loading.tsx starts streaming: a page refused after
 * that would answer 200 with the refusal in it, so the guard is here, where a refusal is a 403.
 * The page checks it again (and reads the actor from it).
 */
export default async function GuardLayout({ children }: { children: React.ReactNode }) {
  await staffPage("files.export");
  return children;
}
