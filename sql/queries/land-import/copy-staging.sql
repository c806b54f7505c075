COPY land_import_copy (seq, attrs, bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, geometry, target, problems) FROM STDIN
