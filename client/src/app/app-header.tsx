import type { ReactNode } from 'react'

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  /** The middle of the bar (the search box on the map page, the page name elsewhere). */
  children?: ReactNode
  /** The right end of the bar (the user menu). */
  end?: ReactNode
  /** Clicking the product name goes to the map. */
  onHome?: () => void
}

/** The top bar: product emblem and name, room for the search box, and the user menu. */
export function AppHeader({ children, end, onHome }: AppHeaderProps) {
  return (
    <header className="app-header">
      <a
        className="brand"
        href="/"
        onClick={(event) => {
          if (!onHome) return
          event.preventDefault()
          onHome()
        }}
      >
        <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect x="1" y="1" width="30" height="30" rx="6" fill="#ffffff" fillOpacity="0.14" />
          <path d="M5 12c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#9be3a4" />
          <path d="M5 19c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#e0b774" />
          <circle cx="22" cy="8" r="2.6" fill="#ffd65a" />
        </svg>
        <div className="brand__text">
          <h1 className="brand__name">土壤环境一张图</h1>
          <span className="brand__sub">农用地分类 · 污染地块 · 管控区域 · 监测网络</span>
        </div>
      </a>
      <div className="app-header__search">{children}</div>
      {end && <div className="app-header__end">{end}</div>}
    </header>
  )
}
