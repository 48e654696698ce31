-- Grain: one row per agent shift, with the hours lost to planned and unplanned absence
-- and the shift's cost (scheduled hours times the agent's hourly cost).
with

shifts as (

    select * from {{ ref('stg_helpdesk__agent_shifts') }}

),

agents as (

    {{ staged('agents') }}

),

absences as (

    select * from {{ ref('stg_helpdesk__agent_absences') }}

),

absence_overlaps as (

    select
        shifts.shift_id,
        sum(case when absences.absence_type = 'planned' then
            {{ minutes_between(
                'case when absences.starts_at > shifts.starts_at then absences.starts_at else shifts.starts_at end',
                'case when absences.ends_at < shifts.ends_at then absences.ends_at else shifts.ends_at end'
            ) }} / 60.0 else 0 end) as planned_absence_hours,
        sum(case when absences.absence_type = 'unplanned' then
            {{ minutes_between(
                'case when absences.starts_at > shifts.starts_at then absences.starts_at else shifts.starts_at end',
                'case when absences.ends_at < shifts.ends_at then absences.ends_at else shifts.ends_at end'
            ) }} / 60.0 else 0 end) as unplanned_absence_hours
    from shifts
    inner join absences
        on
            shifts.agent_id = absences.agent_id
            and shifts.ends_at > absences.starts_at
            and shifts.starts_at < absences.ends_at
    group by shifts.shift_id

),

final as (

    select
        shifts.shift_id,
        shifts.agent_id,
        agents.team_id,
        agents.is_bot,
        shifts.starts_at,
        shifts.ends_at,
        {{ reporting_date('shifts.starts_at') }} as shift_date,
        {{ minutes_between('shifts.starts_at', 'shifts.ends_at') }} / 60.0 as scheduled_hours,
        coalesce(absence_overlaps.planned_absence_hours, 0) as planned_absence_hours,
        coalesce(absence_overlaps.unplanned_absence_hours, 0) as unplanned_absence_hours,
        {{ minutes_between('shifts.starts_at', 'shifts.ends_at') }} / 60.0 * coalesce(agents.hourly_cost_usd, 0)
            as shift_cost_usd
    from shifts
    inner join agents on shifts.agent_id = agents.agent_id
    left join absence_overlaps on shifts.shift_id = absence_overlaps.shift_id

)

select * from final
