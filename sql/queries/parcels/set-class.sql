-- $1 parcel id, $2 class, $3 class method, $4 class basis. The class of an edited parcel (recomputed or kept);
-- it no longer comes from a published class list. The version is not moved (the edit already moved it).
UPDATE farmland_parcel SET class = $2, class_method = $3, class_basis = $4, class_list_id = NULL WHERE id = $1
