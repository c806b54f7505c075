-- $1 adcode, $2 what was loaded (JSON), $3 the county code as the entity id
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, after)
VALUES ($1, 'county', $3, 'import', 'sample-data', '加载生成的示例数据', $2)
