/** Text that may hold Dutch terms in parentheses: in right-to-left languages those run left to right. */
import { bidiParts } from '../../site/bidi.ts';

export function Bidi({ text, rtl }: { text: string; rtl: boolean }) {
  if (!rtl) return <>{text}</>;
  return (
    <>
      {bidiParts(text, true).map((p, i) =>
        p.ltr ? (
          <span dir="ltr" key={i}>
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
