/** Expert shapes shared by the profile preview, the directory and the public profile page. */
import type { ResponseBody } from '@/lib/api/types';

export type ExpertDetailData = ResponseBody<'/api/v1/public/experts/{slug}/', 'get'>;
export type ExpertCardData = ExpertDetailData['related'][number];
export type ProfileSkillData = NonNullable<ExpertDetailData['skills']>[number];
export type AvailabilityData = NonNullable<ExpertDetailData['availability']>;
export type LinkData = NonNullable<ExpertDetailData['links']>[number];

export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;
export const AVAILABILITY_KINDS = ['press', 'talks', 'customers', 'mentoring'] as const;
export const LINK_KINDS = ['linkedin', 'xing', 'blog', 'orcid', 'github', 'mastodon', 'website'] as const;
export const LANGUAGE_LEVELS = ['native', 'C2', 'C1', 'B2', 'B1', 'A2', 'A1'] as const;
