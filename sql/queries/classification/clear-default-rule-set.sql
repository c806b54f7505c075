-- Makes no rule set the default (before another one becomes it).
UPDATE class_rule_set SET is_default = false WHERE is_default
