declare module 'virtual:sshfix/guided' {
  /** Article id → the anchor of its first guided check box (src/integrations/guided-module.ts). */
  export const guidedStart: Record<string, string>;
}
