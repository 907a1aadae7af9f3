/** The print pages' HTML: one escaping rule and one page shell (forms, certificates, publication lists). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML element content and quoted attributes. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A whole page: `title` escaped, `style` and `body` as given (already escaped HTML). */
export const htmlPage = ({
  title,
  style,
  body,
  lang = 'zh-CN',
}: {
  title: string;
  style: string;
  body: string;
  lang?: string;
}): string => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
