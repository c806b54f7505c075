-- Statistics of the overlap check's scratch table, so that the self-join probes its spatial index.
ANALYZE land_import_probe
