import { buttonClass } from "@/components/ui/button-class";

/**
 * A link to a PDF the portal makes (itemized statement, yearly summary). A plain <a download>,
 * not next/link: the PDF is a download, not a page for the router to prefetch, and it works
 * before (and without) JavaScript.
 */
export function PdfDownloadLink({
  href,
  variant = "secondary",
  children,
}: {
  href: string;
  variant?: "primary" | "secondary";
  children: React.ReactNode;
}) {
  return (
    <a href={href} className={buttonClass(variant)} download>
      {children}
    </a>
  );
}
