-- Grain: one row per business schedule, ISO day of week and opening interval, in minutes
-- from local midnight (1440 closes at the next midnight): the seed business_hours (HH:MM)
-- and the Zendesk schedules' intervals.
with

seeded as (

    select
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        day_of_week,
        cast(split_part(open_time, ':', 1) as integer) * 60
        + cast(split_part(open_time, ':', 2) as integer) as open_minute,
        cast(split_part(close_time, ':', 1) as integer) * 60
        + cast(split_part(close_time, ':', 2) as integer) as close_minute
    from {{ ref('business_hours') }}

),

unioned as (

    select * from seeded
    {%- if zendesk_schedules_enabled() %}

        union all

        select
            schedule_id,
            day_of_week,
            open_minute,
            close_minute
        from {{ ref('stg_zendesk__business_hours') }}
    {%- endif %}

)

select * from unioned
