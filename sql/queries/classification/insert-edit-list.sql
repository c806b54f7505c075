-- $1 adcode, $2 rule set version, $3 user name. A new draft list for classes recomputed by parcel edits; it is
-- complete from the start (its entries are the published ones plus the recomputed).
INSERT INTO class_list (adcode, title, rule_set_version, created_by, is_complete)
SELECT $1, c.name || '耕地土壤环境质量类别清单（图斑编辑后重新计算，' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '）',
       $2, $3, true
FROM county c WHERE c.adcode = $1
RETURNING id
