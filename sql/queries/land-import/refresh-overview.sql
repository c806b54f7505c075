-- $1 county. Rebuilds the county's parcel overview cells.
SELECT refresh_farmland_overview($1) AS cells
