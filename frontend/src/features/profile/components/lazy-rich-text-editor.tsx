import { lazy, Suspense, type ComponentProps } from 'react';

import { Spinner } from '@/components/ui/spinner';

/**
 * The rich-text editor (TipTap and ProseMirror, about 130 KB gzip) loads in its own chunk after the rest of
 * the profile editor is on screen: the bio sits below the fold, and the page no longer waits for it.
 */
const Editor = lazy(async () => ({ default: (await import('@/features/profile/components/rich-text-editor')).RichTextEditor }));

export function RichTextEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={<Spinner label={props.label} />}>
      <Editor {...props} />
    </Suspense>
  );
}
