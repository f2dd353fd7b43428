// Loaded on first use: an idle server that nobody signs in to need not hold the native module.
const argon2 = () => import('@node-rs/argon2');

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = async (password: string): Promise<string> =>
  (await argon2()).hash(password, options);

let dummy: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throw-away hash when there is none, so that an unknown
 * login takes as long as a wrong password and answers cannot reveal which accounts exist.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  const { hash, verify } = await argon2();
  if (!stored) {
    dummy ??= hash('mamori-timing-equaliser', options);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
