import { forwardRef, type ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'normal' | 'small';
  /** Shows the busy state and blocks repeated submits. */
  isPending?: boolean;
};

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'primary', size = 'normal', isPending = false, disabled, className, type = 'button', children, ...rest },
  ref,
) {
  const classes = ['button', `button--${variant}`, size === 'small' ? 'button--small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      ref={ref}
      type={type}
      className={classes}
      disabled={disabled === true || isPending}
      aria-busy={isPending || undefined}
    >
      {isPending && <span className="button__spinner" aria-hidden="true" />}
      {children}
    </button>
  );
});
