-- Grain: one row per support team, with its business-hours schedule and the time zone it
-- works in (its schedule's, or the default schedule's when it has none: int_team_time_zones).
with

teams as (

    {{ staged('teams') }}

),

zones as (

    select * from {{ ref('int_team_time_zones') }}

),

final as (

    select
        teams.team_id,
        teams.team_name,
        teams.schedule_id,
        zones.time_zone
    from teams
    left join zones on teams.team_id = zones.team_id

)

{{ select_contract_columns('final') }}
