COPY land_import_copy (seq, attrs, mapped, geojson, target, problems) FROM STDIN
