-- Grain: one row per team with the IANA zone of its business schedule (the project's default
-- schedule for a team without one): the zone in which its contact-centre hours are cut.
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
        coalesce(teams.schedule_id, '{{ var("default_schedule_id") }}') as schedule_id,
        schedules.time_zone
    from teams
    inner join schedules on coalesce(teams.schedule_id, '{{ var("default_schedule_id") }}') = schedules.schedule_id

)

select * from final
