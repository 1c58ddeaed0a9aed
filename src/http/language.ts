import type { FastifyRequest } from 'fastify';

export type Language = 'zh' | 'en';

/** Chinese unless Accept-Language prefers English over Chinese. */
export function languageOf(req: FastifyRequest): Language {
  const header = req.headers['accept-language'];
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter((x) => x.tag.startsWith('zh') || x.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}
