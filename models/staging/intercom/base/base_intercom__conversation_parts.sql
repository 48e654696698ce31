-- The current version of each Intercom conversation part (`conversation_part_history` keeps
-- one row per version of a part).
with

versions as (

    select
        *,
        row_number() over (partition by id order by updated_at desc) as version_rank
    from {{ source('intercom', 'conversation_part_history') }}

)

select * from versions
where version_rank = 1
