-- $1 adcode: rebuild the low-zoom parcel overview after the published classes changed
SELECT refresh_farmland_overview($1)
