-- $1 adcode, $2 zone id, $3 the basis in one sentence (domain/ban-zone.ts describeBasis). Completes the published copy.
UPDATE published_ban_zone SET basis_summary = $3 WHERE adcode = $1 AND id = $2
