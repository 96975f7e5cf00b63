/**
 * What the personal API tokens page and the SCIM tokens page have in common: a secret shown once after
 * creation, a create form with a name, a paginated list and revocation with a confirmation. Each page
 * keeps its own texts under its namespace (`tokens.*`, `scimTokens.*`), with the keys listed here.
 */
export type TokenTexts = 'tokens' | 'scimTokens';
export const TOKEN_TEXT_KEYS = [
  'fields.name',
  'create.title',
  'create.nameHint',
  'create.submit',
  'secret.title',
  'secret.warning',
  'secret.dismiss',
  'list.title',
  'list.caption',
  'list.empty',
  'revoke.button',
  'revoke.buttonFor',
  'revoke.confirmTitle',
  'revoke.confirmText',
  'revoke.confirm',
  'revoke.done',
] as const;
export type TokenTextKey = (typeof TOKEN_TEXT_KEYS)[number];
