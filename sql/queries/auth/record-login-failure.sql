-- $1 user name, $2 failures before lock-out, $3 lock-out minutes. Counts a failure; the last one locks.
INSERT INTO login_failure AS f (username, failed_count, last_failed_at)
VALUES ($1, 1, now())
ON CONFLICT (username) DO UPDATE SET
  failed_count = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1 ELSE f.failed_count + 1 END,
  last_failed_at = now(),
  locked_until = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN NULL ELSE f.locked_until END
RETURNING failed_count
