import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot read)

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export const verifyPassword = async (passwordHash: string | null | undefined, password: string) => {
  if (!passwordHash) {
    // Same work as a real check, so that timing does not tell whether the email exists.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

export { PASSWORD_RULES, isStrongEnough } from "@/lib/auth/password-rules";
