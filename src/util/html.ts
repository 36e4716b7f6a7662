/**
 * The one rule for text that strkin echoes into HTML (and SVG): every report
 * page writes names, ids, labels and messages through {@link escapeHtml}.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and for quoted attribute values (also
 * inside inline SVG): `&`, `<`, `>`, `"` and `'` become character references,
 * so a sample named `<script>alert(1)</script>` is shown as text and never run.
 * Control characters other than tab, line feed and carriage return (which HTML
 * does not allow in text) become U+FFFD, the replacement character; the rest
 * of the text is kept as it is.
 *
 * Reference: OWASP Cross Site Scripting Prevention Cheat Sheet, rule 1 (HTML
 * entity encoding), https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
 * Cost: O(length of text).
 *
 * @example
 * ```ts
 * escapeHtml('<b>"Tom" & \'Ann\'</b>'); // => '&lt;b&gt;&quot;Tom&quot; &amp; &#39;Ann&#39;&lt;/b&gt;'
 * escapeHtml('UHR-0003'); // => 'UHR-0003'
 * ```
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
