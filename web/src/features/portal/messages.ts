// The portal pages' strings, merged into the app dictionary by lib/i18n.ts.
export const portalZh = {} as const;

// Typed against the Chinese side so a missing English string is a compile error.
export const portalEn: Record<keyof typeof portalZh, string> = {};
