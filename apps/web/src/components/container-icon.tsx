import { useState } from 'react';

/** A container's icon, or its initial on a tinted square when it has none (or the image fails). */
export function ContainerIcon({
  name,
  icon,
  size = 20,
}: {
  name: string;
  icon: string | null;
  size?: number;
}) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size };
  if (icon && !broken) {
    return (
      <img
        src={icon}
        alt=""
        style={style}
        className="shrink-0 rounded object-contain"
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span
      aria-hidden
      style={{ ...style, fontSize: size * 0.55 }}
      className="grid shrink-0 place-items-center rounded bg-accent/15 font-semibold text-accent uppercase"
    >
      {name.replace(/[^a-z0-9]/gi, '').charAt(0) || '?'}
    </span>
  );
}
