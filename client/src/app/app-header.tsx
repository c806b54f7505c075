import type { ReactNode } from 'react'

/** The top bar: product emblem and name, with room for the search box. */
export function AppHeader({ children }: { children: ReactNode }) {
  return (
    <header className="app-header">
      <div className="brand">
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
      </div>
      <div className="app-header__search">{children}</div>
    </header>
  )
}
