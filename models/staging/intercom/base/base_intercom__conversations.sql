-- The current version of each Intercom conversation: Fivetran keeps one row per version of
-- `conversation_history`; the latest `updated_at` is the conversation as it stands.
{{ latest_version(source('intercom', 'conversation_history')) }}
