import { useMemo } from 'react';

const ALLOWED_HREF = /^#/;

/**
 * The server's drawing, made safe to put into the page: it carries names people typed, so anything that could run
 * (scripts, event attributes, foreign HTML, links out) is taken out even though the server escapes them already.
 * Returns null when the text is no SVG.
 */
export function sanitizeSvg(text: string): string | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const el of Array.from(root.querySelectorAll('script, foreignObject, iframe, object, embed'))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'xlink:href') && !ALLOWED_HREF.test(attr.value.trim())) el.removeAttribute(attr.name);
    }
  }
  // Fit the box it is shown in; the viewBox keeps the proportions.
  if (!root.getAttribute('viewBox')) {
    const w = parseFloat(root.getAttribute('width') ?? '');
    const h = parseFloat(root.getAttribute('height') ?? '');
    if (w > 0 && h > 0) root.setAttribute('viewBox', `0 0 ${w} ${h}`);
  }
  root.removeAttribute('width');
  root.removeAttribute('height');
  root.setAttribute('role', 'img');
  return new XMLSerializer().serializeToString(root);
}

/** A drawing inline (so its text is searchable and it scales without blurring), with a text alternative. */
export function SvgDrawing({ svg, label }: { svg: string; label: string }) {
  const safe = useMemo(() => sanitizeSvg(svg), [svg]);
  if (safe === null) return null;
  // Sanitized above.
  return <div className="process-svg" aria-label={label} role="img" dangerouslySetInnerHTML={{ __html: safe }} />;
}
