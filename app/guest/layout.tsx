import { PublicLayout } from "@/components/public-layout";

export default function GuestLayout({ children }: { children: React.ReactNode }) {
  return <PublicLayout aside={{ href: "/login", label: "Sign in" }}>{children}</PublicLayout>;
}
