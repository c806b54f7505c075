import helmet from 'helmet'

/** helmet's security headers of every answer, with the map's tile and worker sources allowed by the CSP. */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org', 'https://*.tianditu.gov.cn'],
        'connect-src': ["'self'", 'https://tile.openstreetmap.org', 'https://*.tianditu.gov.cn'],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
      },
    },
  })
}
