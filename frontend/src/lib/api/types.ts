/**
 * Helpers that read request and response types out of the generated `paths`, so features never
 * depend on drf-spectacular's component names and never hand-write a response type.
 */
import type { paths } from '@/lib/api/schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type ApiPath = keyof paths;

export type ResponseBody<P extends ApiPath, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer T } }
      ? T
      : never
    : never
  : never;

export type RequestBody<P extends ApiPath, M extends Method> = paths[P][M] extends {
  requestBody?: { content: infer C };
}
  ? C extends { 'application/json': infer T }
    ? T
    : C extends { 'multipart/form-data': infer T }
      ? T
      : never
  : never;

export type QueryParams<P extends ApiPath, M extends Method = 'get'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** One element of a paginated list response. */
export type ListItem<P extends ApiPath> =
  ResponseBody<P, 'get'> extends { results: (infer T)[] } ? T : never;

export type Me = ResponseBody<'/api/v1/auth/me/', 'get'>;
export type Role = NonNullable<Me['role']>;
