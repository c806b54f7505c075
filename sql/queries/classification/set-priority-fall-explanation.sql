-- $1 county code, $2 list id, $3 the written explanation of a fall of the 优先保护类 area (NULL when it does not fall).
UPDATE class_list SET priority_fall_explanation = $3 WHERE adcode = $1 AND id = $2
