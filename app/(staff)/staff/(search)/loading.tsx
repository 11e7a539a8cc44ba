import { PageLoading } from "@/components/ui/page-loading";

// In a route group: the pages below answer 403 or 404 themselves, which they could not once this had
// started streaming.
export default function Loading() {
  return <PageLoading shape="form" />;
}
