/** The one error type the UI sees: the server's `{message, code, extra: {fields}}` shape, or a local stand-in. */

export type FieldErrors = Record<string, string[]>;

export const NETWORK_ERROR_CODE = 'network_error';
export const UNKNOWN_ERROR_CODE = 'unknown_error';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  /** True when the server sent a human-readable message meant for the user. */
  readonly hasServerMessage: boolean;

  constructor(options: { status: number; code: string; message: string; fields?: FieldErrors; hasServerMessage: boolean }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.hasServerMessage = options.hasServerMessage;
  }

  /** Messages for one input; `non_field_errors` are shown above the form. */
  fieldMessages(field: string): string[] {
    return this.fields[field] ?? [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flattens `extra.fields` to one list of messages per input. Nested serializers keep their nesting
 * on the server (`{"availability": {"until": […]}}`, a list body as `[{}, {"url": […]}]`); here
 * they become dotted keys: `availability.until`, `1.url`.
 */
function flattenFields(value: unknown, prefix: string, fields: FieldErrors): void {
  const key = prefix || 'non_field_errors';
  if (typeof value === 'string') {
    fields[key] = [...(fields[key] ?? []), value];
  } else if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) {
      if (value.length > 0) fields[key] = [...(fields[key] ?? []), ...value];
      return;
    }
    value.forEach((item, index) => {
      flattenFields(item, prefix ? `${prefix}.${String(index)}` : String(index), fields);
    });
  } else if (isRecord(value)) {
    for (const [name, child] of Object.entries(value)) flattenFields(child, prefix ? `${prefix}.${name}` : name, fields);
  }
}

function parseFields(extra: unknown): FieldErrors {
  if (!isRecord(extra)) return {};
  const fields: FieldErrors = {};
  flattenFields(extra.fields, '', fields);
  return fields;
}

/** Builds an ApiError from a failed response body, tolerating proxies that answer with HTML. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.message === 'string') {
    return new ApiError({
      status,
      code: typeof body.code === 'string' ? body.code : UNKNOWN_ERROR_CODE,
      message: body.message,
      fields: parseFields(body.extra),
      hasServerMessage: body.message.length > 0,
    });
  }
  return new ApiError({ status, code: UNKNOWN_ERROR_CODE, message: `HTTP ${status}`, hasServerMessage: false });
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({
    status: 0,
    code: NETWORK_ERROR_CODE,
    message: cause instanceof Error ? cause.message : 'Network error',
    hasServerMessage: false,
  });
  error.cause = cause;
  return error;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
