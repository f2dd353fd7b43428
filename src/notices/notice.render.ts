import type { Register } from '../register/register.schema.js';
import { buildNotice } from './notice.build.js';
import { noticeToHtml } from './notice.html.js';
import { noticeToMarkdown } from './notice.markdown.js';
import type { Lang } from './notice.model.js';

export type NoticeFormat = 'md' | 'html';

/** Renders the company's privacy notice from its register. Pure: same register, same text. */
export function renderNotice(register: Register, options: { lang: Lang; format: NoticeFormat }): string {
  const doc = buildNotice(register, options.lang);
  return options.format === 'html' ? noticeToHtml(doc) : noticeToMarkdown(doc);
}
