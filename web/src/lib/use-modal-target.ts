import { useCallback, useState } from 'react';

/**
 * Which row a modal is acting on. The row is kept after the modal closes, so its title does not go blank
 * during the closing animation.
 */
export function useModalTarget<T>() {
  const [state, setState] = useState<{ open: boolean; target: T | undefined }>({ open: false, target: undefined });
  const show = useCallback((target: T) => setState({ open: true, target }), []);
  const hide = useCallback(() => setState((s) => ({ ...s, open: false })), []);
  return { open: state.open, target: state.target, show, hide };
}
