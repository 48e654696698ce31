-- Grain: one row per team with the IANA zone of its business schedule (staging gives a team
-- without one the project's default schedule): the zone its contact-centre hours are cut in.
with

teams as (

    {{ staged('teams') }}

),

schedules as (

    select * from {{ ref('int_business_schedules') }}

),

final as (

    select
        teams.team_id,
        teams.schedule_id,
        schedules.time_zone
    from teams
    inner join schedules on teams.schedule_id = schedules.schedule_id

)

select * from final
