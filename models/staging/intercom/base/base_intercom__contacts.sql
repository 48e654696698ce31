-- The current version of each Intercom contact (`contact_history`): role `user` is an
-- identified customer, `lead` an anonymous visitor.
with

versions as (

    select
        *,
        row_number() over (partition by id order by updated_at desc) as version_rank
    from {{ source('intercom', 'contact_history') }}

)

select * from versions
where version_rank = 1
