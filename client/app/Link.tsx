import type { ReactNode } from 'react';
import { onLinkClick } from './router.ts';

interface LinkProps {
  to: string;
  className?: string;
  children: ReactNode;
  title?: string;
  'data-testid'?: string;
}

export function Link({ to, children, ...rest }: LinkProps) {
  return (
    <a href={to} onClick={(e) => onLinkClick(e, to)} {...rest}>
      {children}
    </a>
  );
}
