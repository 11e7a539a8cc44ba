import { AddPasskeyButton } from "@/components/auth/passkey-buttons";
import { PasskeyActions } from "@/components/auth/passkey-actions";
import { formatInstant } from "@/lib/dates";
import { listPasskeys } from "@/lib/auth/mfa/passkeys";

/**
 * A user's passkeys (name, when added, when last used), each with its rename and remove forms,
 * and the button that adds one (the profile, the staff security page, which is `returnTo`).
 */
export async function PasskeyList({
  userId,
  timeZone,
  returnTo,
}: {
  userId: string;
  timeZone: string;
  returnTo: string;
}) {
  const passkeys = await listPasskeys(userId);
  return (
    <div className="flex flex-col gap-3">
      {passkeys.length > 0 ? (
        <ul className="flex flex-col gap-4" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 border-b border-slate-200 pb-4 last:border-b-0">
              <p>
                <strong>{p.name}</strong>, added {formatInstant(p.createdAt, timeZone)}
                {p.lastUsedAt ? `, last used ${formatInstant(p.lastUsedAt, timeZone)}` : ", not used yet"}
              </p>
              <PasskeyActions passkeyId={p.id} name={p.name} returnTo={returnTo} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">You have no passkeys yet.</p>
      )}
      <AddPasskeyButton />
    </div>
  );
}
