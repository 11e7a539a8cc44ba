import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { GuestLookupForm } from "@/components/guest/guest-lookup-form";

export const metadata: Metadata = { title: "Find your statement" };

export default async function GuestLookupPage({
  searchParams,
}: {
  searchParams: Promise<{ ended?: string; expired?: string }>;
}) {
  const params = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle description="Pay a bill without a login. You'll need your paper or emailed statement.">
        Find your statement
      </PageTitle>
      {params.expired ? (
        <div className="mb-4">
          <Notice tone="warning">
            Your guest session ended after 15 minutes. Look up your statement again to continue.
          </Notice>
        </div>
      ) : null}
      {params.ended ? (
        <div className="mb-4">
          <Notice tone="success">You have left the statement. Nothing of it stays in this browser.</Notice>
        </div>
      ) : null}
      <Card>
        <GuestLookupForm />
      </Card>
    </div>
  );
}
