import type { ReactNode } from 'react'

/** The full-page frame of the login and forced change-password pages: product panel on the left, card on the right. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth-page">
      <section className="auth-page__brand" aria-label="系统简介">
        <svg
          className="auth-page__contours"
          viewBox="0 0 600 600"
          aria-hidden="true"
          preserveAspectRatio="xMidYMid slice"
        >
          {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
            <path
              key={i}
              d={`M-20 ${120 + i * 60} C 120 ${60 + i * 62}, 260 ${200 + i * 48}, 380 ${130 + i * 58} S 560 ${90 + i * 64}, 640 ${150 + i * 56}`}
              fill="none"
              stroke="#ffffff"
              strokeOpacity={0.07 + i * 0.012}
              strokeWidth={1.4}
            />
          ))}
        </svg>
        <div className="auth-page__brand-inner">
          <svg className="auth-page__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect x="1" y="1" width="30" height="30" rx="6" fill="#ffffff" fillOpacity="0.14" />
            <path d="M5 12c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#9be3a4" />
            <path d="M5 19c4-3 8-3 11 0s7 3 11 0v4c-4 3-8 3-11 0s-7-3-11 0z" fill="#e0b774" />
            <circle cx="22" cy="8" r="2.6" fill="#ffd65a" />
          </svg>
          <h1 className="auth-page__name">土壤环境一张图</h1>
          <p className="auth-page__tagline">土壤污染防治数据共享与审定发布平台</p>
          <ul className="auth-page__points">
            <li>
              <strong>农用地分类</strong>优先保护、安全利用、严格管控，依据 GB 15618-2018
            </li>
            <li>
              <strong>污染地块名录</strong>负面清单与管控区域，审定后向社会公开
            </li>
            <li>
              <strong>用地准入核查</strong>对照名录、管控区域和 GB 36600-2018 出具意见
            </li>
            <li>
              <strong>监测网络</strong>点位覆盖与监测结果，三部门共用一张图
            </li>
          </ul>
          <p className="auth-page__departments">农业农村局 · 自然资源局 · 生态环境局</p>
        </div>
      </section>
      <main className="auth-page__main">{children}</main>
    </div>
  )
}
