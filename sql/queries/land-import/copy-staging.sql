COPY land_import_copy (seq, attrs, mapped, geometry, target, problems) FROM STDIN
