import { PageLoading } from "@/components/ui/page-loading";

// The search's own: the other staff pages answer 403 or 404 themselves, which they could not once
// this had started streaming.
export default function Loading() {
  return <PageLoading shape="form" />;
}
