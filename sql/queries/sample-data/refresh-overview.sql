-- $1 adcode: rebuild the low-zoom parcel overview of one county
SELECT refresh_farmland_overview($1)
