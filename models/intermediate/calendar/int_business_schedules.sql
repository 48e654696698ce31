-- Grain: one row per business schedule of every source: the project's own (seed
-- business_schedules) and, when the Zendesk adapter reads them, the account's Zendesk
-- schedules. Every model that times business hours reads its schedules here.
with

seeded as (

    select
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(schedule_name as {{ dbt.type_string() }}) as schedule_name,
        cast(time_zone as {{ dbt.type_string() }}) as time_zone,
        cast('business_schedules' as {{ dbt.type_string() }}) as defined_in
    from {{ ref('business_schedules') }}

),

unioned as (

    select * from seeded
    {%- if zendesk_schedules_enabled() %}

        union all

        select
            schedule_id,
            schedule_name,
            time_zone,
            cast('zendesk' as {{ dbt.type_string() }}) as defined_in
        from {{ ref('stg_zendesk__business_schedules') }}
    {%- endif %}

)

select * from unioned
