/**
 * The demo's users: the choices of the "Signed in as" switcher, and the context each one gives
 * the flags provider, which the emulator evaluates the multi-variant `recommendations` flag with.
 */

export const USERS = ['jane.doe', 'john.smith', 'guest'] as const;

/** The context of `user`. A guest is not signed in: no `userId`, so the default variant. */
export function contextOf(user: string): { userId?: string } {
  return user === 'guest' ? {} : { userId: user };
}
