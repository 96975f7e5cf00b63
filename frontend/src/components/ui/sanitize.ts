/** Allow-list HTML sanitising into React elements (no innerHTML anywhere). */
import { createElement, Fragment, type ReactNode } from 'react';

/** Elements dropped together with their content; everything else unknown is unwrapped to its text. */
const DROPPED = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'head']);
const VOID = new Set(['br']);
const SAFE_URL = /^(https?:|mailto:)/i;

/** Inline highlight snippets from search: only `<mark>` survives. */
export const HIGHLIGHT_TAGS: readonly string[] = ['mark'];
/** The rich text the server stores for a bio: paragraphs, bold, italic, lists, links. */
export const RICH_TEXT_TAGS: readonly string[] = ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a'];

function toReact(node: Node, allowed: ReadonlySet<string>, key: string): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (DROPPED.has(tag)) return null;
  const children = Array.from(element.childNodes, (child, index) => toReact(child, allowed, `${key}.${index}`));
  if (!allowed.has(tag)) return createElement(Fragment, { key }, ...children);
  // No attribute is copied except a checked link target: no handlers, no styles, no classes.
  const props: Record<string, string> = { key };
  if (tag === 'a') {
    const href = element.getAttribute('href')?.trim() ?? '';
    if (SAFE_URL.test(href)) {
      props.href = href;
      props.rel = 'noopener noreferrer nofollow';
    }
  }
  return VOID.has(tag) ? createElement(tag, props) : createElement(tag, props, ...children);
}

/** Parses HTML in an inert document and rebuilds only allow-listed elements as React elements. */
export function sanitizeToReact(html: string, allowedTags: readonly string[]): ReactNode {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const allowed = new Set(allowedTags);
  return Array.from(document.body.childNodes, (child, index) => toReact(child, allowed, String(index)));
}
