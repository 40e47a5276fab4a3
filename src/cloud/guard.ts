/** The lockout guard's words, shared by <LockoutGuard /> and the Markdown twin. */
export const LOCKOUT_GUARD = {
  title: 'Can lock you out',
  text: 'Keep a second SSH session or the provider console open while you make this change, and test a new login from another terminal before you close it. If the test fails, undo the change from the session you kept.',
} as const;
