// The review pages' strings, merged into the app dictionary by lib/i18n.ts.
export const reviewZh = {} as const;

// Typed against the Chinese side so a missing English string is a compile error.
export const reviewEn: Record<keyof typeof reviewZh, string> = {};
