import type { MouseEvent } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

type Props = Omit<ButtonProps, 'href' | 'onClick'> & { to: string };

/**
 * A real link (<a href>) that looks like a button and navigates inside the app.
 * Wrapping a <Button> in <Link> would nest a button inside an anchor, which is invalid HTML.
 */
export function ButtonLink({ to, ...rest }: Props) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLElement>) => {
    // Let modified clicks (new tab, new window) behave like any link.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <Button {...rest} href={to} onClick={onClick} />;
}
