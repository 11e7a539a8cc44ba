import { createHash, randomBytes } from "node:crypto";

/** A new invitation token: 256 random bits, base64url (the link carries it; we keep its hash). */
export const newInvitationToken = () => randomBytes(32).toString("base64url");

/** SHA-256 (hex) of a token: what account_access.tokenHash stores (256 random bits need no slow hash). */
export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
