import { EnglishOnly } from "@/components/english-only";
import { PublicLayout } from "@/components/public-layout";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <PublicLayout aside={{ href: "/guest", label: "Pay without signing in" }} width="max-w-md">
      {/* Not translated yet (docs/i18n.md). */}
      <EnglishOnly>{children}</EnglishOnly>
    </PublicLayout>
  );
}
