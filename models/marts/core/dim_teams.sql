-- Grain: one row per support team, with its business-hours schedule and time zone.
with

teams as (

    select * from {{ ref('stg_helpdesk__teams') }}

),

schedules as (

    select * from {{ ref('business_schedules') }}

),

final as (

    select
        teams.team_id,
        teams.team_name,
        teams.schedule_id,
        schedules.time_zone
    from teams
    left join schedules on teams.schedule_id = schedules.schedule_id

)

select * from final
