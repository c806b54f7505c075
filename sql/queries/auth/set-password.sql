-- $1 user id, $2 new hash, $3 must the user change it at next login
UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now(),
       version = version + 1
WHERE id = $1
