import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { SafeHtml } from '@/components/ui/safe-html';
import { HIGHLIGHT_TAGS, RICH_TEXT_TAGS } from '@/components/ui/sanitize';

const PAYLOADS = [
  '<script>window.pwned = 1</script>',
  '<img src="x" onerror="window.pwned = 1">',
  '<svg onload="window.pwned = 1"><circle /></svg>',
  '<iframe src="javascript:window.pwned = 1"></iframe>',
  '<a href="javascript:window.pwned = 1">a</a>',
  '<p style="background:url(javascript:1)" onmouseover="window.pwned = 1">p</p>',
  '<mark onclick="window.pwned = 1">m</mark>',
];

describe('SafeHtml', () => {
  it.each(PAYLOADS)('renders no script, handler or javascript: URL for %s', (payload) => {
    for (const tags of [HIGHLIGHT_TAGS, RICH_TEXT_TAGS]) {
      const { container, unmount } = render(<SafeHtml html={`ok ${payload}`} allowedTags={tags} />);
      expect(container.querySelector('script, img, svg, iframe, style')).toBeNull();
      for (const element of container.querySelectorAll('*')) {
        const attributes = Array.from(element.attributes, (attribute) => attribute.name);
        expect(attributes.filter((name) => name.startsWith('on') || name === 'style')).toEqual([]);
        expect(element.getAttribute('href') ?? '').not.toMatch(/javascript:/i);
      }
      expect(container.innerHTML).not.toContain('pwned');
      unmount();
    }
  });

  it('keeps marks in highlights and only marks', () => {
    const { container } = render(<SafeHtml html="<em>Cloud</em>-<mark>Migration</mark>" allowedTags={HIGHLIGHT_TAGS} />);
    expect(container.innerHTML).toBe('<span>Cloud-<mark>Migration</mark></span>');
  });

  it('keeps the rich text a bio may contain, with safe links', () => {
    const { container } = render(
      <SafeHtml as="div" html='<p><strong>A</strong> <em>B</em></p><ul><li>C</li></ul><a href="https://example.org" class="x">D</a>' allowedTags={RICH_TEXT_TAGS} />,
    );
    expect(container.innerHTML).toBe(
      '<div><p><strong>A</strong> <em>B</em></p><ul><li>C</li></ul><a href="https://example.org" rel="noopener noreferrer nofollow">D</a></div>',
    );
  });
});
