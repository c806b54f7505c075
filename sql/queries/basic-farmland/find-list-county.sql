-- $1 class list id: the county it belongs to.
SELECT adcode::text AS adcode FROM class_list WHERE id = $1
