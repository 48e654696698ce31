-- The current version of each Intercom conversation: Fivetran keeps one row per version of
-- `conversation_history`; the latest `updated_at` is the conversation as it stands.
with

versions as (

    select
        *,
        row_number() over (partition by id order by updated_at desc) as version_rank
    from {{ source('intercom', 'conversation_history') }}

)

select * from versions
where version_rank = 1
