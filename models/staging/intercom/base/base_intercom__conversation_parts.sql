-- The current version of each Intercom conversation part (`conversation_part_history` keeps
-- one row per version of a part).
{{ latest_version(source('intercom', 'conversation_part_history')) }}
