-- A new plot's code is its county's highest DK number plus one. The number was padded to four digits with lpad(),
-- which also cuts a longer number to four: past DK9999, or after a county imported its own longer numbers, the next
-- code was a truncated one that could already exist. Pad to at least four digits, never cut.
CREATE OR REPLACE FUNCTION allocate_plot_code(p_adcode char(6)) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_last integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('contaminated_plot_code:' || p_adcode));
  SELECT coalesce(max(substring(code FROM '^[0-9]{6}-DK([0-9]{1,9})$')::integer), 0) INTO v_last
  FROM contaminated_plot WHERE adcode = p_adcode;
  RETURN p_adcode || '-DK' || lpad((v_last + 1)::text, greatest(4, length((v_last + 1)::text)), '0');
END $$;
