import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/**
 * Rich text limited to what the server keeps: paragraphs, bold, italic, lists and links. The
 * server sanitises anyway; this editor simply offers nothing else.
 */
export function RichTextEditor({
  label,
  value,
  onChange,
  errors = [],
}: {
  label: string;
  value: string;
  onChange: (html: string) => void;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('https://');
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], isAllowedUri: (url) => SAFE_LINK.test(url) },
      }),
    ],
    content: value,
    editorProps: {
      attributes: {
        class: 'rich-editor__content input',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': `${id}-label`,
        ...(errors.length > 0 ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {}),
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      link: current.isActive('link'),
    }),
  });

  function applyLink() {
    if (SAFE_LINK.test(href.trim())) {
      editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
      setLinkOpen(false);
    }
  }

  const tools = [
    { key: 'bold', label: t('profile.editor.bold'), active: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: t('profile.editor.italic'), active: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', label: t('profile.editor.bulletList'), active: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', label: t('profile.editor.orderedList'), active: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
  ];

  return (
    <div className={`field rich-editor${errors.length > 0 ? ' field--invalid' : ''}`}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="rich-editor__toolbar" role="toolbar" aria-label={t('profile.editor.toolbar', { label })}>
        {tools.map((tool) => (
          <Button key={tool.key} variant="secondary" size="small" aria-pressed={tool.active} onClick={tool.run}>
            {tool.label}
          </Button>
        ))}
        <Button variant="secondary" size="small" aria-pressed={state.link} aria-expanded={linkOpen} onClick={() => setLinkOpen((open) => !open)}>
          {t('profile.editor.link')}
        </Button>
        {state.link && (
          <Button variant="secondary" size="small" onClick={() => editor.chain().focus().unsetLink().run()}>
            {t('profile.editor.unlink')}
          </Button>
        )}
      </div>
      {linkOpen && (
        <div className="rich-editor__link">
          <label htmlFor={`${id}-href`}>{t('profile.editor.linkUrl')}</label>
          <input
            id={`${id}-href`}
            className="input"
            type="url"
            value={href}
            onChange={(event) => setHref(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                applyLink();
              }
            }}
          />
          <Button size="small" onClick={applyLink} disabled={!SAFE_LINK.test(href.trim())}>
            {t('profile.editor.applyLink')}
          </Button>
        </div>
      )}
      <EditorContent editor={editor} />
      {errors.length > 0 && (
        <ul className="field__errors" id={`${id}-error`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
