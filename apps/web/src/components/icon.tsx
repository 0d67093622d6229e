import type { SVGProps } from 'react';

// Hand-drawn 16×16 stroke icons: a handful of shapes is cheaper than an icon library in the bundle.
const PATHS = {
  dashboard: 'M2.5 2.5h4.5v5.5H2.5zM9 2.5h4.5v3.5H9zM9 8h4.5v5.5H9zM2.5 10h4.5v3.5H2.5z',
  containers: 'M2.5 4.5 8 2l5.5 2.5v7L8 14l-5.5-2.5zM2.5 4.5 8 7l5.5-2.5M8 7v7',
  images: 'M8 2 14 5 8 8 2 5zM2 8l6 3 6-3M2 11l6 3 6-3',
  networks: 'M8 2.5v3M8 10.5v3M3 8h10M4.5 13.5h7M6 5.5h4v5H6z',
  volumes:
    'M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2zm0 0v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2',
  events: 'M1.5 8h3l2-5 3 10 2-5h3',
  admin: 'M8 1.5 13.5 4v4c0 3.2-2.4 5.6-5.5 6.5C4.9 13.6 2.5 11.2 2.5 8V4zM6 8l1.5 1.5L10.5 6',
  sun: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1',
  moon: 'M13.5 9.5A5.5 5.5 0 1 1 6.5 2.5a4.5 4.5 0 0 0 7 7z',
  menu: 'M2 4h12M2 8h12M2 12h12',
  close: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
  signOut: 'M6 2.5H3v11h3M10.5 5 13.5 8l-3 3M13.5 8H6',
  search: 'M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.5 10.5 14 14',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
  pause: 'M5 3v10M11 3v10',
  play: 'M4.5 2.5v11l9-5.5z',
  refresh: 'M13 3v3.5H9.5M12.8 6.5A5 5 0 1 0 13 10',
  back: 'M10 3 5 8l5 5',
  alert: 'M8 2 14.5 13.5h-13zM8 6.5v3.5M8 11.5v.5',
  check: 'M3 8.5 6.5 12 13 4.5',
  layers: 'M2.5 5.5 8 2.5l5.5 3L8 8.5zM2.5 10.5 8 13.5l5.5-3',
  bell: 'M3 11.5h10l-1.5-2V6.5a3.5 3.5 0 0 0-7 0v3zM6.5 13.5h3',
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon; the text beside it carries the meaning, so screen readers skip it. */
export function Icon({ name, className = 'size-4', ...rest }: { name: IconName } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      className={`shrink-0 ${className}`}
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
