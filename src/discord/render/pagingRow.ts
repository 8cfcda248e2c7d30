import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { linkableUrl } from './citationMarkdown.ts';

/** Discord's longest URL for a link button. */
const MAX_LINK_URL = 512;

export interface PagingRowOptions {
  /** Builds the custom id that opens a page (0-based). */
  pageId: (page: number) => string;
  page: number;
  pages: number;
  /** What the middle label counts: "2 of 4" by default. */
  label?: (page: number, pages: number) => string;
  /** A link button after the paging buttons, e.g. to the article itself. */
  link?: { label: string; url: string | undefined };
}

/** A link button, when the URL is a web address Discord accepts. */
function linkButton(label: string, url: string | undefined): APIButtonComponent | undefined {
  const href = linkableUrl(url);
  if (!href || href.length > MAX_LINK_URL) return undefined;
  return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: href };
}

/** `◀ Previous` `2 of 4` `Next ▶`, disabled at either end, and an optional link; none when nothing to page. */
export function pagingRow(options: PagingRowOptions): APIActionRowComponent<APIButtonComponent> | undefined {
  const { page, pages, pageId } = options;
  const buttons: APIButtonComponent[] = [];
  if (pages > 1) {
    const label = options.label ?? ((current, total) => `${current + 1} of ${total}`);
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: '◀ Previous',
        custom_id: pageId(page - 1),
        disabled: page <= 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: label(page, pages),
        custom_id: pageId(page),
        disabled: true,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Next ▶',
        custom_id: pageId(page + 1),
        disabled: page >= pages - 1,
      },
    );
  }
  const link = options.link && linkButton(options.link.label, options.link.url);
  if (link) buttons.push(link);
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : undefined;
}
