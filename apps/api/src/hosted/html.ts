const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Strict policy for hosted pages: no inline script or style, scripts and styles from this origin only,
 * logos from https, forms only to this origin (plus `formRedirects`: browsers apply form-action to the redirects
 * that follow a submit, and the catalog's Connect form is answered with a redirect to Microsoft), never framed.
 */
export function hostedCsp(formRedirects: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: data:",
    "connect-src 'none'",
    ["form-action 'self'", ...formRedirects].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const HOSTED_CSP = hostedCsp();

export interface LayoutOptions {
  title: string;
  body: string;
  /** data-* attributes on <body>, read by hosted.js (popup result, allowed origins, return URL). */
  data?: Record<string, string>;
}

export function layout({ title, body, data = {} }: LayoutOptions): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/assets/hosted.css">
<script src="/assets/hosted.js" defer></script>
</head>
<body${attrs}>
<main class="card" id="main">
${body}
</main>
<footer class="footer">Secured by Latchkey</footer>
</body>
</html>`;
}
