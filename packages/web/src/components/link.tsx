// An in-app link that navigates without reloading the page.
import type { AnchorHTMLAttributes } from 'react';
import { onLinkClick } from '../lib/router.ts';

/** Anchor with client-side navigation for hrefs starting with '/'. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      {...props}
      onClick={(e) => {
        props.onClick?.(e);
        onLinkClick(e);
      }}
    />
  );
}
