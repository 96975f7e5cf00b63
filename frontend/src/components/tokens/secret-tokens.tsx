import { useState, type FormEvent, type ReactNode } from 'react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, TextField } from '@/components/ui/form';
import { Card, EmptyState } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import type { TokenTextKey, TokenTexts } from '@/components/tokens/token-texts';

type Created = { name: string; secret: string };

function useTokenTexts(texts: TokenTexts) {
  const { t } = useTranslation();
  return (key: TokenTextKey, values?: Record<string, string>) => t(`${texts}.${key}`, values);
}

function NewSecret({ texts, created, onDismiss }: { texts: TokenTexts; created: Created; onDismiss: () => void }) {
  const text = useTokenTexts(texts);
  return (
    <div className="secret" role="region" aria-labelledby={`${texts}-new-heading`} data-testid="token-secret-panel">
      <h2 id={`${texts}-new-heading`}>{text('secret.title', { name: created.name })}</h2>
      <p className="alert alert--warning" role="alert">
        {text('secret.warning')}
      </p>
      <div className="secret__value">
        <code data-testid="token-secret">{created.secret}</code>
        <CopyButton value={created.secret} />
      </div>
      <Button variant="secondary" onClick={onDismiss}>
        {text('secret.dismiss')}
      </Button>
    </div>
  );
}

export interface TokenCreateFormProps<Body extends { name: string }> {
  texts: TokenTexts;
  maxLength: number;
  create: UseMutationResult<{ name: string; token: string }, Error, Body>;
  /** The request body for a name (a page adds its own fields' values). */
  body: (name: string) => Body;
  onCreated: (created: Created) => void;
  /** Fields beyond the name (e.g. how long a token is valid). */
  children?: ReactNode;
}

export function TokenCreateForm<Body extends { name: string }>({
  texts,
  maxLength,
  create,
  body,
  onCreated,
  children,
}: TokenCreateFormProps<Body>) {
  const text = useTokenTexts(texts);
  const [name, setName] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(body(name.trim()), {
      onSuccess: (token) => {
        setName('');
        onCreated({ name: token.name, secret: token.token });
      },
    });
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={text('create.title')}>
      <FormError error={create.error} />
      <TextField
        label={text('fields.name')}
        name="name"
        required
        maxLength={maxLength}
        value={name}
        hint={text('create.nameHint')}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors(create.error, 'name')}
      />
      {children}
      <div className="form__actions">
        <Button type="submit" isPending={create.isPending}>
          {text('create.submit')}
        </Button>
      </div>
    </form>
  );
}

export interface TokenColumn<Token> {
  header: string;
  cell: (token: Token) => ReactNode;
}

export interface SecretTokensProps<Token extends { name: string }, Key> {
  texts: TokenTexts;
  list: UseQueryResult<{ count: number; results: Token[] }>;
  page: number;
  onPageChange: (page: number) => void;
  rowKey: (token: Token) => string | number;
  /** Columns after the name. */
  columns: TokenColumn<Token>[];
  revoke: UseMutationResult<unknown, Error, Key>;
  revokeKey: (token: Token) => Key;
  /** The create form; it calls `onCreated` with the secret to show once. */
  createForm: (onCreated: (created: Created) => void) => ReactNode;
}

/** The create card, the secret shown once, the list and revocation. */
export function SecretTokens<Token extends { name: string }, Key>({
  texts,
  list,
  page,
  onPageChange,
  rowKey,
  columns,
  revoke,
  revokeKey,
  createForm,
}: SecretTokensProps<Token, Key>) {
  const { t } = useTranslation();
  const text = useTokenTexts(texts);
  const [created, setCreated] = useState<Created | null>(null);
  const [toRevoke, setToRevoke] = useState<Token | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const tokens = list.data?.results ?? [];

  return (
    <>
      {created && <NewSecret texts={texts} created={created} onDismiss={() => setCreated(null)} />}
      <Card title={text('create.title')}>
        {createForm((token) => {
          setRevokedName(null);
          setCreated(token);
        })}
      </Card>
      <Card title={text('list.title')}>
        {revokedName && (
          <p className="alert alert--success" role="status">
            {text('revoke.done', { name: revokedName })}
          </p>
        )}
        {list.isPending && <Spinner />}
        <ErrorAlert error={list.error} />
        {list.data &&
          (tokens.length === 0 ? (
            <EmptyState>{text('list.empty')}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{text('list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text('fields.name')}</th>
                    {columns.map((column) => (
                      <th scope="col" key={column.header}>
                        {column.header}
                      </th>
                    ))}
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={rowKey(token)}>
                      <th scope="row">{token.name}</th>
                      {columns.map((column) => (
                        <td key={column.header}>{column.cell(token)}</td>
                      ))}
                      <td className="table__actions">
                        <Button
                          variant="danger"
                          size="small"
                          onClick={() => setToRevoke(token)}
                          aria-label={text('revoke.buttonFor', { name: token.name })}
                        >
                          {text('revoke.button')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {list.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={list.data.count} onPageChange={onPageChange} />
        )}
      </Card>
      {toRevoke && (
        <ConfirmDialog
          title={text('revoke.confirmTitle', { name: toRevoke.name })}
          confirmLabel={text('revoke.confirm')}
          isPending={revoke.isPending}
          error={revoke.error}
          onCancel={() => {
            revoke.reset();
            setToRevoke(null);
          }}
          onConfirm={() =>
            revoke.mutate(revokeKey(toRevoke), {
              onSuccess: () => {
                setRevokedName(toRevoke.name);
                setToRevoke(null);
                if (tokens.length === 1 && page > 1) onPageChange(page - 1);
              },
            })
          }
        >
          <p>{text('revoke.confirmText')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
