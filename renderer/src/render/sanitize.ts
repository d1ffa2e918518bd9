// The one gate between rendered Markdown and the DOM: every HTML string goes
// through DOMPurify here. Notes are untrusted input (a folder may come from
// anywhere), so scripts, frames, forms, handlers and script URLs never pass.

import createDOMPurify, { type Config } from 'dompurify';

const EXTERNAL_SCHEME = /^(https?:|mailto:)/i;
const DANGEROUS_STYLE = /url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:|-moz-binding/i;

const purify = createDOMPurify(window);

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'textarea', 'select', 'option', 'style', 'link', 'meta', 'base', 'template', 'dialog', 'portal', 'input'],
  FORBID_ATTR: ['srcset', 'action', 'formaction', 'xlink:href', 'ping'],
  ALLOW_DATA_ATTR: true,
  ADD_ATTR: ['target'],
};

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'style' && DANGEROUS_STYLE.test(data.attrValue)) data.keepAttr = false;
  if (data.attrName.startsWith('on')) data.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  const el = node as Element;
  if (el.tagName === 'A') {
    const href = el.getAttribute('href') ?? '';
    if (EXTERNAL_SCHEME.test(href)) {
      // Outside the notebook: a new browsing context the app never shares its window with.
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
      el.classList.add('external-link');
    } else {
      el.removeAttribute('target');
    }
  }
});

/** Sanitised HTML, safe to assign to innerHTML. */
export function sanitizeHtml(html: string): string {
  return purify.sanitize(html, CONFIG);
}
